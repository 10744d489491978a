// "How are X and Y related?": the form beside the explorer. Runs shortestRelationPath from graph/
// on the graph decoded from graph.json and writes the answer as a list of sentences with links.
// Needs JavaScript but not WebGL; the explorer passes onPath to also highlight it on the canvas.
// The query (?from=…&to=…) is read on load and kept up to date, so a path can be shared as a URL,
// and the form's no-JS submission lands on a page that answers it as soon as scripts run.
import {
  describePath,
  shortestRelationPath,
  type EdgeType,
  type EdgeWording,
  type PathStep,
  type TopicNameIndex,
  type ViewGraph,
} from '../../../graph/index.ts';
import { topicCombobox } from './topicCombobox.ts';

export interface PathToolOptions {
  graph: ViewGraph;
  /** Names the inputs resolve and suggest (titles, ids, aliases). */
  names: TopicNameIndex;
  /** Edge types the walk may use (the explorer's relation filters); undefined for all. */
  types?: () => ReadonlySet<EdgeType> | undefined;
  /** How each edge type reads (graph.json's legend). */
  wording: EdgeWording;
  onPath?: (steps: PathStep[] | null) => void;
}

export function setupPathTool(form: HTMLFormElement, options: PathToolOptions): () => void {
  const { graph, names } = options;
  const doc = form.ownerDocument;
  const from = form.elements.namedItem('from') as HTMLInputElement;
  const to = form.elements.namedItem('to') as HTMLInputElement;
  const result = form.querySelector<HTMLOListElement>('[data-path-result]')!;
  const message = form.querySelector<HTMLElement>('[data-path-message]')!;
  const clear = form.querySelector<HTMLButtonElement>('[data-path-clear]');
  const controller = new AbortController();

  const link = (id: string) => {
    const a = doc.createElement('a');
    a.href = graph.getNodeAttribute(id, 'url');
    a.textContent = graph.getNodeAttribute(id, 'title');
    return a;
  };

  const show = (text: string, steps: PathStep[] = []) => {
    message.textContent = text;
    const sentences = describePath(graph, steps, options.wording);
    result.replaceChildren(
      ...steps.map((step, i) => {
        const li = doc.createElement('li');
        const wording = options.wording(step.type) ?? { forward: step.type, inverse: step.type };
        li.append(link(step.from), ` ${step.direction === 'forward' ? wording.forward : wording.inverse} `, link(step.to));
        // The accessible name is the plain sentence, the same describePath gives the build.
        li.dataset['sentence'] = sentences[i]!;
        return li;
      }),
    );
    form.dataset['pathLength'] = String(steps.length);
  };

  const resolve = (input: HTMLInputElement): string | null => names.resolve(input.value) ?? null;
  const comboboxes = [topicCombobox(from, { names }), topicCombobox(to, { names })];

  const run = () => {
    const a = resolve(from), b = resolve(to);
    const missing = [a === null ? from : null, b === null ? to : null].filter((x) => x !== null);
    if (missing.length > 0) {
      show(missing.map((input) => (input.value.trim() === '' ? `Choose a topic for “${input.labels?.[0]?.textContent?.trim() ?? input.name}”.` : `No topic is called “${input.value.trim()}”.`)).join(' '));
      options.onPath?.(null);
      return;
    }
    const types = options.types?.();
    const steps = shortestRelationPath(graph, a!, b!, types === undefined ? {} : { types });
    const titleA = graph.getNodeAttribute(a!, 'title'), titleB = graph.getNodeAttribute(b!, 'title');
    if (steps === null) {
      show(`${titleA} and ${titleB} are not connected${types !== undefined ? ' through the relation types shown' : ''}.`);
    } else if (steps.length === 0) {
      show(`That is the same topic twice.`);
    } else {
      show(`${titleA} and ${titleB} are ${steps.length} step${steps.length === 1 ? '' : 's'} apart:`, steps);
    }
    options.onPath?.(steps !== null && steps.length > 0 ? steps : null);
    const url = new URL(location.href);
    url.searchParams.set('from', from.value.trim());
    url.searchParams.set('to', to.value.trim());
    history.replaceState(history.state, '', url);
  };

  form.addEventListener(
    'submit',
    (event) => {
      event.preventDefault();
      run();
    },
    { signal: controller.signal },
  );
  clear?.addEventListener(
    'click',
    () => {
      from.value = '';
      to.value = '';
      show('');
      options.onPath?.(null);
      const url = new URL(location.href);
      url.searchParams.delete('from');
      url.searchParams.delete('to');
      history.replaceState(history.state, '', url);
    },
    { signal: controller.signal },
  );

  const params = new URLSearchParams(location.search);
  const initialFrom = params.get('from'), initialTo = params.get('to');
  if (initialFrom !== null && initialTo !== null) {
    from.value = initialFrom;
    to.value = initialTo;
    run();
  }
  form.dataset['ready'] = 'true';
  return () => {
    controller.abort();
    for (const cleanup of comboboxes) cleanup();
  };
}
