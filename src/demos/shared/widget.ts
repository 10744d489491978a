// The frame every demo widget shares: a "guess first" question answered from the build-time typical
// results, labelled controls bound to the page URL (so a link restores the setup), backend choice,
// Run / Copy link / Cancel / Reset, progress, the backend that actually ran (with the fallback note
// when it differs), and a results area the demo's own ui module fills. DOM is built with
// createElement and textContent only, so the widget works under a strict Content-Security-Policy and
// never interprets data (URL values included) as markup.
// Everything a widget takes it gives back: the cleanup returned by mountDemo ends the worker, destroys
// live and final charts (and their ResizeObservers), removes listeners and restores the static
// fallback, so an island can be mounted and unmounted any number of times.
// The widget's state is mirrored in `data-state` on the placeholder (ready, running, done, error,
// cancelled), with `data-backend` and `data-elapsed-ms` after a run, for styling, tests and the bench.
import type { DemoName } from '../names.ts';
import { BACKEND_NAMES, isBackendRequest, type BackendInfo, type BackendRequest } from './protocol.ts';
import { seconds } from './format.ts';
import { answer, type Answer, type Question, type TypicalSeries } from './typical.ts';
import { choice, clearParams, defaultsOf, namespaceFor, parseParams, writeParams, type ChoiceParam, type NumberParam, type ParamSpec, type ParamSpecsFor } from './urlState.ts';
import { DemoWorkerClient, RunCancelled } from './worker-client.ts';
import { element } from './dom.ts';
import './widget.css';

export type Cleanup = () => void;

type KeysOf<S, V> = { [K in keyof S]-?: S[K] extends V ? K : never }[keyof S] & string;

/** Builds labelled form controls bound to the demo's declared parameters (and so to the URL). */
export interface ControlsBuilder<S> {
  /** A drop-down over a choice parameter or a number parameter with a list of values. */
  select<K extends KeysOf<S, string | number>>(key: K, label: string, optionLabel?: (value: S[K]) => string): void;
  /** A slider over a number parameter: its range, or the positions of its list of values. */
  range<K extends KeysOf<S, number>>(key: K, label: string, format?: (value: number) => string): void;
  checkbox<K extends KeysOf<S, boolean>>(key: K, label: string): void;
  /** A number field for the seed every demo takes. */
  seed(): void;
}

export interface RenderContext {
  readonly backend: BackendInfo;
  readonly elapsedMs: number;
}

/** A view that grows while a run is in progress; the widget destroys it when results are cleared. */
export interface LiveView {
  update(partial: unknown): void;
  destroy(): void;
}

export interface DemoDefinition<S, R> {
  readonly name: DemoName;
  /** Every setting, declared once: the controls, the URL and the defaults all come from here. */
  readonly params: ParamSpecsFor<S>;
  /** Adds the demo's controls. */
  controls(builder: ControlsBuilder<S>): void;
  /** Fills `results` from a finished run; the returned cleanup runs before the next render. */
  render(results: HTMLElement, result: R, context: RenderContext): Cleanup;
  /** Optional live view while a run is in progress (curves that grow epoch by epoch). */
  live?(results: HTMLElement): LiveView;
  /** The question the static fallback asks, answered again from the reader's own run. */
  readonly question: Question;
  series(result: R): readonly TypicalSeries[];
}

let widgetCounter = 0;

type Value = string | number | boolean;

interface Binding {
  read(): Value;
  write(value: Value): void;
}

/** The backend asked for by `?demo-backend=` (wasm, webgl, cpu, or broken to test the fallback). */
function backendFromUrl(): BackendRequest | null {
  const value = new URLSearchParams(location.search).get('demo-backend');
  return value !== null && isBackendRequest(value) ? value : null;
}

const BACKEND_LABELS: Record<BackendRequest, string> = {
  wasm: 'wasm (default)',
  webgl: 'webgl',
  cpu: 'cpu (plain JavaScript)',
  broken: 'broken (forced failure, for testing)',
};

function buildControls(
  form: HTMLElement,
  idPrefix: string,
  specs: Record<string, ParamSpec>,
  initial: Record<string, Value>,
  bindings: Map<string, Binding>,
): ControlsBuilder<Record<string, Value>> {
  let counter = 0;
  const field = (label: string, control: HTMLElement, after?: HTMLElement): void => {
    const id = `${idPrefix}-c${counter++}`;
    control.id = id;
    const wrapper = element('div', { class: 'atlas-demo__field' });
    const labelEl = element('label', { for: id }, label);
    if (control instanceof HTMLInputElement && control.type === 'checkbox') wrapper.append(control, labelEl);
    else wrapper.append(labelEl, control);
    if (after) wrapper.append(after);
    form.append(wrapper);
  };
  const spec = (key: string): ParamSpec => {
    const found = specs[key];
    if (!found) throw new Error(`widget: no parameter "${key}" declared`);
    return found;
  };
  return {
    select(key, label, optionLabel = String) {
      const p = spec(key);
      if (p.kind === 'boolean' || (p.kind === 'number' && !p.values)) throw new Error(`widget: "${key}" has no list of values for a drop-down`);
      const values: readonly Value[] = p.values!;
      const select = element('select');
      for (const value of values) select.append(element('option', { value: String(value) }, optionLabel(value as never)));
      bindings.set(key, {
        read: () => (p.kind === 'number' ? Number(select.value) : select.value),
        write: (value) => (select.value = String(value)),
      });
      select.value = String(initial[key]);
      field(label, select);
    },
    range(key, label, format = String) {
      const p = spec(key) as NumberParam;
      const listed = p.values;
      if (!listed && (p.min === undefined || p.max === undefined || p.step === undefined)) throw new Error(`widget: "${key}" needs min, max and step for a slider`);
      const input = listed
        ? element('input', { type: 'range', min: '0', max: String(listed.length - 1), step: '1' })
        : element('input', { type: 'range', min: String(p.min), max: String(p.max), step: String(p.step) });
      const output = element('output', { 'aria-hidden': 'true' });
      const read = (): number => (listed ? listed[Number(input.value)]! : Number(input.value));
      const sync = (): void => {
        const text = format(read());
        output.textContent = text;
        input.setAttribute('aria-valuetext', text);
      };
      bindings.set(key, {
        read,
        write: (value) => {
          input.value = String(listed ? listed.indexOf(value as number) : value);
          sync();
        },
      });
      input.addEventListener('input', sync);
      bindings.get(key)!.write(initial[key]!);
      field(label, input, output);
    },
    checkbox(key, label) {
      spec(key);
      const input = element('input', { type: 'checkbox' });
      bindings.set(key, { read: () => input.checked, write: (value) => (input.checked = value === true) });
      input.checked = initial[key] === true;
      field(label, input);
    },
    seed() {
      const p = spec('seed') as NumberParam;
      const input = element('input', { type: 'number', min: String(p.min ?? 0), max: String(p.max ?? 999_999), step: '1', inputmode: 'numeric' });
      bindings.set('seed', {
        read: () => {
          const n = Number(input.value);
          return Number.isInteger(n) && n >= (p.min ?? 0) && n <= (p.max ?? 999_999) ? n : p.default;
        },
        write: (value) => (input.value = String(value)),
      });
      input.value = String(initial['seed']);
      field('Seed', input);
    },
  };
}

/** The quiz built over the static question: radio buttons, a reveal button and a polite live region. */
interface Quiz {
  readonly element: HTMLElement;
  /** After a run: the reader's device answers the same question. */
  compare(own: Answer): void;
  destroy(): void;
}

function buildQuiz(source: HTMLElement, question: Question, idPrefix: string, onReveal: () => void): Quiz {
  const typicalIndex = Number(source.dataset['answerIndex']);
  const typicalText = source.dataset['answerText'] ?? '';
  const typicalChoice = question.choices[typicalIndex]?.label ?? '';
  const box = element('div', { class: 'atlas-demo__quiz atlas-demo__quiz--live' });
  const fieldset = element('fieldset', { class: 'atlas-demo__quiz-form' });
  fieldset.append(element('legend', {}, `Guess first: ${question.prompt}`));
  const radios = question.choices.map((c, i) => {
    const id = `${idPrefix}-guess-${i}`;
    const input = element('input', { type: 'radio', name: `${idPrefix}-guess`, value: String(i), id });
    const row = element('div', { class: 'atlas-demo__quiz-choice' });
    row.append(input, element('label', { for: id }, c.label));
    fieldset.append(row);
    return input;
  });
  const reveal = element('button', { type: 'button', class: 'atlas-demo__quiz-reveal' }, 'Reveal the typical answer');
  const message = element('p', { class: 'atlas-demo__reveal', 'aria-live': 'polite' });
  box.append(fieldset, reveal, message);
  let revealed = false;
  const guess = (): number | null => {
    const checked = radios.findIndex((r) => r.checked);
    return checked < 0 ? null : checked;
  };
  const guessText = (when = ''): string => {
    const g = guess();
    return g === null ? `You did not guess${when}.` : `You guessed “${question.choices[g]!.label}”${when}.`;
  };
  const show = (text: string): void => {
    message.textContent = text;
    // Restarts the reveal animation (none when the reader prefers reduced motion, see widget.css).
    message.removeAttribute('data-revealed');
    void message.offsetWidth;
    message.setAttribute('data-revealed', '');
  };
  const onReveal_ = (): void => {
    revealed = true;
    show(`${guessText()} Typically: “${typicalChoice}” (${typicalText}, measured when the site was built). Press Run to measure on this device.`);
    reveal.disabled = true;
    onReveal();
  };
  reveal.addEventListener('click', onReveal_);
  return {
    element: box,
    compare(own) {
      const ownChoice = question.choices[own.index]!.label;
      const same = own.index === typicalIndex ? 'the same as' : 'unlike';
      show(`On this device: “${ownChoice}” (${own.text}), ${same} the typical “${typicalChoice}” (${typicalText}). ${guessText(revealed ? '' : ' before the run')}`);
      revealed = true;
      reveal.disabled = true;
    },
    destroy() {
      reveal.removeEventListener('click', onReveal_);
      box.remove();
    },
  };
}

/** Mounts a demo into its placeholder and returns the cleanup that removes it again. */
export function mountDemo<S, R>(root: HTMLElement, definition: DemoDefinition<S, R>): Cleanup {
  const idPrefix = `atlas-demo-${definition.name}-${++widgetCounter}`;
  const fallback = root.querySelector<HTMLElement>('.atlas-demo__fallback');
  const typicalFigure = fallback?.querySelector<HTMLElement>('.atlas-demo__figure') ?? null;
  const staticQuiz = fallback?.querySelector<HTMLElement>('.atlas-demo__quiz') ?? null;
  const noscript = fallback?.querySelector<HTMLElement>('.atlas-demo__noscript') ?? null;
  if (noscript) noscript.hidden = true;

  // Settings: declared parameters plus the backend, read from this demo's namespace in the URL.
  const siblings = [...document.querySelectorAll<HTMLElement>(`.atlas-demo[data-demo="${definition.name}"]`)];
  const namespace = namespaceFor(definition.name, Math.max(0, siblings.indexOf(root)));
  const urlBackend = backendFromUrl();
  const backendValues: BackendRequest[] = urlBackend === 'broken' ? [...BACKEND_NAMES, 'broken'] : [...BACKEND_NAMES];
  const backendSpec: ChoiceParam<BackendRequest> = choice(backendValues, urlBackend ?? 'wasm');
  type Settings = S & { backend: BackendRequest };
  const specs = { ...definition.params, backend: backendSpec } as unknown as ParamSpecsFor<Settings>;
  const table = specs as unknown as Record<string, ParamSpec>;
  const parsed = parseParams<Settings>(specs, location.search, namespace);
  const defaults = defaultsOf<Settings>(specs) as unknown as Record<string, Value>;
  const initial = parsed.values as unknown as Record<string, Value>;

  const widget = element('div', { class: 'atlas-demo__widget' });
  const form = element('form', { class: 'atlas-demo__controls', 'aria-label': `Settings for the ${definition.name} demo` });
  const fields = element('div', { class: 'atlas-demo__fields' });
  const bindings = new Map<string, Binding>();
  const builder = buildControls(fields, idPrefix, table, initial, bindings);
  definition.controls(builder as unknown as ControlsBuilder<S>);
  (builder as unknown as ControlsBuilder<{ backend: BackendRequest }>).select('backend', 'Backend', (value) => BACKEND_LABELS[value]);

  const readAll = (): Record<string, Value> => Object.fromEntries(Object.keys(table).map((key) => [key, bindings.get(key)?.read() ?? initial[key]!]));

  const buttons = element('div', { class: 'atlas-demo__buttons' });
  const runButton = element('button', { type: 'submit', class: 'atlas-demo__run' }, 'Run');
  const copyButton = element('button', { type: 'button', class: 'atlas-demo__copy' }, 'Copy link');
  const cancelButton = element('button', { type: 'button', class: 'atlas-demo__cancel' }, 'Cancel');
  const resetButton = element('button', { type: 'button', class: 'atlas-demo__reset' }, 'Reset');
  const copyStatus = element('span', { class: 'atlas-demo__copy-status', role: 'status' });
  cancelButton.disabled = true;
  buttons.append(runButton, copyButton, cancelButton, resetButton, copyStatus);
  // Where the Clipboard API is missing or refused, the link is offered in a field to copy by hand.
  const linkField = element('div', { class: 'atlas-demo__field atlas-demo__link' });
  const linkInput = element('input', { type: 'text', readonly: '', id: `${idPrefix}-link` });
  linkField.append(element('label', { for: linkInput.id }, 'Link to these settings'), linkInput);
  linkField.hidden = true;
  form.append(fields, buttons, linkField);

  const urlNote = element('div', { class: 'atlas-demo__url-note', role: 'status' });
  if (parsed.notes.length > 0) {
    urlNote.append(element('p', {}, 'Some settings in this page’s address could not be used:'));
    const list = element('ul');
    for (const note of parsed.notes) list.append(element('li', {}, note));
    urlNote.append(list);
  } else {
    urlNote.hidden = true;
  }

  const progressRow = element('div', { class: 'atlas-demo__progress' });
  const progress = element('progress', { max: '1', 'aria-label': 'Progress' });
  progress.value = 0;
  const progressText = element('span', { class: 'atlas-demo__progress-text' }, 'Press Run to train and measure on this device.');
  progressRow.append(progress, progressText);
  const status = element('p', { class: 'atlas-demo__status', role: 'status' });
  const backendLine = element('p', { class: 'atlas-demo__backend' });
  const note = element('p', { class: 'atlas-demo__note', role: 'alert' });
  note.hidden = true;
  const results = element('div', { class: 'atlas-demo__results' });

  // The typical-results figure waits below the controls until the reader has guessed (or asked for
  // the answer); live results replace it.
  let figureShown = staticQuiz === null;
  const showFigure = (): void => {
    figureShown = true;
    if (typicalFigure) typicalFigure.hidden = false;
  };
  const quiz = staticQuiz ? buildQuiz(staticQuiz, definition.question, idPrefix, showFigure) : null;
  if (staticQuiz) staticQuiz.hidden = true;
  widget.append(...(quiz ? [quiz.element] : []), urlNote, form, progressRow, status, backendLine, note, results);
  const restoreFigure = (): void => {
    if (!typicalFigure) return;
    typicalFigure.hidden = !figureShown;
    results.append(typicalFigure);
  };
  restoreFigure();
  root.append(widget);

  const client = new DemoWorkerClient();
  let cleanupResult: Cleanup | null = null;
  let live: LiveView | null = null;
  let disposed = false;
  // Bumped by Reset: a run it interrupted must not report back over the reset widget.
  let generation = 0;
  const controls = (): HTMLElement[] => [...fields.querySelectorAll<HTMLElement>('input, select')];

  const setState = (state: 'ready' | 'running' | 'done' | 'error' | 'cancelled'): void => {
    root.dataset['state'] = state;
    const running = state === 'running';
    runButton.disabled = running;
    cancelButton.disabled = !running;
    for (const control of controls()) (control as HTMLInputElement).disabled = running;
    widget.setAttribute('aria-busy', String(running));
  };

  const clearResults = (): void => {
    live?.destroy();
    live = null;
    cleanupResult?.();
    cleanupResult = null;
    results.replaceChildren();
  };

  /** This demo's settings written into the address bar (no reload, no history entry); returns the link. */
  const writeUrl = (): string => {
    const url = writeParams<Settings>(specs, readAll() as unknown as Settings, namespace, new URL(location.href));
    history.replaceState(history.state, '', url);
    return url.href;
  };

  const run = async (): Promise<void> => {
    if (client.running) return;
    const started = generation;
    const stale = (): boolean => disposed || started !== generation;
    const all = readAll();
    const { backend, ...settings } = all;
    setState('running');
    note.hidden = true;
    note.textContent = '';
    backendLine.textContent = '';
    progress.value = 0;
    progressText.textContent = client.started ? 'Running…' : 'Starting the worker…';
    status.textContent = 'Running…';
    try {
      const outcome = await client.run<R>(definition.name, backend as BackendRequest, settings, {
        onBackend: (info) => {
          backendLine.textContent = `Backend: ${info.label}`;
          root.dataset['backend'] = info.name;
          if (info.fallbackNote) {
            note.textContent = info.fallbackNote;
            note.hidden = false;
          }
        },
        onProgress: (fraction, message, partial) => {
          if (stale()) return;
          progress.value = fraction;
          progressText.textContent = message;
          if (partial !== undefined && definition.live) {
            if (!live) {
              clearResults();
              live = definition.live(results);
            }
            live.update(partial);
          }
        },
      });
      if (stale()) return;
      clearResults();
      cleanupResult = definition.render(results, outcome.result, { backend: outcome.backend, elapsedMs: outcome.elapsedMs });
      quiz?.compare(answer(definition.question, definition.series(outcome.result)));
      progress.value = 1;
      progressText.textContent = `Finished in ${seconds(outcome.elapsedMs)}.`;
      backendLine.textContent = `Backend: ${outcome.backend.label} · ${seconds(outcome.elapsedMs)} for the whole run`;
      status.textContent = `Done in ${seconds(outcome.elapsedMs)} on ${outcome.backend.label}.`;
      root.dataset['elapsedMs'] = String(Math.round(outcome.elapsedMs));
      setState('done');
    } catch (error) {
      if (stale()) return;
      if (error instanceof RunCancelled) {
        progressText.textContent = 'Cancelled.';
        status.textContent = 'Cancelled.';
        setState('cancelled');
      } else {
        const message = error instanceof Error ? error.message : String(error);
        progressText.textContent = '';
        status.textContent = `The demo failed: ${message}`;
        setState('error');
      }
    }
  };

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void run();
  };
  const onChange = (): void => void writeUrl();
  const onCopy = async (): Promise<void> => {
    const link = writeUrl();
    linkInput.value = link;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no Clipboard API here');
      await navigator.clipboard.writeText(link);
      linkField.hidden = true;
      copyStatus.textContent = 'Link copied.';
    } catch {
      linkField.hidden = false;
      linkInput.focus();
      linkInput.select();
      copyStatus.textContent = 'Copy the link from the field below.';
    }
  };
  const onCopyClick = (): void => void onCopy();
  const onCancel = (): void => client.cancel();
  const onReset = (): void => {
    // Only a running worker is stopped: an idle one keeps tfjs and the compiled wasm for the next run.
    generation++;
    client.cancel();
    clearResults();
    restoreFigure();
    for (const [key, binding] of bindings) binding.write(defaults[key]!);
    history.replaceState(history.state, '', clearParams(new URL(location.href), namespace));
    note.hidden = true;
    urlNote.hidden = true;
    linkField.hidden = true;
    copyStatus.textContent = '';
    backendLine.textContent = '';
    progress.value = 0;
    progressText.textContent = 'Press Run to train and measure on this device.';
    status.textContent = 'Reset.';
    delete root.dataset['backend'];
    setState('ready');
  };
  form.addEventListener('submit', onSubmit);
  fields.addEventListener('change', onChange);
  copyButton.addEventListener('click', onCopyClick);
  cancelButton.addEventListener('click', onCancel);
  resetButton.addEventListener('click', onReset);
  setState('ready');

  return () => {
    disposed = true;
    form.removeEventListener('submit', onSubmit);
    fields.removeEventListener('change', onChange);
    copyButton.removeEventListener('click', onCopyClick);
    cancelButton.removeEventListener('click', onCancel);
    resetButton.removeEventListener('click', onReset);
    client.dispose();
    clearResults();
    quiz?.destroy();
    widget.remove();
    if (staticQuiz) staticQuiz.hidden = false;
    if (noscript) noscript.hidden = false;
    if (typicalFigure && fallback) {
      typicalFigure.hidden = false;
      // Back to its place in the static fallback, before the no-JavaScript note.
      fallback.insertBefore(typicalFigure, noscript);
    }
    delete root.dataset['state'];
    delete root.dataset['backend'];
    delete root.dataset['elapsedMs'];
  };
}
