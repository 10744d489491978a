// "How are X and Y related?": the cheapest chain of edges between two topics, read in words.
//
// Reachability ignores direction (a reader asks how two topics are connected, not who linked
// whom); each step remembers whether it follows its edge forwards or backwards so the sentence
// can use the inverse wording ("Computational efficiency is served by technique Model pruning").
// Typed relations cost DEFAULTS.relationCost and mentions DEFAULTS.mentionCost, so a chain of two
// typed relations (cost 2) beats one bare mention (2.5): declared relations explain, mentions
// only connect. Plain Dijkstra with a binary heap; ties go to the first path found in node and
// edge order, so the answer is deterministic.
//
// Generic over attributes: the build runs it on the KnowledgeGraph, the browser on the graph
// decoded from graph.json (same nodes, same edge order), and both get the same answer.
//
// [Reference]: Dijkstra, E. W. "A note on two problems in connexion with graphs". Numerische
// Mathematik 1, 1959.
import type { Attributes, default as Graph } from 'graphology-types';
import { MENTIONS, type EdgeType } from './relations.ts';
import type { TopicSlug } from './types.ts';

export const DEFAULTS = {
  relationCost: 1,
  mentionCost: 2.5,
};

export interface ShortestRelationPathOptions extends Partial<typeof DEFAULTS> {
  /** Only traverse these edge types (e.g. the relation filters of the explorer); default all. */
  types?: ReadonlySet<EdgeType>;
}

export type PathDirection = 'forward' | 'backward';

/** One step along the path: `from` and `to` in path order; `backward` when the edge points to → from. */
export interface PathStep {
  from: TopicSlug;
  to: TopicSlug;
  type: EdgeType;
  direction: PathDirection;
}

/** Binary min-heap on (cost, insertion order). */
class Heap {
  private items: { node: string; cost: number; seq: number }[] = [];
  private seq = 0;
  get size(): number {
    return this.items.length;
  }
  push(node: string, cost: number): void {
    const items = this.items;
    items.push({ node, cost, seq: this.seq++ });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  pop(): { node: string; cost: number } {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < items.length && this.less(l, m)) m = l;
        if (r < items.length && this.less(r, m)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
  private less(a: number, b: number): boolean {
    const p = this.items[a]!, q = this.items[b]!;
    return p.cost < q.cost || (p.cost === q.cost && p.seq < q.seq);
  }
}

/**
 * Cheapest path from `fromId` to `toId`, or null when they are not connected.
 * An empty array means `fromId === toId`. Throws on an unknown id.
 */
export function shortestRelationPath<N extends { title: string }, E extends { type: EdgeType }>(
  graph: Graph<N, E>,
  fromId: string,
  toId: string,
  options: ShortestRelationPathOptions = {},
): PathStep[] | null {
  const { relationCost, mentionCost, types } = { ...DEFAULTS, ...options };
  if (!(relationCost > 0) || !(mentionCost > 0)) {
    throw new Error('shortestRelationPath: edge costs must be positive');
  }
  for (const id of [fromId, toId]) {
    if (!graph.hasNode(id)) throw new Error(`shortestRelationPath: unknown topic "${id}"`);
  }
  if (fromId === toId) return [];

  const cost = new Map<string, number>([[fromId, 0]]);
  const previous = new Map<string, { node: string; type: EdgeType; direction: PathDirection }>();
  const done = new Set<string>();
  const heap = new Heap();
  heap.push(fromId, 0);
  while (heap.size > 0) {
    const { node, cost: here } = heap.pop();
    if (done.has(node)) continue;
    done.add(node);
    if (node === toId) break;
    graph.forEachEdge(node, (_edge, attributes, source, target) => {
      if (types !== undefined && !types.has(attributes.type)) return;
      const next = source === node ? target : source;
      if (done.has(next)) return;
      const total = here + (attributes.type === MENTIONS ? mentionCost : relationCost);
      if (total < (cost.get(next) ?? Infinity)) {
        cost.set(next, total);
        previous.set(next, { node, type: attributes.type, direction: source === node ? 'forward' : 'backward' });
        heap.push(next, total);
      }
    });
  }
  if (!done.has(toId)) return null;

  const steps: PathStep[] = [];
  for (let node = toId; node !== fromId; ) {
    const step = previous.get(node)!;
    steps.push({ from: step.node as TopicSlug, to: node as TopicSlug, type: step.type, direction: step.direction });
    node = step.node;
  }
  return steps.reverse();
}

/** How an edge type reads: from the graph's vocabulary (build) or graph.json's legend (browser). */
export type EdgeWording = (type: EdgeType) => { forward: string; inverse: string } | undefined;

/** One plain-English sentence per step (inverse wording for backward steps). */
export function describePath<N extends { title: string }, E extends Attributes>(graph: Graph<N, E>, steps: readonly PathStep[], wordingOf: EdgeWording): string[] {
  const title = (id: string) => {
    if (!graph.hasNode(id)) throw new Error(`describePath: unknown topic "${id}"`);
    return graph.getNodeAttribute(id, 'title');
  };
  return steps.map((step) => {
    const wording = wordingOf(step.type);
    if (wording === undefined) throw new Error(`describePath: unknown edge type "${step.type}"`);
    return `${title(step.from)} ${step.direction === 'forward' ? wording.forward : wording.inverse} ${title(step.to)}`;
  });
}
