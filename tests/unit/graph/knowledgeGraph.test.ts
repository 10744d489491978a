import { describe, expect, test } from 'vitest';
import { buildKnowledgeGraph, createKnowledgeGraph, edgeKey } from '../../../graph/index.ts';
import { link, links, relation, topic } from './records.ts';

describe('createKnowledgeGraph', () => {
  const topics = [topic('b'), topic('a'), topic('c')];

  test('one node per topic, in id order, with the record fields', () => {
    const graph = createKnowledgeGraph({ topics, links: [], relations: [] });
    expect(graph.nodes()).toEqual(['a', 'b', 'c']);
    expect(graph.getNodeAttributes('a')).toMatchObject({ title: 'A', url: '/wiki/a/', category: 'Concept', wordCount: 300, file: 'content/a.md' });
  });

  test('links between the same pair become one mentions edge weighted by count, embeds included', () => {
    const graph = createKnowledgeGraph({
      topics,
      links: [link('a', 'b', { line: 9 }), link('a', 'b', { line: 2, kind: 'embed' }), link('a', 'b', { line: 5 }), link('b', 'a')],
      relations: [],
    });
    expect(graph.size).toBe(2);
    const edge = graph.getEdgeAttributes(edgeKey('a', 'b', 'mentions'));
    expect(edge.type).toBe('mentions');
    expect(edge.weight).toBe(3);
    // Type and weight only: where each link stands is the link records' to say.
    expect(edge).toEqual({ type: 'mentions', weight: 3 });
    expect(graph.getEdgeAttribute(edgeKey('b', 'a', 'mentions'), 'weight')).toBe(1);
  });

  test('self-links, unresolved links and links to unknown topics are not edges', () => {
    const graph = createKnowledgeGraph({ topics, links: [link('a', 'a'), link('a', null), link('a', 'zzz')], relations: [] });
    expect(graph.size).toBe(0);
  });

  test('one edge per typed relation, alongside the mentions edge', () => {
    const graph = createKnowledgeGraph({
      topics,
      links: links('a>b'),
      relations: [relation('a', 'is-a', 'b', { line: 4, column: 7 }), relation('a', 'part-of', 'b'), relation('a', 'is-a', null)],
    });
    expect(graph.edges('a', 'b').map((e) => graph.getEdgeAttribute(e, 'type')).sort()).toEqual(['is-a', 'mentions', 'part-of']);
    expect(graph.getEdgeAttributes(edgeKey('a', 'b', 'is-a'))).toEqual({ type: 'is-a', weight: 2 });
  });

  test('duplicate topic ids are a pipeline bug and throw with the module name', () => {
    expect(() => createKnowledgeGraph({ topics: [topic('a'), topic('a')], links: [], relations: [] })).toThrow(/^createKnowledgeGraph: duplicate topic id "a"/);
  });
});

describe('buildKnowledgeGraph', () => {
  test('assigns every analytic attribute', () => {
    const graph = buildKnowledgeGraph({ topics: [topic('a'), topic('b'), topic('c')], links: links('a>b', 'b>c', 'c>a'), relations: [] });
    graph.forEachNode((_node, a) => {
      expect(a.pagerank).toBeCloseTo(1 / 3, 5);
      expect(a.inDegree).toBe(1);
      expect(a.outDegree).toBe(1);
      expect(a.community).toBe(0);
      expect(Number.isInteger(a.x) && Number.isInteger(a.y)).toBe(true);
      expect(a.size).toBeGreaterThan(0);
    });
    // Not all at the origin: the layout ran.
    expect(new Set(graph.mapNodes((_n, a) => `${a.x},${a.y}`)).size).toBe(3);
  });

  test('the order records arrive in does not matter', () => {
    const topics = ['a', 'b', 'c', 'd', 'e'].map((id) => topic(id));
    const records = links('a>b', 'b>c', 'c>a', 'd>e', 'e>a', 'a>d');
    const rels = [relation('b', 'improves', 'd'), relation('e', 'is-a', 'c')];
    const one = buildKnowledgeGraph({ topics, links: records, relations: rels });
    const two = buildKnowledgeGraph({ topics: [...topics].reverse(), links: [...records].reverse(), relations: [...rels].reverse() });
    expect(JSON.stringify(two.export())).toBe(JSON.stringify(one.export()));
  });
});
