import { describe, expect, test } from 'vitest';
import { communities, createKnowledgeGraph, deadEnds, degrees, layout, nodeSizes, orphans, pagerank } from '../../../graph/index.ts';
import { createRequire } from 'node:module';
import { MultiDirectedGraph } from 'graphology';
import { fa2Matrices } from '../../../graph/layout.ts';
import { link, links, relation, topic } from './records.ts';

const graphOf = (ids: string[], pairs: string[], extra: Parameters<typeof createKnowledgeGraph>[0]['links'] = []) =>
  createKnowledgeGraph({ topics: ids.map((id) => topic(id)), links: [...links(...pairs), ...extra], relations: [] });

describe('pagerank', () => {
  test('a 3-cycle gives 1/3 each', () => {
    const result = pagerank(graphOf(['a', 'b', 'c'], ['a>b', 'b>c', 'c>a']));
    for (const id of ['a', 'b', 'c']) expect(result[id]).toBeCloseTo(1 / 3, 6);
  });

  test('a star of 3 leaves pointing at a dangling centre, solved by hand', () => {
    // N = 4, α = 0.85; the centre is dangling, so its rank is spread over all 4 nodes:
    //   L = 0.15/4 + 0.85·C/4,  C = 0.15/4 + 0.85·3L + 0.85·C/4
    //   ⇒ C = 0.133125 / 0.245625 = 0.541985, L = 0.152672
    const result = pagerank(graphOf(['c', 'l1', 'l2', 'l3'], ['l1>c', 'l2>c', 'l3>c']));
    expect(result['c']).toBeCloseTo(0.541985, 5);
    for (const leaf of ['l1', 'l2', 'l3']) expect(result[leaf]).toBeCloseTo(0.152672, 5);
  });

  test('link counts weight the walk', () => {
    // a→b three links, a→c one, b→a, c→a. With (1-α)/N = 0.05:
    //   A = 0.05 + 0.85(B + C), B = 0.05 + 0.85·¾A, C = 0.05 + 0.85·¼A
    //   ⇒ A = 0.135 / 0.2775 = 0.486486, B = 0.360135, C = 0.153378
    const graph = graphOf(['a', 'b', 'c'], ['a>b', 'a>b', 'a>b', 'a>c', 'b>a', 'c>a']);
    const result = pagerank(graph);
    expect(result['a']).toBeCloseTo(0.486486, 5);
    expect(result['b']).toBeCloseTo(0.360135, 5);
    expect(result['c']).toBeCloseTo(0.153378, 5);
  });

  test('assign writes the attribute', () => {
    const graph = graphOf(['a', 'b'], ['a>b', 'b>a']);
    pagerank.assign(graph);
    expect(graph.getNodeAttribute('a', 'pagerank')).toBeCloseTo(0.5, 6);
  });
});

describe('communities', () => {
  // Two 4-cliques (both directions) joined by one link d→e.
  const left = ['a', 'b', 'c', 'd'], right = ['e', 'f', 'g', 'h'];
  const clique = (ids: string[]) => ids.flatMap((x) => ids.filter((y) => y !== x).map((y) => `${x}>${y}`));
  const twoCliques = () => graphOf([...left, ...right], [...clique(left), ...clique(right), 'd>e']);

  test('two cliques joined by one edge are two communities, numbered by size then smallest id', () => {
    const result = communities(twoCliques(), { seed: 7 });
    for (const id of left) expect(result[id]).toBe(0);
    for (const id of right) expect(result[id]).toBe(1);
  });

  test('the same seed gives the same communities on a graph Louvain could split several ways', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `n${String(i).padStart(2, '0')}`);
    const pairs = ids.flatMap((id, i) => [`${id}>${ids[(i * 7 + 3) % 40]}`, `${id}>${ids[(i * 11 + 5) % 40]}`, `${id}>${ids[(i + 1) % 40]}`]);
    const one = communities(graphOf(ids, pairs), { seed: 42 });
    const two = communities(graphOf(ids, pairs), { seed: 42 });
    expect(two).toEqual(one);
    expect(new Set(Object.values(one)).size).toBeGreaterThan(1);
  });
});

describe('degrees, orphans, dead ends', () => {
  test('degrees count distinct neighbours, not edges', () => {
    const graph = createKnowledgeGraph({
      topics: ['a', 'b', 'c'].map((id) => topic(id)),
      links: links('a>b', 'a>b', 'c>b'),
      relations: [relation('a', 'improves', 'b')],
    });
    const result = degrees(graph);
    expect(result['a']).toEqual({ inDegree: 0, outDegree: 1 });
    expect(result['b']).toEqual({ inDegree: 2, outDegree: 0 });
  });

  test('orphans have no inbound edge of any kind; dead ends no outbound', () => {
    const graph = createKnowledgeGraph({
      topics: ['a', 'b', 'c', 'd'].map((id) => topic(id)),
      links: [...links('a>b'), link('c', null)],
      relations: [relation('b', 'is-a', 'c')],
    });
    expect(orphans(graph)).toEqual(['a', 'd']);
    expect(deadEnds(graph)).toEqual(['c', 'd']);
  });
});

describe('layout and sizes', () => {
  const build = (seed: number) => {
    const graph = graphOf(['a', 'b', 'c', 'd', 'e', 'f'], ['a>b', 'b>c', 'c>a', 'd>e', 'e>f', 'f>d', 'a>d']);
    communities.assign(graph, { seed });
    return layout(graph, { seed, extent: 1000 });
  };

  test('integer coordinates centred on 0 and scaled to the extent', () => {
    const points = Object.values(build(1));
    for (const { x, y } of points) {
      expect(Number.isInteger(x) && Number.isInteger(y)).toBe(true);
      expect(Math.abs(x)).toBeLessThanOrEqual(500);
      expect(Math.abs(y)).toBeLessThanOrEqual(500);
    }
    const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
    expect(Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))).toBeGreaterThanOrEqual(999);
  });

  test('same seed, same layout; another seed, another layout', () => {
    expect(build(1)).toEqual(build(1));
    expect(build(2)).not.toEqual(build(1));
  });

  test("the caller's graph is left as it was", () => {
    const graph = graphOf(['a', 'b', 'c', 'd', 'e', 'f'], ['a>b', 'b>c', 'c>a', 'd>e', 'e>f', 'f>d', 'a>d']);
    communities.assign(graph, { seed: 1 });
    const before = graph.export();
    layout(graph, { seed: 1 });
    expect(graph.export()).toEqual(before);
  });

  test("ForceAtlas2 runs on the matrices graphology's own entry point would make, with the nodes in the order given", () => {
    // Parallel links (one edge of weight 2) and a weight-0 edge, as a query's listing edge has.
    const graph = graphOf(['a', 'b', 'c', 'd'], ['a>b', 'a>b', 'b>c', 'c>a', 'd>b']);
    graph.addDirectedEdgeWithKey('listed', 'd', 'a', { ...graph.getEdgeAttributes(graph.edges()[0]!), weight: 0 });
    const order = ['c', 'a', 'd', 'b'];
    const start = Object.fromEntries(order.map((node, i) => [node, { x: 10 * i, y: -3 * i }]));
    const ours = fa2Matrices(graph, order, start);

    const reordered = new MultiDirectedGraph();
    for (const node of order) reordered.addNode(node, start[node]);
    graph.forEachEdge((edge, attributes, source, target) => reordered.addDirectedEdgeWithKey(edge, source, target, attributes));
    const { graphToByteArrays } = createRequire(import.meta.url)('graphology-layout-forceatlas2/helpers.js') as {
      graphToByteArrays(graph: MultiDirectedGraph, weight: (edge: string, attributes: { weight: number }) => number): { nodes: Float32Array; edges: Float32Array };
    };
    const theirs = graphToByteArrays(reordered, (_edge, attributes) => attributes.weight);
    expect(ours.nodes).toEqual(theirs.nodes);
    // The same edges (source, target, weight); ours are listed by source in the node order.
    const triples = (edges: Float32Array) => Array.from({ length: edges.length / 3 }, (_, i) => [...edges.subarray(3 * i, 3 * i + 3)]);
    const sorted = (list: number[][]) => [...list].sort((p, q) => p[0]! - q[0]! || p[1]! - q[1]!);
    expect(sorted(triples(ours.edges))).toEqual(sorted(triples(theirs.edges)));
    expect(triples(ours.edges).map(([source]) => source)).toEqual([0, 10, 20, 20, 30]);
    expect(triples(ours.edges)).toContainEqual([10, 30, 2]);
    expect(triples(ours.edges)).toContainEqual([20, 10, 0]);
  });

  test('sizes grow with PageRank between the bounds', () => {
    const graph = graphOf(['c', 'l1', 'l2', 'l3'], ['l1>c', 'l2>c', 'l3>c']);
    pagerank.assign(graph);
    const sizes = nodeSizes(graph, { minSize: 2, maxSize: 10 });
    expect(sizes['c']).toBe(10);
    expect(sizes['l1']).toBe(2);
  });
});

describe('neighbourhood', () => {
  test('rings by distance, each ordered by PageRank then title, cut at the limit', async () => {
    const { neighbourhood } = await import('../../../graph/index.ts');
    // hub is linked by everyone, so it has the highest PageRank of a's neighbours.
    const graph = graphOf(['a', 'b', 'c', 'hub', 'far', 'x'], ['a>b', 'c>a', 'a>hub', 'b>hub', 'c>hub', 'x>hub', 'hub>far']);
    pagerank.assign(graph);
    expect(neighbourhood(graph, 'a')).toEqual([
      { id: 'a', distance: 0 },
      { id: 'hub', distance: 1 },
      { id: 'b', distance: 1 },
      { id: 'c', distance: 1 },
    ]);
    expect(neighbourhood(graph, 'a', { depth: 2 }).map((e) => `${e.id}@${e.distance}`)).toEqual(['a@0', 'hub@1', 'b@1', 'c@1', 'far@2', 'x@2']);
    expect(neighbourhood(graph, 'a', { depth: 2, limit: 3 }).map((e) => e.id)).toEqual(['a', 'hub', 'b']);
    expect(() => neighbourhood(graph, 'zz')).toThrow(/^neighbourhood: unknown topic/);
  });
});
