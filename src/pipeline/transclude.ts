// Transclusions. Each `![[Note]]`, `![[Note#Heading]]` or `![[Note#^block]]` container is filled
// with a copy of that note, section or block, under a link to its source. The copy is taken where
// the source's tree is (`embedSection`), the container filled where the host's is (`fillEmbed`):
// with sharded builds they may be on different threads. Copies keep no ids (they would clash with
// the host page's) and hold no nested transclusions (those become links), so a cycle of embeds —
// or a note embedding itself — ends after one level instead of recursing.
import type { Parent, Root, RootContent } from 'mdast';
import { findHeading, type PageAnchors } from './anchors.ts';
import { isDemoPlaceholder } from './transformNote.ts';

/** What a page embeds: the whole note, a heading's section, or a block. */
export interface EmbedRequest {
  headingPath: readonly string[];
  blockId: string | undefined;
}

/** A copy of the requested part of `tree`, ready to place in another page. */
export function embedSection(tree: Root, anchors: Pick<PageAnchors, 'headings'>, request: EmbedRequest): RootContent[] {
  const headingId = request.headingPath.length ? findHeading(anchors, request.headingPath) : undefined;
  const section = extractSection(tree, headingId, request.blockId);
  return structuredClone(section).map(stripForEmbedding);
}

/** Puts a copied section into an embed container, under a link to its source. */
export function fillEmbed(container: Parent & { data?: Record<string, unknown> }, section: readonly RootContent[]): void {
  const data = container.data as Record<string, unknown>;
  if (data['atlasInline']) return;
  const sourceLink = {
    type: 'paragraph',
    children: [{ type: 'link', url: data['atlasUrl'], children: [{ type: 'text', value: `From “${String(data['atlasText'])}”` }] }],
    data: { hProperties: { className: ['transclusion-source'] } },
  };
  container.children = [sourceLink, ...section] as typeof container.children;
}

function extractSection(tree: Root, headingId: string | undefined, blockId: string | undefined): RootContent[] {
  const idOf = (n: RootContent) => ((n.data as Record<string, unknown> | undefined)?.['hProperties'] as Record<string, unknown> | undefined)?.['id'];
  if (blockId) {
    const found: RootContent[] = [];
    const walk = (nodes: RootContent[]) => {
      for (const n of nodes) {
        if (idOf(n) === `^${blockId}`) found.push(n);
        else if ('children' in n && found.length === 0) walk(n.children as RootContent[]);
      }
    };
    walk(tree.children);
    return found.slice(0, 1);
  }
  if (!headingId) return tree.children.filter((n) => !isDemoPlaceholder(n));
  const start = tree.children.findIndex((n) => n.type === 'heading' && idOf(n) === headingId);
  if (start === -1) return [];
  const depth = (tree.children[start] as { depth: number }).depth;
  const end = tree.children.findIndex((n, i) => i > start && n.type === 'heading' && n.depth <= depth);
  return tree.children.slice(start, end === -1 ? undefined : end);
}

/** Embedded copies keep no ids (they would clash with the host page's) and no nested transclusions. */
function stripForEmbedding(node: RootContent): RootContent {
  const data = node.data as Record<string, unknown> | undefined;
  if (data?.['atlasEmbed'] !== undefined) {
    return { type: 'paragraph', children: [{ type: 'link', url: String(data['atlasUrl']), children: [{ type: 'text', value: String(data['atlasText']) }] }] } as RootContent;
  }
  if (isDemoPlaceholder(node)) return { type: 'paragraph', children: [] } as RootContent;
  if (data?.['hProperties']) {
    const props = { ...(data['hProperties'] as Record<string, unknown>) };
    delete props['id'];
    node.data = { ...data, hProperties: props } as RootContent['data'];
  }
  if ('children' in node) (node as { children: RootContent[] }).children = (node as { children: RootContent[] }).children.map(stripForEmbedding);
  return node;
}
