// Heading ids and Obsidian block ids (`^id`) of one page: computed right after parsing, so links
// into any page (`[[X#Heading]]`, `[[X#^block]]`) can be checked before they are rendered.
import GithubSlugger from 'github-slugger';
import type { Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';

export interface HeadingAnchor {
  depth: number;
  text: string;
  id: string;
}

export interface PageAnchors {
  headings: HeadingAnchor[];
  /** Lower-cased heading text → id, for case-insensitive `[[X#Heading]]`. */
  headingIds: Map<string, string>;
  blockIds: Set<string>;
}

const BLOCK_ID = /\s\^([A-Za-z0-9-]+)\s*$/;
const LONE_BLOCK_ID = /^\^([A-Za-z0-9-]+)$/;

/** Assigns ids (stored in `data.hProperties.id`) and returns the page's anchors. */
export function assignAnchors(tree: Root): PageAnchors {
  const slugger = new GithubSlugger();
  const headings: HeadingAnchor[] = [];
  const headingIds = new Map<string, string>();
  const blockIds = new Set<string>();

  const walk = (parent: { children: unknown[] }) => {
    const children = parent.children as Array<Root['children'][number]>;
    for (let i = 0; i < children.length; i++) {
      const node = children[i]!;
      if (node.type === 'heading') {
        const text = toString(node).trim();
        const id = slugger.slug(text) || `section-${headings.length + 1}`;
        setId(node, id);
        headings.push({ depth: node.depth, text, id });
        if (!headingIds.has(text.toLowerCase())) headingIds.set(text.toLowerCase(), id);
        continue;
      }
      if (node.type === 'paragraph') {
        const lone = LONE_BLOCK_ID.exec(toString(node).trim());
        if (lone && i > 0) {
          // `^id` on its own line names the block before it (lists, tables, quotes).
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
            setId(node, `^${match[1]}`);
            blockIds.add(match[1]!);
          }
        }
      }
      if ('children' in node && Array.isArray(node.children)) walk(node as { children: unknown[] });
    }
  };
  walk(tree);
  return { headings, headingIds, blockIds };
}

function setId(node: object, id: string): void {
  const target = node as { data?: Record<string, unknown> };
  target.data ??= {};
  const props = (target.data['hProperties'] as Record<string, unknown> | undefined) ?? {};
  props['id'] = id;
  target.data['hProperties'] = props;
}
