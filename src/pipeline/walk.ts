// A pre-order walk over a syntax tree, for the pipeline's hot passes. unist-util-visit builds a
// closure and an ancestor list per node; on a 5,000-page build its walks were the largest single
// cost, so each pipeline stage walks its tree once, with this.

/** What a visitor may return: an index to continue at (after replacing nodes), 'skip' to not descend. */
export type WalkResult = number | 'skip' | void;

export interface WalkNode {
  type: string;
  children?: WalkNode[];
}

/**
 * Calls `visit` for every descendant of `root`, parents before children. A visitor may splice its
 * parent's children; it then returns the index to continue at.
 */
export function walk<N extends WalkNode = WalkNode>(root: { children?: unknown[] }, visit: (node: N, index: number, parent: N) => WalkResult): void {
  const children = root.children as N[] | undefined;
  if (!children) return;
  let i = 0;
  while (i < children.length) {
    const node = children[i]!;
    const next = visit(node, i, root as N);
    if (typeof next === 'number') {
      i = next;
      continue;
    }
    if (next !== 'skip' && node.children) walk(node, visit);
    i++;
  }
}
