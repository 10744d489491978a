import { describe, expect, test } from 'vitest';
import { createKnowledgeGraph, relatedTopics, relatedTopicsForAll, relatedTopicsOnDemand } from '../../../graph/index.ts';
import { links, relation, topic } from './records.ts';

// u links a, b, c and x. v (never linked from u) is linked with a, b and c: three shared
// neighbours. w shares only a. x is a direct mention and nothing else.
//   s(a) = 3 (u, v, w), s(b) = s(c) = 2, all mention strengths 1:
//   score(v) = 1/ln 4 + 1/ln 3 + 1/ln 3 = 2.5418, score(w) = 1/ln 4 = 0.7213,
//   score(a) = score(b) = score(c) = score(x) = 1 (direct term only).
const records = () => ({
  topics: [topic('u'), topic('a'), topic('b'), topic('c'), topic('v'), topic('w'), topic('x', { title: 'Aardvark' })],
  links: links('u>a', 'u>b', 'u>c', 'u>x', 'v>a', 'b>v', 'c>v', 'w>a'),
  relations: [] as ReturnType<typeof relation>[],
});

describe('relatedTopics', () => {
  test('ranks a two-hop topic with many shared neighbours first, and includes non-neighbours', () => {
    const result = relatedTopics(createKnowledgeGraph(records()), 'u', 10);
    expect(result.map((r) => r.id)).toEqual(['v', 'a', 'x', 'b', 'c', 'w']);
    expect(result[0]).toMatchObject({ id: 'v', title: 'V', url: '/wiki/v/', shared: 3, direct: false });
    expect(result[0]!.score).toBeCloseTo(1 / Math.log(4) + 2 / Math.log(3), 5);
    expect(result.find((r) => r.id === 'w')!.score).toBeCloseTo(1 / Math.log(4), 5);
    expect(result.find((r) => r.id === 'x')).toMatchObject({ score: 1, direct: true, shared: 0 });
  });

  test('equal scores are ordered by title, not id ("Aardvark" before "B")', () => {
    const ids = relatedTopics(createKnowledgeGraph(records()), 'u', 10).map((r) => r.id);
    expect(ids.slice(1, 5)).toEqual(['a', 'x', 'b', 'c']);
  });

  test('a typed relation outranks a plain mention', () => {
    const input = records();
    input.relations.push(relation('u', 'technique-for', 'c'));
    const ids = relatedTopics(createKnowledgeGraph(input), 'u', 3).map((r) => r.id);
    // c: direct strength 1 (mention) + 2 (relation) = 3 > score(v).
    expect(ids).toEqual(['c', 'v', 'a']);
  });

  test('limit cuts the list; the topic itself never appears', () => {
    const graph = createKnowledgeGraph(records());
    expect(relatedTopics(graph, 'u', 2).map((r) => r.id)).toEqual(['v', 'a']);
    expect(relatedTopics(graph, 'a', 20).some((r) => r.id === 'a')).toBe(false);
    expect(relatedTopics(graph, 'u', 0)).toEqual([]);
  });

  test('unknown topics and bad limits throw with the module name', () => {
    const graph = createKnowledgeGraph(records());
    expect(() => relatedTopics(graph, 'nope')).toThrow(/^relatedTopics: unknown topic "nope"/);
    expect(() => relatedTopics(graph, 'u', -1)).toThrow(/^relatedTopics: limit/);
  });

  test('relatedTopicsForAll gives the same lists as one call per topic', () => {
    const graph = createKnowledgeGraph(records());
    const all = relatedTopicsForAll(graph, 4);
    expect([...all.keys()]).toEqual(graph.nodes());
    for (const id of graph.nodes()) expect(all.get(id as never)).toEqual(relatedTopics(graph, id, 4));
  });

  test('relatedTopicsOnDemand gives the same lists, in any order of asking and again, and none for an unknown id', () => {
    const graph = createKnowledgeGraph(records());
    const related = relatedTopicsOnDemand(graph, 4);
    for (const id of [...graph.nodes()].reverse()) expect(related(id as never)).toEqual(relatedTopics(graph, id, 4));
    // Asked again, the same list, ranked afresh: nothing is kept between asks.
    expect(related('v' as never)).toEqual(related('v' as never));
    expect(related('v' as never)).not.toBe(related('v' as never));
    expect(related('nowhere' as never)).toEqual([]);
  });

  test('cheap enough for every node of a 3,000-node skewed graph', () => {
    // Preferential attachment: hubs make Σ deg² the cost that matters.
    const n = 3000;
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const ids = Array.from({ length: n }, (_, i) => `t${i}`);
    const pool = [0];
    const pairs: string[] = [];
    for (let i = 1; i < n; i++) {
      for (let k = 0; k < 8; k++) {
        const j = random() < 0.7 ? pool[Math.floor(random() * pool.length)]! : Math.floor(random() * i);
        pairs.push(`t${i}>t${j}`);
        pool.push(j);
      }
      pool.push(i);
    }
    const graph = createKnowledgeGraph({ topics: ids.map((id) => topic(id)), links: links(...pairs), relations: [] });
    const start = performance.now();
    const all = relatedTopicsForAll(graph, 8);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(all.get('t2999' as never)).toHaveLength(8);
  });
});

describe('the hub fan-out cap', () => {
  /** A skewed graph (preferential attachment), as in a real wiki: a few hubs, most topics small. */
  function skewed(n: number, perTopic: number) {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const pool = [0];
    const pairs: string[] = [];
    for (let i = 1; i < n; i++) {
      for (let k = 0; k < perTopic; k++) {
        const j = random() < 0.7 ? pool[Math.floor(random() * pool.length)]! : Math.floor(random() * i);
        pairs.push(`t${i}>t${j}`);
        pool.push(j);
      }
      pool.push(i);
    }
    return createKnowledgeGraph({ topics: Array.from({ length: n }, (_, i) => topic(`t${i}`)), links: links(...pairs), relations: [] });
  }

  test('topics with no neighbour above the cap get exactly the uncapped results; hub neighbours still get some', () => {
    const graph = skewed(1500, 3);
    const cap = 25;
    const capped = relatedTopicsForAll(graph, 8, { hubFanOut: cap });
    const uncapped = relatedTopicsForAll(graph, 8, { hubFanOut: 1e9 });
    const degree = (id: string) => new Set(graph.neighbors(id)).size;
    const normal = graph.nodes().filter((id) => graph.neighbors(id).every((z) => degree(z) <= cap));
    const nearHub = graph.nodes().filter((id) => graph.neighbors(id).some((z) => degree(z) > cap));
    // Preconditions: the graph has hubs above the cap, and most topics are not next to one.
    expect(nearHub.length).toBeGreaterThan(50);
    expect(normal.length).toBeGreaterThan(100);
    for (const id of normal) expect(capped.get(id as never)).toEqual(uncapped.get(id as never));
    // The cap changes something (else this test could not tell a missing cap), but never empties a list.
    expect(nearHub.some((id) => JSON.stringify(capped.get(id as never)) !== JSON.stringify(uncapped.get(id as never)))).toBe(true);
    for (const id of nearHub) expect(capped.get(id as never)!.length).toBe(uncapped.get(id as never)!.length);
  });

  test('a hub linked from 30,000 pages costs linear, not quadratic, time', () => {
    // Uncapped, the hub's 30,000 neighbours each walk the other 29,999: 9·10⁸ steps.
    const n = 30_000;
    const pairs: string[] = [];
    for (let i = 1; i < n; i++) pairs.push(`t${i}>t0`, `t${i}>t${1 + (i % 97)}`);
    const graph = createKnowledgeGraph({ topics: Array.from({ length: n }, (_, i) => topic(`t${i}`)), links: links(...pairs), relations: [] });
    const start = performance.now();
    const all = relatedTopicsForAll(graph, 8);
    expect(performance.now() - start).toBeLessThan(8_000);
    expect(all.get('t500' as never)).toHaveLength(8);
  });

  test('the cap is documented in DEFAULTS and must be a positive integer', () => {
    const graph = createKnowledgeGraph(records());
    expect(() => relatedTopics(graph, 'u', 4, { hubFanOut: 0 })).toThrow(/^relatedTopics: hubFanOut/);
    expect(relatedTopics(graph, 'u', 10, { hubFanOut: 1 }).length).toBeGreaterThan(0);
  });
});
