// The local graph on a topic page: the topic and its neighbours (depth 1, or 2 with the toggle) at
// their build-time positions, drawn with sigma. Loaded by boot.ts only once the section scrolls
// into view. Hover dims everything but the hovered topic's neighbours; click opens a topic.
// Test hooks are data-* attributes on the root: data-ready, data-node-count, data-depth, data-hovered,
// and under test only (testHooks.ts) data-highlighted-count.
import { MultiDirectedGraph } from 'graphology';
import type Sigma from 'sigma';
import { neighbourhood, type ViewEdgeAttributes, type ViewGraph, type ViewNodeAttributes } from '../../../graph/index.ts';
import { loadGraph } from './data.ts';
import { showNote } from './fallback.ts';
import { hoverDrawer } from './hoverDrawer.ts';
import { countBright, createReducers, initialState, type ViewState } from './reducers.ts';
import { pageSignals, testHooksEnabled } from './testHooks.ts';
import { readTheme, watchTheme } from './theme.ts';

export const DEFAULTS = {
  /** Most topics drawn; depth-2 neighbourhoods of hubs are cut to the most important. */
  limit: 120,
};

/** The subgraph of `graph` induced by the neighbourhood of `id`, keeping build positions. */
export function localSubgraph(graph: ViewGraph, id: string, depth: number, limit = DEFAULTS.limit): ViewGraph {
  const sub: ViewGraph = new MultiDirectedGraph<ViewNodeAttributes, ViewEdgeAttributes>();
  for (const { id: node } of neighbourhood(graph, id, { depth, limit })) sub.addNode(node, { ...graph.getNodeAttributes(node) });
  sub.forEachNode((node) => {
    graph.forEachOutEdge(node, (edge, attributes, _source, target) => {
      if (sub.hasNode(target)) sub.addDirectedEdgeWithKey(edge, node, target, { ...attributes });
    });
  });
  return sub;
}

export async function mountLocalGraph(root: HTMLElement): Promise<() => void> {
  const id = root.dataset['topic']!;
  const { graph, wording: wordingOf } = await loadGraph(root.dataset['graphUrl']!);
  if (!graph.hasNode(id)) {
    showNote(root, 'This topic is not in the knowledge graph yet.');
    return () => {};
  }
  const container = root.querySelector<HTMLElement>('[data-graph-canvas]')!;
  const depthToggle = root.querySelector<HTMLInputElement>('input[data-depth-toggle]');
  const [{ default: SigmaClass }, { drawDiscNodeLabel }] = await Promise.all([import('sigma'), import('sigma/rendering')]);
  const controller = new AbortController();
  let theme = readTheme(root);
  let renderer: Sigma<ViewNodeAttributes, ViewEdgeAttributes> | null = null;
  // countBright scans every node: only when a test may read it (see testHooks.ts).
  const countHook = testHooksEnabled(pageSignals());

  const draw = (depth: number) => {
    renderer?.kill();
    const sub = localSubgraph(graph, id, depth);
    let state: ViewState = initialState({ selected: id });
    const wording = (edge: string) => {
      const [source, target] = sub.extremities(edge);
      return `${sub.getNodeAttribute(source, 'title')} ${wordingOf(sub.getEdgeAttribute(edge, 'type'))?.forward ?? sub.getEdgeAttribute(edge, 'type')} ${sub.getNodeAttribute(target, 'title')}`;
    };
    const reducers = createReducers(sub, () => state, theme, [], wording);
    container.hidden = false;
    const view: Sigma<ViewNodeAttributes, ViewEdgeAttributes> = new SigmaClass(sub, container, {
      nodeReducer: reducers.nodeReducer,
      edgeReducer: reducers.edgeReducer,
      zIndex: true,
      renderEdgeLabels: true,
      enableEdgeEvents: true,
      // Few nodes: label most of them, the important first.
      labelRenderedSizeThreshold: depth === 1 ? 0 : 6,
      // A small neighbourhood labels every neighbour; a crowded one lets sigma's label grid keep
      // labels apart (the full list of neighbours is in the links below the canvas).
      labelDensity: depth === 1 && sub.order <= 12 ? 100 : 1,
      labelFont: theme.font,
      edgeLabelFont: theme.font,
      labelColor: { color: theme.fg },
      edgeLabelColor: { color: theme.fg },
      defaultDrawNodeHover: hoverDrawer(() => theme, drawDiscNodeLabel),
      stagePadding: 40,
    });
    const setState = (patch: Partial<ViewState>) => {
      state = { ...state, ...patch };
      view.refresh({ skipIndexation: true });
      root.dataset['hovered'] = state.hovered ?? '';
      if (countHook) root.dataset['highlightedCount'] = String(countBright(sub, state));
    };
    view.on('enterNode', ({ node }) => {
      container.style.cursor = 'pointer';
      setState({ hovered: node, hoveredNeighbours: new Set(sub.neighbors(node)) });
    });
    view.on('leaveNode', () => {
      container.style.cursor = '';
      setState({ hovered: null, hoveredNeighbours: new Set() });
    });
    view.on('enterEdge', ({ edge }) => setState({ hoveredEdge: edge }));
    view.on('leaveEdge', () => setState({ hoveredEdge: null }));
    view.on('clickNode', ({ node }) => {
      if (node !== id) location.assign(sub.getNodeAttribute(node, 'url'));
    });
    // sigma's constructor has already drawn the first frame (synchronously).
    root.dataset['ready'] = 'true';
    root.querySelector<HTMLElement>('[data-graph-fallback]')?.classList.add('visually-hidden');
    root.dataset['nodeCount'] = String(sub.order);
    root.dataset['depth'] = String(depth);
    renderer = view;
  };

  draw(depthToggle?.checked ? 2 : 1);
  depthToggle?.addEventListener('change', () => draw(depthToggle.checked ? 2 : 1), { signal: controller.signal });
  const unwatch = watchTheme(() => {
    theme = readTheme(root);
    draw(depthToggle?.checked ? 2 : 1);
  });

  return () => {
    controller.abort();
    unwatch();
    renderer?.kill();
    renderer = null;
    delete root.dataset['ready'];
  };
}
