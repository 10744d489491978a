// The sigma views' display rules (src/client/graph/reducers.ts) on a small decoded graph: no DOM,
// no WebGL, just state in, display data out.
import { describe, expect, test } from 'vitest';
import { buildKnowledgeGraph, graphFromJson, paletteColor, readGraphJson, shortestRelationPath, toGraphJson } from '../../../graph/index.ts';
import { countBright, createReducers, initialState, pathEdgeKeys, type ViewState } from '../../../src/client/graph/reducers.ts';
import { testHooksEnabled } from '../../../src/client/graph/testHooks.ts';
import { links, relation, topic } from './records.ts';

const theme = { dim: '#dim', mention: '#mention', relation: '#relation', path: '#path' };

function setup() {
  const built = buildKnowledgeGraph({
    topics: [topic('a', { category: 'Technique' }), topic('b', { category: 'Concept' }), topic('c', { category: 'Concept' }), topic('d', { category: undefined })],
    links: links('a>b', 'b>c', 'c>d'),
    relations: [relation('a', 'technique-for', 'c')],
  });
  const decoded = readGraphJson(toGraphJson(built));
  const graph = graphFromJson(decoded);
  let state: ViewState = initialState();
  const reducers = createReducers(graph, () => state, theme, decoded.categories, (edge) => `label of ${edge}`);
  const node = (id: string) => reducers.nodeReducer(id, graph.getNodeAttributes(id));
  const edgeBetween = (source: string, target: string, type: string) => graph.edges(source, target).find((e) => graph.getEdgeAttribute(e, 'type') === type)!;
  const edge = (key: string) => reducers.edgeReducer(key, graph.getEdgeAttributes(key));
  return { graph, decoded, node, edge, edgeBetween, set: (patch: Partial<ViewState>) => (state = { ...state, ...patch }), get: () => state };
}

describe('node reducer', () => {
  test('colours by community or by category (legend index; grey without a category)', () => {
    const { graph, decoded, node, set } = setup();
    expect(node('a').color).toBe(paletteColor(graph.getNodeAttribute('a', 'community')));
    set({ colorBy: 'category' });
    expect(decoded.categories).toEqual(['Concept', 'Technique']);
    expect(node('a').color).toBe(paletteColor(1));
    expect(node('b').color).toBe(paletteColor(0));
    expect(node('d').color).toBe(paletteColor(-1));
  });

  test('hover keeps the node and its neighbours bright, dims and unlabels the rest', () => {
    const { graph, node, set, get } = setup();
    set({ hovered: 'a', hoveredNeighbours: new Set(graph.neighbors('a')) });
    expect(node('a')).toMatchObject({ forceLabel: true, zIndex: 2 });
    expect(node('b').color).not.toBe(theme.dim);
    expect(node('d')).toMatchObject({ color: theme.dim, label: null, zIndex: 0 });
    expect(countBright(graph, get())).toBe(3);
  });

  test('a hidden category hides its nodes and their edges; the selected node is highlighted', () => {
    const { graph, node, edge, edgeBetween, set, get } = setup();
    set({ hiddenCategories: new Set(['Concept']), selected: 'a' });
    expect(node('b').hidden).toBe(true);
    expect(node('a')).toMatchObject({ hidden: false, highlighted: true, forceLabel: true });
    expect(edge(edgeBetween('a', 'b', 'mentions')).hidden).toBe(true);
    expect(countBright(graph, get())).toBe(2);
  });
});

describe('edge reducer', () => {
  test('mentions are thin lines, typed relations arrows; hidden types are hidden', () => {
    const { edge, edgeBetween, set } = setup();
    expect(edge(edgeBetween('a', 'b', 'mentions'))).toMatchObject({ type: 'line', color: theme.mention, hidden: false });
    expect(edge(edgeBetween('a', 'c', 'technique-for'))).toMatchObject({ type: 'arrow', color: theme.relation, hidden: false });
    set({ hiddenTypes: new Set(['mentions']) });
    expect(edge(edgeBetween('a', 'b', 'mentions')).hidden).toBe(true);
    expect(edge(edgeBetween('a', 'c', 'technique-for')).hidden).toBe(false);
  });

  test('hover hides edges not touching the hovered node; the hovered edge gets its label', () => {
    const { graph, edge, edgeBetween, set } = setup();
    const ab = edgeBetween('a', 'b', 'mentions');
    set({ hovered: 'a', hoveredNeighbours: new Set(graph.neighbors('a')), hoveredEdge: ab });
    expect(edge(edgeBetween('c', 'd', 'mentions')).hidden).toBe(true);
    expect(edge(ab)).toMatchObject({ hidden: false, label: `label of ${ab}`, forceLabel: true });
    expect(edge(edgeBetween('a', 'c', 'technique-for')).label).toBeNull();
  });

  test('a path shows only its own edges, in the path colour, and only its nodes bright', () => {
    const { graph, node, edge, edgeBetween, set, get } = setup();
    const steps = shortestRelationPath(graph, 'd', 'a')!;
    expect(steps.map((s) => `${s.from}>${s.to}:${s.type}:${s.direction}`)).toEqual(['d>c:mentions:backward', 'c>a:technique-for:backward']);
    const edges = pathEdgeKeys(graph, steps);
    expect([...edges].sort()).toEqual([edgeBetween('c', 'd', 'mentions'), edgeBetween('a', 'c', 'technique-for')].sort());
    set({ path: { nodes: new Set(['a', 'c', 'd']), edges } });
    expect(edge(edgeBetween('a', 'c', 'technique-for'))).toMatchObject({ color: theme.path, size: 4, hidden: false });
    expect(edge(edgeBetween('a', 'b', 'mentions')).hidden).toBe(true);
    expect(node('b').color).toBe(theme.dim);
    expect(node('d').forceLabel).toBe(true);
    expect(countBright(graph, get())).toBe(3);
  });
});

describe('test hooks', () => {
  // countBright is O(nodes) per hover: the views publish it only when a test can be reading it.
  test.each([
    [{ webdriver: true, search: '', htmlFlag: false }, true],
    [{ webdriver: false, search: '?test-hooks', htmlFlag: false }, true],
    [{ webdriver: undefined, search: '?from=a&test-hooks=1', htmlFlag: false }, true],
    [{ webdriver: false, search: '', htmlFlag: true }, true],
    [{ webdriver: false, search: '', htmlFlag: false }, false],
    [{ webdriver: undefined, search: '?q=test-hooks', htmlFlag: false }, false],
    [{ webdriver: false, search: '?test-hook', htmlFlag: false }, false],
  ])('%j → %s', (signals, expected) => {
    expect(testHooksEnabled(signals)).toBe(expected);
  });
});
