// A topic-name input as an ARIA 1.2 combobox with a list popup (the WAI-ARIA Authoring Practices'
// "list autocomplete" pattern): typing shows at most DEFAULTS.limit matching topics
// (graph/topicSearch.ts: titles and aliases, prefix matches before substrings), so a site of any
// size never puts more than that many options in the DOM; the list stays closed when the input
// already names the one topic that matches. Keys: ↓/↑ move through the options
// (opening the list), Enter picks the highlighted option, Escape closes the list or else clears the
// input; a click picks too. Focus stays in the input (aria-activedescendant). Names reach the DOM as
// textContent only.
import type { TopicMatch, TopicNameIndex } from '../../../graph/index.ts';

export interface TopicComboboxOptions {
  names: TopicNameIndex;
  /** Called after an option is picked (its title is in the input by then). */
  onPick?: (id: string) => void;
  limit?: number;
}

let instances = 0;

/** Turns `input` into a combobox; returns the cleanup that restores it. */
export function topicCombobox(input: HTMLInputElement, options: TopicComboboxOptions): () => void {
  const doc = input.ownerDocument;
  const controller = new AbortController();
  const signal = controller.signal;
  const listId = `${input.id || `topic-combobox-${++instances}`}-listbox`;
  const list = doc.createElement('ul');
  list.id = listId;
  list.className = 'combo-listbox';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Matching topics');
  list.hidden = true;
  input.insertAdjacentElement('afterend', list);
  input.removeAttribute('list');
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', listId);
  input.setAttribute('aria-expanded', 'false');
  input.autocomplete = 'off';

  let matches: TopicMatch[] = [];
  let active = -1;

  const setActive = (index: number) => {
    active = index;
    list.querySelectorAll<HTMLElement>('[role="option"]').forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    if (active < 0) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    const option = doc.getElementById(`${listId}-${active}`);
    input.setAttribute('aria-activedescendant', `${listId}-${active}`);
    option?.scrollIntoView({ block: 'nearest' });
  };

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  };

  const open = () => {
    // Nothing to offer: no match, or the input already names the one topic that matches.
    if (matches.length === 0 || (matches.length === 1 && matches[0]!.kind === 'exact')) return close();
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

  const render = () => {
    matches = options.names.search(input.value, options.limit);
    list.replaceChildren(
      ...matches.map((match, i) => {
        const option = doc.createElement('li');
        option.id = `${listId}-${i}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.textContent = match.title;
        if (match.alias !== undefined) {
          const alias = doc.createElement('span');
          alias.className = 'combo-alias';
          alias.textContent = ` (${match.alias})`;
          option.append(alias);
        }
        return option;
      }),
    );
    active = -1;
    input.removeAttribute('aria-activedescendant');
    open();
  };

  const pick = (index: number) => {
    const match = matches[index];
    if (match === undefined) return;
    input.value = match.title;
    close();
    options.onPick?.(match.id);
  };

  input.addEventListener('input', render, { signal });
  input.addEventListener(
    'keydown',
    (event) => {
      const expanded = !list.hidden;
      switch (event.key) {
        case 'ArrowDown':
        case 'ArrowUp': {
          event.preventDefault();
          if (!expanded) {
            render();
            if (list.hidden) return;
          }
          const n = matches.length;
          if (event.altKey) return; // Alt+↓ only opens the list
          const step = event.key === 'ArrowDown' ? 1 : -1;
          setActive(active < 0 ? (step === 1 ? 0 : n - 1) : (active + step + n) % n);
          return;
        }
        case 'Enter':
          if (expanded && active >= 0) {
            event.preventDefault();
            pick(active);
          } else close();
          return;
        case 'Escape':
          event.preventDefault();
          if (expanded) close();
          else input.value = '';
          return;
        case 'Tab':
          close();
          return;
      }
    },
    { signal },
  );
  input.addEventListener('blur', close, { signal });
  // mousedown would blur the input (and close the list) before the click lands.
  list.addEventListener('mousedown', (event) => event.preventDefault(), { signal });
  list.addEventListener(
    'click',
    (event) => {
      const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
      if (option !== null) pick(Number(option.id.slice(listId.length + 1)));
    },
    { signal },
  );

  return () => {
    controller.abort();
    list.remove();
    for (const name of ['role', 'aria-autocomplete', 'aria-controls', 'aria-expanded', 'aria-activedescendant']) input.removeAttribute(name);
  };
}
