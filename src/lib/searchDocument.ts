// What the search index knows about a topic: the same text its page offers a reader in the
// article (facts, prose, FAQ, references), as an HTML fragment for pagefind, with the names and
// filters as pagefind metadata. Built from the site model, so the index is made while Astro writes
// the pages instead of by reading every page back from disk afterwards.
//
// Concept-first ranking relies on the metadata: titles and aliases are weighted meta fields
// (src/integration/pagefind.ts). Demo figures are marked data-pagefind-ignore in the prose.
import type { Topic } from '../pipeline/loadContent.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** True when text outside the tags (entities such as `&nbsp;` aside) has a letter or a digit; stops at the first. */
// An entity is taken whole (a lookahead and its backreference: an atomic group), so "nbsp" is no word.
const hasWords = (html: string) => /(?:^|>)(?:[^<&\p{L}\p{N}]|(?=(&[#\w]*;?))\1)*[\p{L}\p{N}]/u.test(html);

/** The page as pagefind should index it: `url` is the page's URL after the site's base path. */
export function searchDocument(topic: Topic, base: string, language: string): { url: string; html: string } {
  const facts = Object.entries(topic.data.facts)
    .map(([key, value]) => `<tr><th>${escapeHtml(key)}</th> <td>${escapeHtml(value)}</td></tr>`)
    .join('');
  const faq = topic.faq.map((entry) => `<dt>${escapeHtml(entry.q)}</dt><dd>${entry.html}</dd>`).join('');
  const references = topic.data.references
    .map((r) => `<li>${escapeHtml(r.authors)} (${r.year}). ${escapeHtml(r.title)}.${r.venue ? ` ${escapeHtml(r.venue)}.` : ''}</li>`)
    .join('');
  const meta = [
    `<span data-pagefind-meta="title">${escapeHtml(topic.title)}</span>`,
    topic.category ? `<span data-pagefind-meta="category" data-pagefind-filter="category">${escapeHtml(topic.category)}</span>` : '',
    topic.summary ? `<span data-pagefind-meta="summary">${escapeHtml(topic.summary)}</span>` : '',
    topic.aliases.length ? `<span data-pagefind-meta="aliases">${escapeHtml(topic.aliases.join(' · '))}</span>` : '',
    ...topic.tags.map((tag) => `<span data-pagefind-filter="tag">${escapeHtml(tag)}</span>`),
  ].join('');
  const article = (facts ? `<table>${facts}</table>` : '') + `<div>${topic.html}</div>` + (faq ? `<dl>${faq}</dl>` : '') + (references ? `<ol>${references}</ol>` : '');
  const html =
    `<html lang="${escapeHtml(language)}"><body><article data-pagefind-body>` +
    article +
    // pagefind leaves out a page with no words in its body, however good its title: a stub note
    // (Obsidian's new "Untitled", a title and links to come) would never be found by name.
    (hasWords(article) ? '' : `<p>${escapeHtml(topic.title)}</p>`) +
    `<div data-pagefind-ignore>${meta}</div>` +
    `</article></body></html>`;
  return { url: `/${topic.url.slice(base.length)}`, html };
}
