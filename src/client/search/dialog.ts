// The search dialog: a modal <dialog> with a combobox input, filter chips and a listbox of results
// that update as the reader types. Loaded by opener.ts on first use, never before. Keyboard: ↑/↓
// move through results, Enter opens the highlighted (or first) result, Escape closes, Tab stays
// inside the dialog; on close, focus returns to where it was when the dialog opened.
// The category and tag chips appear when the reader presses "Filters" (and stay on for the rest of
// the visit): their counts need pagefind's filter index, which a quick jump to a topic does not.
import { loadSearchEngine, SearchUnavailableError, type SearchOutcome, type SearchSelection } from './engine.ts';
import { renderHit, renderNotice, showFacetChips, unavailableText } from './render.ts';
import { searchPageUrl } from './searchUrl.ts';

export interface OpenOptions {
  /** Text to search for; when absent the previous query is kept (and selected). */
  query?: string | undefined;
  /** Where focus goes back to on close (defaults to the element focused when opening). */
  returnFocus?: Element | null | undefined;
}

/** Results shown (and loaded) in the dialog; the search page shows more. */
const LIMIT = 8;

/** Fired on the dialog after each rendering of results (the bench times keypress → this). */
export const RESULTS_EVENT = 'atlas-search:results';

let dialog: SearchDialog | undefined;

export function openSearchDialog(options: OpenOptions = {}): void {
  dialog ??= createSearchDialog(document);
  dialog.open(options);
}

interface SearchDialog {
  open(options: OpenOptions): void;
}

function createSearchDialog(doc: Document): SearchDialog {
  const base = doc.documentElement.dataset['base'] ?? '/';
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const root = make('dialog', 'search-dialog');
  root.setAttribute('aria-label', 'Search topics');
  const panel = make('div', 'search-dialog-panel');
  const bar = make('div', 'search-dialog-bar');
  const label = make('label', 'visually-hidden', 'Search topics');
  label.htmlFor = 'search-dialog-input';
  const input = make('input', 'search-dialog-input');
  Object.assign(input, { id: 'search-dialog-input', type: 'search', placeholder: 'Search topics', autocomplete: 'off', spellcheck: false });
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', 'search-dialog-results');
  input.setAttribute('aria-expanded', 'false');
  const filterToggle = make('button', 'search-filter-toggle', 'Filters');
  filterToggle.type = 'button';
  filterToggle.setAttribute('aria-expanded', 'false');
  filterToggle.setAttribute('aria-controls', 'search-dialog-chips');
  const close = make('button', 'search-dialog-close', 'Close');
  close.type = 'button';
  bar.append(label, input, filterToggle, close);
  const chips = make('div', 'search-chips');
  chips.id = 'search-dialog-chips';
  const status = make('p', 'search-status');
  status.setAttribute('role', 'status');
  const list = make('ul', 'search-hits');
  list.id = 'search-dialog-results';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Search results');
  const footer = make('p', 'search-dialog-footer');
  const all = make('a', 'search-all', 'All results on the search page');
  const keys = make('span', 'search-keys', '↑ ↓ to choose · Enter to open · Esc to close');
  keys.setAttribute('aria-hidden', 'true');
  footer.append(all, keys);
  panel.append(bar, chips, status, list, footer);
  root.append(panel);
  doc.body.append(root);

  const selection: { category: string | undefined; tags: string[] } = { category: undefined, tags: [] };
  let showFilters = false;
  let outcome: SearchOutcome | undefined;
  let active = -1;
  let sequence = 0;
  let returnFocus: Element | null = null;

  const setActive = (index: number) => {
    const options = [...list.querySelectorAll<HTMLElement>('[role="option"]')];
    active = index < 0 || !options.length ? -1 : Math.min(index, options.length - 1);
    options.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    const current = options[active];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const render = (result: SearchOutcome, focusedChip: { name: string; value: string } | undefined) => {
    outcome = result;
    list.replaceChildren(...result.hits.map((hit, i) => renderHit(doc, hit, { id: `search-dialog-hit-${i}`, role: 'option', linkTabIndex: -1 })));
    // Which query the list shows: lets tests and the bench tell fresh results from stale ones.
    list.dataset['query'] = result.query;
    input.setAttribute('aria-expanded', String(result.hits.length > 0));
    setActive(-1);
    status.replaceChildren(
      result.total === 0
        ? renderNotice(doc, `No topic matches “${result.query}”.`, base)
        : doc.createTextNode(`${result.total} result${result.total === 1 ? '' : 's'}${result.total > result.hits.length ? `, best ${result.hits.length} shown` : ''}`),
    );
    showFacetChips(doc, chips, result, toggle, focusedChip);
    root.dispatchEvent(new CustomEvent(RESULTS_EVENT, { detail: { query: result.query, total: result.total } }));
  };

  const run = async (focusedChip?: { name: string; value: string }) => {
    const id = ++sequence;
    const query = input.value;
    all.href = searchPageUrl(base, query, selection);
    if (!query.trim()) {
      outcome = undefined;
      list.replaceChildren();
      chips.replaceChildren();
      status.textContent = '';
      input.setAttribute('aria-expanded', 'false');
      setActive(-1);
      return;
    }
    try {
      const engine = await loadSearchEngine(base);
      const result = await engine.search(query, selection as SearchSelection, { limit: LIMIT, facets: showFilters });
      if (id === sequence) render(result, focusedChip);
    } catch (error) {
      if (id !== sequence) return;
      list.replaceChildren();
      chips.replaceChildren();
      status.replaceChildren(renderNotice(doc, error instanceof SearchUnavailableError ? unavailableText(error.reason) : 'Search failed.', base));
      if (!(error instanceof SearchUnavailableError)) console.error(error);
    }
  };

  const toggle = (name: 'category' | 'tag', value: string) => {
    if (name === 'category') selection.category = selection.category === value ? undefined : value;
    else selection.tags = selection.tags.includes(value) ? selection.tags.filter((t) => t !== value) : [...selection.tags, value];
    void run({ name, value });
  };

  const openHit = (index: number) => {
    const hit = outcome?.hits[index];
    if (hit) window.location.assign(hit.url);
    else if (input.value.trim()) window.location.assign(all.href);
  };

  input.addEventListener('input', () => void run());
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(active + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(active - 1, 0));
    } else if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      openHit(Math.max(active, 0));
    }
  });
  list.addEventListener('click', (event) => {
    // A click anywhere on a result (not only its title link) opens it.
    const option = (event.target as Element).closest('[role="option"]');
    if (!option || (event.target as Element).closest('a')) return;
    openHit([...list.children].indexOf(option));
  });
  close.addEventListener('click', () => root.close());
  filterToggle.addEventListener('click', () => {
    showFilters = !showFilters;
    filterToggle.setAttribute('aria-expanded', String(showFilters));
    // Hidden filters no longer narrow the results: what is applied is always on screen.
    if (!showFilters) Object.assign(selection, { category: undefined, tags: [] });
    void run();
  });
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      // Handled here rather than by the native cancel: in a search field the first Escape would
      // only clear the text.
      event.preventDefault();
      root.close();
    } else if (event.key === 'Tab') {
      trapFocus(root, event);
    }
  });
  // A click on the backdrop (outside the panel) closes, as readers expect of a modal.
  root.addEventListener('click', (event) => {
    if (event.target === root) root.close();
  });
  root.addEventListener('close', () => {
    if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
    returnFocus = null;
  });

  return {
    open(options) {
      returnFocus = options.returnFocus === undefined ? doc.activeElement : options.returnFocus;
      const fresh = options.query !== undefined && options.query !== '';
      if (fresh) input.value = options.query!;
      if (!root.open) root.showModal();
      input.focus();
      if (fresh) input.setSelectionRange(input.value.length, input.value.length);
      else input.select();
      void run();
    },
  };
}

function trapFocus(root: HTMLElement, event: KeyboardEvent): void {
  const focusable = [...root.querySelectorAll<HTMLElement>('input, button, a[href]')].filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
