// Heading ids and Obsidian block ids (`^id`) of one page: computed right after parsing, so links
// into any page (`[[X#Heading]]`, `[[X#Section#Subsection]]`, `[[X#^block]]`) can be checked before
// they are rendered. Ids never repeat on a page: the ids the page layout itself uses (contents,
// FAQ, references, backlinks…) are taken before the body's headings are numbered, so a body
// heading "References" becomes `references-1`.
import GithubSlugger from 'github-slugger';
import type { Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { headingKey, nameKey } from '../../graph/names.ts';

export interface HeadingAnchor {
  depth: number;
  text: string;
  id: string;
}

export interface PageAnchors {
  headings: HeadingAnchor[];
  blockIds: Set<string>;
}

/** Ids the topic page layout gives its own sections and controls (src/pages, src/components, src/layouts). */
export const LAYOUT_IDS = [
  'main',
  'site-search',
  'toc-title',
  'infobox-title',
  'faq',
  'references',
  'relations-heading',
  'backlinks-heading',
  'related-heading',
  'tags-heading',
  'home-topics',
  'home-categories',
  'home-recent',
  'local-graph-heading',
  'link-preview',
  'footnote-label',
] as const;

const BLOCK_ID = /\s\^([A-Za-z0-9-]+)\s*$/;
const LONE_BLOCK_ID = /^\^([A-Za-z0-9-]+)$/;

/** Assigns ids (stored in `data.hProperties.id`) and returns the page's anchors. */
export function assignAnchors(tree: Root, reservedIds: readonly string[] = LAYOUT_IDS): PageAnchors {
  const slugger = new GithubSlugger();
  for (const id of reservedIds) slugger.slug(id);
  const headings: HeadingAnchor[] = [];
  const blockIds = new Set<string>();

  const walk = (parent: { type?: string; children: unknown[] }) => {
    const children = parent.children as RootContent[];
    for (let i = 0; i < children.length; i++) {
      const node = children[i]!;
      if (node.type === 'heading') {
        const text = toString(node).trim();
        const id = slugger.slug(text) || slugger.slug(`section-${headings.length + 1}`);
        setId(node, id);
        headings.push({ depth: node.depth, text, id });
        continue;
      }
      if (node.type === 'paragraph') {
        const lone = LONE_BLOCK_ID.exec(toString(node).trim());
        if (lone && i > 0) {
          // `^id` on its own line names the block before it (lists, tables, quotes, callouts).
          setId(children[i - 1]!, `^${lone[1]}`);
          blockIds.add(lone[1]!);
          children.splice(i, 1);
          i--;
          continue;
        }
        const last = node.children[node.children.length - 1];
        if (last?.type === 'text') {
          const match = BLOCK_ID.exec(last.value);
          if (match) {
            (last as Text).value = last.value.slice(0, match.index);
            // In a list item the id names the item (a tight list renders no <p> to carry it).
            setId(parent.type === 'listItem' && i === 0 ? parent : node, `^${match[1]}`);
            blockIds.add(match[1]!);
          }
        }
      }
      if ('children' in node && Array.isArray(node.children)) walk(node as { type: string; children: unknown[] });
    }
  };
  walk(tree);
  return { headings, blockIds };
}

/**
 * The id of the heading a link names, matched as Obsidian matches: a chain `A#B` finds B inside
 * A's section; each name matches exactly, then ignoring case, then ignoring punctuation and
 * spacing (`How large can a vault be` finds "How large can a vault be?"); an id as written works
 * too. Undefined when nothing matches.
 */
export function findHeading(anchors: Pick<PageAnchors, 'headings'>, path: readonly string[]): string | undefined {
  if (path.length === 0) return undefined;
  let from = 0;
  let to = anchors.headings.length;
  let found: HeadingAnchor | undefined;
  for (const name of path) {
    const scope = anchors.headings.slice(from, to);
    found = matchHeading(scope, name);
    if (!found) return undefined;
    const index = anchors.headings.indexOf(found);
    // The next name is looked for inside this heading's section: up to the next heading at its depth or above.
    from = index + 1;
    const end = anchors.headings.findIndex((h, i) => i > index && h.depth <= found!.depth);
    to = end === -1 ? anchors.headings.length : end;
  }
  return found?.id;
}

function matchHeading(headings: readonly HeadingAnchor[], name: string): HeadingAnchor | undefined {
  const wanted = name.trim();
  return (
    headings.find((h) => h.text === wanted) ??
    headings.find((h) => nameKey(h.text) === nameKey(wanted)) ??
    (headingKey(wanted) === '' ? undefined : headings.find((h) => headingKey(h.text) === headingKey(wanted))) ??
    headings.find((h) => h.id === wanted || h.id === wanted.toLowerCase())
  );
}

function setId(node: object, id: string): void {
  const target = node as { data?: Record<string, unknown> };
  target.data ??= {};
  const props = (target.data['hProperties'] as Record<string, unknown> | undefined) ?? {};
  props['id'] = id;
  target.data['hProperties'] = props;
}
