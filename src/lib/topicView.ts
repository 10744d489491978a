// What a topic page shows, as plain data: everything src/components/TopicPage.astro renders except
// the site's chrome (src/layouts/Base.astro). The page template reads nothing else, so a digest of
// this view says exactly when a page's output can change — which is how a warm build knows which
// pages to write again (src/lib/buildManifest.ts).
import { createHash } from 'node:crypto';
import type { Reference } from '../content/schema.ts';
import type { HeadingAnchor } from '../pipeline/anchors.ts';
import type { Topic } from '../pipeline/loadContent.ts';
import { neighbourhood } from '../../graph/index.ts';
import type { Site } from './site.ts';
import { topicJsonLd } from './structuredData.ts';

/** A link as a page shows it. */
export interface LinkView {
  title: string;
  url: string;
}

export interface TopicView {
  slug: string;
  url: string;
  title: string;
  description: string;
  summary: string | undefined;
  category: LinkView | undefined;
  /** Days as YYYY-MM-DD, when known. */
  created: string | undefined;
  updated: string | undefined;
  cssClasses: string[];
  html: string;
  jsonLd: unknown[];
  toc: Array<{ depth: number; id: string; text: string }>;
  infobox: { aliases: string; facts: Array<[string, string]> } | undefined;
  faq: Array<{ q: string; html: string }>;
  references: Reference[];
  relations: Array<{ verb: string; targets: LinkView[] }>;
  /** The first backlinks, with the sentences they stand in; the rest are on `backlinksPage`. */
  backlinks: Array<LinkView & { sentences: string[] }>;
  backlinksTotal: number;
  backlinksPage: string | undefined;
  listedBy: LinkView[];
  related: Array<LinkView & { category: string | undefined; summary: string | undefined }>;
  localGraph: { id: string; dataUrl: string; explorerUrl: string; neighbours: LinkView[] };
  tags: LinkView[];
  demos: boolean;
  mermaid: boolean;
}

export const DEFAULTS = {
  /** Backlinks listed on the page itself; a topic with more gets a page of them all. */
  backlinksOnPage: 50,
  /** Neighbours listed under the local graph (the no-JavaScript view of it). */
  neighboursListed: 60,
};

/** The day a date falls on (UTC), as readers and <time> want it: 2024-03-01. */
const day = (date: Date | undefined) => date?.toISOString().slice(0, 10);

// On globalThis: the integration (which plans the pages) and the bundled pages are separate module
// instances in one process, like the site model itself (src/lib/site.ts).
const VIEWS = Symbol.for('efficiency-atlas.topic-views');
const views = ((globalThis as Record<symbol, unknown>)[VIEWS] ??= new WeakMap<Topic, TopicView>()) as WeakMap<Topic, TopicView>;

/** A topic's view, made once per build (the page plan and the page itself both need it). */
export function topicView(site: Site, topic: Topic): TopicView {
  let view = views.get(topic);
  if (!view) views.set(topic, (view = makeTopicView(site, topic)));
  return view;
}

/** Forgets a topic's view: the page plan found its page unchanged, so no page will take it. */
export function forgetTopicView(topic: Topic): void {
  views.delete(topic);
}

/**
 * The view a page renders: the one the page plan made, handed over and forgotten, so views do not
 * outlive their page (a 100,000-page build held every one of them while it rendered the pages).
 */
export function takeTopicView(site: Site, topic: Topic): TopicView {
  const view = views.get(topic) ?? makeTopicView(site, topic);
  views.delete(topic);
  return view;
}

function makeTopicView(site: Site, topic: Topic): TopicView {
  const { routes, graph } = site;
  const link = (t: Topic): LinkView => ({ title: t.title, url: t.url });
  const { outgoing, incoming } = site.relationsOf(topic.slug);
  const relations: TopicView['relations'] = [];
  for (const [type, wording] of site.vocabulary) {
    const out = outgoing.filter((r) => r.type === type).map((r) => site.bySlug.get(r.to!)!).filter(Boolean);
    if (out.length) relations.push({ verb: wording.forward, targets: out.map(link) });
    const symmetric = wording.forward === wording.inverse;
    const inc = incoming
      .filter((r) => r.type === type)
      .map((r) => site.bySlug.get(r.from)!)
      .filter((t) => t && !(symmetric && out.includes(t)));
    if (inc.length) relations.push({ verb: wording.inverse, targets: inc.map(link) });
  }
  const backlinks = site.backlinksOf(topic.slug);
  const facts = Object.entries(topic.data.facts);
  const known = graph.hasNode(topic.slug);
  const neighbours = known
    ? neighbourhood(graph, topic.slug, { depth: 1, limit: DEFAULTS.neighboursListed }, site.neighbourOrder)
        .filter((entry) => entry.distance === 1)
        .map((entry) => ({ title: graph.getNodeAttribute(entry.id, 'title'), url: graph.getNodeAttribute(entry.id, 'url') }))
    : [];
  return {
    slug: topic.slug,
    url: topic.url,
    title: topic.title,
    description: topic.summary ?? topic.excerpt,
    summary: topic.summary,
    category: topic.category ? { title: topic.category, url: routes.category(topic.category) } : undefined,
    created: day(topic.created),
    updated: day(topic.updated),
    cssClasses: topic.cssClasses,
    html: topic.html,
    jsonLd: topicJsonLd(site, topic),
    toc: tableOfContents(topic.headings, [
      ...(topic.faq.length ? [{ id: 'faq', text: 'Frequently asked questions' }] : []),
      ...(topic.data.references.length ? [{ id: 'references', text: 'References' }] : []),
      { id: 'backlinks-heading', text: 'What links here' },
    ]),
    infobox: facts.length > 0 || topic.category || topic.aliases.length > 0 ? { aliases: topic.aliases.join(', '), facts } : undefined,
    faq: topic.faq.map((e) => ({ q: e.q, html: e.html })),
    references: topic.data.references,
    relations,
    backlinks: backlinks.slice(0, DEFAULTS.backlinksOnPage).map((b) => ({ ...link(b.from), sentences: b.sentences.slice(0, 2) })),
    backlinksTotal: backlinks.length,
    backlinksPage: backlinks.length > DEFAULTS.backlinksOnPage ? routes.backlinks(topic.slug) : undefined,
    listedBy: site.listedByOf(topic.slug).map(link),
    related: site.relatedOf(topic.slug).map((t) => ({ ...link(t), category: t.category, summary: t.summary })),
    localGraph: { id: topic.slug, dataUrl: routes.neighbourhood(topic.slug), explorerUrl: routes.graph(topic.slug), neighbours },
    tags: topic.tags.map((tag) => ({ title: `#${tag}`, url: routes.tag(tag) })),
    demos: topic.demos.length > 0,
    mermaid: topic.mermaid,
  };
}

/** Contents: the page's h2/h3 headings, then the page's own sections. */
function tableOfContents(headings: readonly HeadingAnchor[], extra: Array<{ id: string; text: string }>): TopicView['toc'] {
  return [...headings.filter((h) => h.depth <= 3).map((h) => ({ depth: h.depth, id: h.id, text: h.text })), ...extra.map((e) => ({ ...e, depth: 2 }))];
}

/** A digest of a view: equal digests, equal pages (given the same site chrome). */
export function viewDigest(view: unknown): string {
  return createHash('sha256').update(JSON.stringify(view)).digest('base64url');
}

/**
 * viewDigest for a topic view, with its article hashed as it is rather than as a JSON string: the
 * article is most of a view's bytes, and escaping its quotes for JSON only to hash them doubled the
 * cost of a warm build's 5,000 digests.
 */
export function topicViewDigest(view: TopicView): string {
  return createHash('sha256').update(JSON.stringify({ ...view, html: view.html.length })).update(view.html).digest('base64url');
}
