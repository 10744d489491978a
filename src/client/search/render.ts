// DOM for search results and filter chips, shared by the dialog and the /search/ page. Content
// from the index reaches the page only through textContent and element attributes set one by one.
import type { ExcerptPart } from './excerpt.ts';
import type { FacetCount, SearchHit } from './engine.ts';
import { siteRoutes } from '../../routes.ts';

export function renderExcerpt(doc: Document, parts: readonly ExcerptPart[]): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const part of parts) {
    if (part.mark) {
      const mark = doc.createElement('mark');
      mark.textContent = part.text;
      fragment.append(mark);
    } else {
      fragment.append(doc.createTextNode(part.text));
    }
  }
  return fragment;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface HitOptions {
  /** Element id (the dialog's listbox options need one for aria-activedescendant). */
  id?: string;
  /** ARIA role of the item (the dialog renders options of a listbox). */
  role?: string;
  /** Result links inside a listbox are reached with the arrow keys, not Tab. */
  linkTabIndex?: number;
}

export function renderHit(doc: Document, hit: SearchHit, options: HitOptions = {}): HTMLLIElement {
  const item = el(doc, 'li', 'search-hit');
  if (options.id) item.id = options.id;
  if (options.role) {
    item.setAttribute('role', options.role);
    item.setAttribute('aria-selected', 'false');
  }
  const heading = el(doc, 'div', 'search-hit-heading');
  const link = el(doc, 'a', 'search-hit-title', hit.title);
  link.href = hit.url;
  if (options.linkTabIndex !== undefined) link.tabIndex = options.linkTabIndex;
  heading.append(link);
  if (hit.category) heading.append(el(doc, 'span', 'search-hit-category', hit.category));
  item.append(heading);
  if (hit.summary) item.append(el(doc, 'p', 'search-hit-summary', hit.summary));
  if (hit.excerpt.length) {
    const excerpt = el(doc, 'p', 'search-hit-excerpt');
    excerpt.append(renderExcerpt(doc, hit.excerpt));
    item.append(excerpt);
  }
  return item;
}

export interface ChipGroup {
  /** Filter name: `category` or `tag`. */
  name: 'category' | 'tag';
  label: string;
  facets: readonly FacetCount[];
}

/**
 * Toggle buttons with counts, one group per filter. Each button carries data-filter/data-value so
 * callers can restore focus to the same chip after re-rendering.
 */
export function renderChips(doc: Document, groups: readonly ChipGroup[], onToggle: (name: ChipGroup['name'], value: string) => void): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const group of groups) {
    if (!group.facets.length) continue;
    const wrapper = el(doc, 'div', 'search-chip-group');
    wrapper.setAttribute('role', 'group');
    wrapper.setAttribute('aria-label', group.label);
    wrapper.append(el(doc, 'span', 'search-chip-label', group.label));
    for (const facet of group.facets) {
      const button = el(doc, 'button', 'search-chip');
      button.type = 'button';
      button.dataset['filter'] = group.name;
      button.dataset['value'] = facet.value;
      button.setAttribute('aria-pressed', String(facet.selected));
      button.append(doc.createTextNode(group.name === 'tag' ? `#${facet.value}` : facet.value), ' ', el(doc, 'span', 'search-chip-count', String(facet.count)));
      button.addEventListener('click', () => onToggle(group.name, facet.value));
      wrapper.append(button);
    }
    fragment.append(wrapper);
  }
  return fragment;
}

/** Shows the category and tag chips of a result set in `container`, keeping focus on the chip that had it. */
export function showFacetChips(
  doc: Document,
  container: HTMLElement,
  facets: { categories: readonly FacetCount[]; tags: readonly FacetCount[] },
  onToggle: (name: ChipGroup['name'], value: string) => void,
  focused: { name: string; value: string } | undefined,
): void {
  container.replaceChildren(
    renderChips(
      doc,
      [
        { name: 'category', label: 'Category', facets: facets.categories },
        { name: 'tag', label: 'Tags', facets: facets.tags },
      ],
      onToggle,
    ),
  );
  if (focused) refocusChip(container, focused.name, focused.value);
}

/** After re-rendering chips, puts focus back on the chip that had it. */
export function refocusChip(container: HTMLElement, name: string, value: string): void {
  for (const button of container.querySelectorAll<HTMLButtonElement>('button.search-chip')) {
    if (button.dataset['filter'] === name && button.dataset['value'] === value) return button.focus();
  }
}

/** A sentence followed by a link to the A–Z index, which works without search. */
export function renderNotice(doc: Document, text: string, base: string, linkText = 'Browse the A–Z index'): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  const link = el(doc, 'a', 'search-notice-link', linkText);
  link.href = siteRoutes(base).allTopics();
  fragment.append(doc.createTextNode(`${text} `), link, '.');
  return fragment;
}

export function unavailableText(reason: 'dev' | 'missing'): string {
  return reason === 'dev'
    ? 'Search uses an index made by the build, so it is not available in the dev server: the index appears after `npm run build` (then `npm run preview`).'
    : 'The search index could not be loaded.';
}
