// The /search/ page: the shareable URL (`?q=…&category=…&tag=…`) and the place the header form
// lands when the dialog is not used. It runs the query from the URL on load, searches as the reader
// types, and keeps the URL in step (history.replaceState) so the address can be copied at any time.
import { loadSearchEngine, SearchUnavailableError, type SearchOutcome } from './engine.ts';
import { renderHit, renderNotice, showFacetChips, unavailableText } from './render.ts';
import { readSearchUrl, searchPageUrl } from './searchUrl.ts';

const PAGE_SIZE = 20;

export function setupSearchPage(doc: Document): void {
  const base = doc.documentElement.dataset['base'] ?? '/';
  const form = doc.querySelector<HTMLFormElement>('form[data-search-page]');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  const chips = doc.querySelector<HTMLElement>('[data-search-chips]');
  const status = doc.querySelector<HTMLElement>('[data-search-status]');
  const list = doc.querySelector<HTMLOListElement>('[data-search-results]');
  const more = doc.querySelector<HTMLButtonElement>('[data-search-more]');
  if (!form || !input || !chips || !status || !list || !more) return;

  const state = readSearchUrl(doc.location.search);
  input.value = state.query;
  let limit = PAGE_SIZE;
  let sequence = 0;

  const render = (result: SearchOutcome, focusedChip?: { name: string; value: string }) => {
    list.replaceChildren(...result.hits.map((hit) => renderHit(doc, hit)));
    list.dataset['query'] = result.query;
    status.replaceChildren(
      result.total === 0
        ? renderNotice(doc, `No topic matches “${result.query}”.`, base)
        : doc.createTextNode(`${result.total} result${result.total === 1 ? '' : 's'} for “${result.query}”`),
    );
    showFacetChips(doc, chips, result, toggle, focusedChip);
    more.hidden = result.hits.length >= result.total;
  };

  const run = async (focusedChip?: { name: string; value: string }) => {
    const id = ++sequence;
    history.replaceState(null, '', searchPageUrl(base, state.query, state));
    if (!state.query.trim()) {
      list.replaceChildren();
      chips.replaceChildren();
      status.textContent = 'Type a topic, alias or phrase.';
      more.hidden = true;
      return;
    }
    status.textContent = 'Searching…';
    try {
      const engine = await loadSearchEngine(base);
      const result = await engine.search(state.query, state, { limit, facets: true });
      if (id === sequence) render(result, focusedChip);
    } catch (error) {
      if (id !== sequence) return;
      list.replaceChildren();
      chips.replaceChildren();
      more.hidden = true;
      status.replaceChildren(renderNotice(doc, error instanceof SearchUnavailableError ? unavailableText(error.reason) : 'Search failed.', base));
      if (!(error instanceof SearchUnavailableError)) console.error(error);
    }
  };

  const toggle = (name: 'category' | 'tag', value: string) => {
    if (name === 'category') state.category = state.category === value ? undefined : value;
    else state.tags = state.tags.includes(value) ? state.tags.filter((t) => t !== value) : [...state.tags, value];
    limit = PAGE_SIZE;
    void run({ name, value });
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.query = input.value;
    void run();
  });
  input.addEventListener('input', () => {
    state.query = input.value;
    limit = PAGE_SIZE;
    void run();
  });
  more.addEventListener('click', () => {
    limit += PAGE_SIZE;
    void run();
  });
  void run();
}
