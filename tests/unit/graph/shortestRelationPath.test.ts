import { describe, expect, test } from 'vitest';
import {
  buildKnowledgeGraph,
  createKnowledgeGraph,
  describePath,
  edgeWording,
  graphFromJson,
  readGraphJson,
  shortestRelationPath,
  toGraphJson,
} from '../../../graph/index.ts';
import { links, relation, topic } from './records.ts';

const input = () => ({
  topics: [
    topic('pruning', { title: 'Model pruning' }),
    topic('efficiency', { title: 'Computational efficiency' }),
    topic('flops', { title: 'FLOPs' }),
    topic('island', { title: 'Island' }),
    topic('a'),
    topic('b'),
    topic('c'),
    topic('d'),
  ],
  // pruning mentions flops directly; the typed route goes through efficiency.
  links: links('pruning>flops', 'a>d'),
  relations: [
    relation('pruning', 'technique-for', 'efficiency'),
    relation('efficiency', 'measured-by', 'flops'),
    relation('a', 'is-a', 'b'),
    relation('b', 'is-a', 'c'),
    relation('c', 'is-a', 'd'),
  ],
});

describe('shortestRelationPath', () => {
  test('two typed relations (cost 2) beat one mention (cost 2.5)', () => {
    expect(shortestRelationPath(createKnowledgeGraph(input()), 'pruning', 'flops')).toEqual([
      { from: 'pruning', to: 'efficiency', type: 'technique-for', direction: 'forward' },
      { from: 'efficiency', to: 'flops', type: 'measured-by', direction: 'forward' },
    ]);
  });

  test('one mention (2.5) beats three typed relations (3)', () => {
    expect(shortestRelationPath(createKnowledgeGraph(input()), 'a', 'd')).toEqual([{ from: 'a', to: 'd', type: 'mentions', direction: 'forward' }]);
  });

  test('edges are walked backwards when needed, and say so', () => {
    expect(shortestRelationPath(createKnowledgeGraph(input()), 'flops', 'pruning')).toEqual([
      { from: 'flops', to: 'efficiency', type: 'measured-by', direction: 'backward' },
      { from: 'efficiency', to: 'pruning', type: 'technique-for', direction: 'backward' },
    ]);
  });

  test('edge type filters restrict the walk', () => {
    const graph = createKnowledgeGraph(input());
    expect(shortestRelationPath(graph, 'pruning', 'flops', { types: new Set(['mentions']) })).toEqual([
      { from: 'pruning', to: 'flops', type: 'mentions', direction: 'forward' },
    ]);
    expect(shortestRelationPath(graph, 'a', 'd', { types: new Set(['is-a']) })).toHaveLength(3);
  });

  test('unconnected topics give null, the same topic an empty path, unknown ids throw', () => {
    const graph = createKnowledgeGraph(input());
    expect(shortestRelationPath(graph, 'pruning', 'island')).toBeNull();
    expect(shortestRelationPath(graph, 'pruning', 'pruning')).toEqual([]);
    expect(() => shortestRelationPath(graph, 'pruning', 'nope')).toThrow(/^shortestRelationPath: unknown topic "nope"/);
  });

  test('the graph decoded from graph.json gives the same path as the build graph', () => {
    const graph = buildKnowledgeGraph(input());
    const client = graphFromJson(readGraphJson(JSON.parse(JSON.stringify(toGraphJson(graph)))));
    for (const [from, to] of [['pruning', 'flops'], ['flops', 'pruning'], ['a', 'd'], ['d', 'pruning']] as const) {
      expect(shortestRelationPath(client, from, to)).toEqual(shortestRelationPath(graph, from, to));
    }
  });
});

describe('describePath', () => {
  const wording = (type: string) => edgeWording(type);
  test('forward steps use the forward wording', () => {
    const graph = createKnowledgeGraph(input());
    expect(describePath(graph, shortestRelationPath(graph, 'pruning', 'flops')!, wording)).toEqual([
      'Model pruning is a technique for Computational efficiency',
      'Computational efficiency is measured by FLOPs',
    ]);
  });

  test('backward steps use the inverse wording', () => {
    const graph = createKnowledgeGraph(input());
    expect(describePath(graph, shortestRelationPath(graph, 'flops', 'pruning')!, wording)).toEqual([
      'FLOPs measures Computational efficiency',
      'Computational efficiency is served by technique Model pruning',
    ]);
    expect(describePath(graph, [{ from: 'd' as never, to: 'a' as never, type: 'mentions', direction: 'backward' }], wording)).toEqual(['D is mentioned by A']);
  });
});
