// The /graph/ explorer: the whole knowledge graph drawn with sigma 3 at its build-time layout.
// Colour by community or category, size by PageRank, labels by importance; hover highlights a
// neighbourhood, click opens the topic, search focuses a node, filters hide categories and
// relation types, and the path tool's answer is highlighted on the canvas.
//
// All display decisions go through the reducers in reducers.ts over one ViewState; this module
// only turns DOM and sigma events into new states. Test hooks are data-* attributes on the root
// (data-ready, data-hovered, data-highlighted-count, data-selected, data-path-length), never globals;
// data-highlighted-count costs a scan of the graph and is written only under test (testHooks.ts).
import type Sigma from 'sigma';
import { paletteColor, type EdgeType, type PathStep, type ViewEdgeAttributes, type ViewNodeAttributes } from '../../../graph/index.ts';
import { loadGraph, type LoadedGraph } from './data.ts';
import { setupPathTool } from './pathTool.ts';
import { topicCombobox } from './topicCombobox.ts';
import { countBright, createReducers, initialState, pathEdgeKeys, type ColorBy, type ViewState } from './reducers.ts';
import { pageSignals, testHooksEnabled } from './testHooks.ts';
import { showNote } from './fallback.ts';
import { hoverDrawer } from './hoverDrawer.ts';
import { readTheme, watchTheme } from './theme.ts';

export interface MountOptions {
  webgl: boolean;
}

type Renderer = Sigma<ViewNodeAttributes, ViewEdgeAttributes>;

function select<T extends Element>(root: Element, selector: string): T | null {
  return root.querySelector<T>(selector);
}

export async function mountExplorer(root: HTMLElement, options: MountOptions): Promise<() => void> {
  const cleanups: (() => void)[] = [];
  const cleanup = () => {
    for (const fn of cleanups.splice(0).reverse()) fn();
  };
  // Start loading sigma while graph.json downloads and decodes.
  const sigmaModules = options.webgl ? Promise.all([import('sigma'), import('sigma/rendering')]) : null;
  sigmaModules?.catch(() => {}); // handled where awaited; avoids an unhandled rejection if the data fails first
  const loaded = await loadGraph(root.dataset['graphUrl']!);
  performance.mark('graph:decoded');
  const { graph, decoded, names } = loaded;
  root.dataset['nodeCount'] = String(graph.order);

  let focusNode: (id: string) => void = (id) => location.assign(graph.getNodeAttribute(id, 'url'));
  let onPath: ((steps: PathStep[] | null) => void) | undefined;
  let hiddenTypes = new Set<EdgeType>();

  if (sigmaModules !== null) {
    try {
      const view = await drawExplorer(root, loaded, await sigmaModules, (types) => (hiddenTypes = types));
      cleanups.push(view.cleanup);
      focusNode = view.focusNode;
      onPath = view.showPath;
    } catch (error) {
      showNote(root, `The interactive graph could not be drawn (${(error as Error).message}). The list below and the path finder still work.`);
    }
  }

  const search = select<HTMLFormElement>(root, 'form[data-graph-search]');
  if (search !== null) {
    const controller = new AbortController();
    const input = search.elements.namedItem('q') as HTMLInputElement;
    const message = select<HTMLElement>(search, '[data-search-message]');
    const show = (id: string | undefined) => {
      if (message !== null) message.textContent = id === undefined && input.value.trim() !== '' ? `No topic is called “${input.value.trim()}”.` : '';
      if (id !== undefined) focusNode(id);
    };
    search.addEventListener('submit', (event) => {
      event.preventDefault();
      show(names.resolve(input.value));
    }, { signal: controller.signal });
    // Picking a suggestion shows that topic at once (it may be a topic another shares a title with).
    cleanups.push(topicCombobox(input, { names, onPick: show }));
    cleanups.push(() => controller.abort());
  }

  const pathForm = select<HTMLFormElement>(root, 'form[data-path-tool]');
  if (pathForm !== null) {
    const types = () => (hiddenTypes.size === 0 ? undefined : new Set(decoded.edgeTypes.filter((t) => !hiddenTypes.has(t))));
    const wording = loaded.wording;
    cleanups.push(setupPathTool(pathForm, onPath === undefined ? { graph, names, types, wording } : { graph, names, types, wording, onPath }));
  }

  const focus = new URLSearchParams(location.search).get('focus');
  if (focus !== null && graph.hasNode(focus) && options.webgl) focusNode(focus);
  return cleanup;
}

interface ExplorerView {
  cleanup: () => void;
  focusNode: (id: string) => void;
  showPath: (steps: PathStep[] | null) => void;
}

async function drawExplorer(
  root: HTMLElement,
  { graph, decoded, wording: wordingOf }: LoadedGraph,
  [{ default: SigmaClass }, { drawDiscNodeLabel }]: [typeof import('sigma'), typeof import('sigma/rendering')],
  setHiddenTypes: (types: Set<EdgeType>) => void,
): Promise<ExplorerView> {
  const container = select<HTMLElement>(root, '[data-graph-canvas]')!;
  const controller = new AbortController();
  const signal = controller.signal;
  let theme = readTheme(root);
  let state: ViewState = initialState({ colorBy: (root.dataset['colorBy'] as ColorBy | undefined) ?? 'community' });
  const wording = (edge: string) => {
    const [source, target] = graph.extremities(edge);
    return `${graph.getNodeAttribute(source, 'title')} ${wordingOf(graph.getEdgeAttribute(edge, 'type'))?.forward ?? graph.getEdgeAttribute(edge, 'type')} ${graph.getNodeAttribute(target, 'title')}`;
  };
  const reducers = createReducers(graph, () => state, { get dim() { return theme.dim; }, get mention() { return theme.mention; }, get relation() { return theme.relation; }, get path() { return theme.path; } }, decoded.categories, wording);

  container.hidden = false;
  performance.mark('graph:sigma-start');
  const renderer: Renderer = new SigmaClass(graph, container, {
    nodeReducer: reducers.nodeReducer,
    edgeReducer: reducers.edgeReducer,
    zIndex: true,
    renderEdgeLabels: true,
    enableEdgeEvents: true,
    labelRenderedSizeThreshold: 9,
    labelDensity: 0.7,
    labelFont: theme.font,
    edgeLabelFont: theme.font,
    labelColor: { color: theme.fg },
    edgeLabelColor: { color: theme.fg },
    defaultDrawNodeHover: hoverDrawer(() => theme, drawDiscNodeLabel),
    hideEdgesOnMove: graph.size > 20_000,
    minCameraRatio: 0.02,
    maxCameraRatio: 4,
  });
  const status = select<HTMLElement>(root, '[data-graph-status]');

  // countBright scans every node: only when a test may read it (see testHooks.ts).
  const countHook = testHooksEnabled(pageSignals());
  const publish = () => {
    root.dataset['hovered'] = state.hovered ?? '';
    if (countHook) root.dataset['highlightedCount'] = String(countBright(graph, state));
    root.dataset['selected'] = state.selected ?? '';
    root.dataset['pathLength'] = String(state.path === null ? 0 : state.path.edges.size);
  };
  const setState = (patch: Partial<ViewState>) => {
    state = { ...state, ...patch };
    renderer.refresh({ skipIndexation: true });
    publish();
  };

  // sigma's constructor renders the first frame synchronously, before any afterRender listener
  // could be attached: the frame is drawn by now.
  performance.mark('graph:first-frame');
  root.dataset['ready'] = 'true';
  root.dataset['firstFrameMs'] = String(Math.round(performance.now()));
  select<HTMLElement>(root, '[data-graph-fallback]')?.classList.add('visually-hidden');
  publish();

  renderer.on('enterNode', ({ node }) => {
    container.style.cursor = 'pointer';
    const degree = graph.neighbors(node).length;
    if (status !== null) status.textContent = `${graph.getNodeAttribute(node, 'title')}: ${degree} linked topic${degree === 1 ? '' : 's'}. Click to open.`;
    setState({ hovered: node, hoveredNeighbours: new Set(graph.neighbors(node)) });
  });
  renderer.on('leaveNode', () => {
    container.style.cursor = '';
    setState({ hovered: null, hoveredNeighbours: new Set() });
  });
  renderer.on('enterEdge', ({ edge }) => {
    if (status !== null) status.textContent = wording(edge);
    setState({ hoveredEdge: edge });
  });
  renderer.on('leaveEdge', () => setState({ hoveredEdge: null }));
  renderer.on('clickNode', ({ node }) => location.assign(graph.getNodeAttribute(node, 'url')));

  const camera = renderer.getCamera();
  const focusNode = (id: string) => {
    setState({ selected: id });
    const display = renderer.getNodeDisplayData(id);
    if (display === undefined) return;
    if (status !== null) status.textContent = `Showing ${graph.getNodeAttribute(id, 'title')}.`;
    delete root.dataset['focused'];
    void camera.animate({ x: display.x, y: display.y, ratio: 0.15 }, { duration: 500 }).then(() => {
      root.dataset['focused'] = id;
    });
  };

  const showPath = (steps: PathStep[] | null) => {
    if (steps === null) {
      setState({ path: null });
      return;
    }
    const nodes = new Set(steps.flatMap((s) => [s.from, s.to]));
    setState({ path: { nodes, edges: pathEdgeKeys(graph, steps) } });
    // Frame the path: centre of its nodes, zoomed to their extent (framed-graph units, 1 = all).
    const points = [...nodes].map((n) => renderer.getNodeDisplayData(n)).filter((d) => d !== undefined);
    const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
    const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    void camera.animate(
      { x: (Math.max(...xs) + Math.min(...xs)) / 2, y: (Math.max(...ys) + Math.min(...ys)) / 2, ratio: Math.min(1, Math.max(0.2, extent * 2.2)) },
      { duration: 500 },
    );
  };

  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-zoom]')) {
    button.addEventListener('click', () => {
      const action = button.dataset['zoom'];
      if (action === 'in') void camera.animatedZoom({ duration: 250 });
      else if (action === 'out') void camera.animatedUnzoom({ duration: 250 });
      else {
        setState({ selected: null });
        void camera.animatedReset({ duration: 250 });
      }
    }, { signal });
  }

  const legend = select<HTMLElement>(root, '[data-graph-legend]');
  const drawLegend = () => {
    if (legend === null) return;
    const doc = root.ownerDocument;
    const entries: { color: string; text: string }[] = [];
    if (state.colorBy === 'category') {
      decoded.categories.forEach((category, i) => entries.push({ color: paletteColor(i), text: category }));
      if (decoded.nodes.some((n) => n.category === null)) entries.push({ color: paletteColor(-1), text: 'No category' });
    } else {
      // A community is named after its most important topic.
      const leaders = new Map<number, { title: string; pagerank: number; count: number }>();
      for (const node of decoded.nodes) {
        const leader = leaders.get(node.community);
        if (leader === undefined) leaders.set(node.community, { title: node.title, pagerank: node.pagerank, count: 1 });
        else {
          leader.count++;
          if (node.pagerank > leader.pagerank) Object.assign(leader, { title: node.title, pagerank: node.pagerank });
        }
      }
      const sorted = [...leaders.entries()].sort((a, b) => a[0] - b[0]);
      for (const [community, leader] of sorted.slice(0, 12)) {
        entries.push({ color: paletteColor(community), text: `Around ${leader.title} (${leader.count})` });
      }
      if (sorted.length > 12) entries.push({ color: theme.dim, text: `${sorted.length - 12} smaller communities (colours repeat)` });
    }
    legend.replaceChildren(
      ...entries.map(({ color, text }) => {
        const li = doc.createElement('li');
        const swatch = doc.createElement('span');
        swatch.className = 'swatch';
        swatch.style.background = color;
        li.append(swatch, text);
        return li;
      }),
    );
  };
  drawLegend();

  for (const radio of root.querySelectorAll<HTMLInputElement>('input[name="color-by"]')) {
    radio.checked = radio.value === state.colorBy;
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      setState({ colorBy: radio.value === 'category' ? 'category' : 'community' });
      drawLegend();
    }, { signal });
  }
  const readFilters = () => {
    const hiddenCategories = new Set<string>();
    for (const box of root.querySelectorAll<HTMLInputElement>('input[data-filter-category]')) if (!box.checked) hiddenCategories.add(box.value);
    const types = new Set<EdgeType>();
    for (const box of root.querySelectorAll<HTMLInputElement>('input[data-filter-type]')) if (!box.checked) types.add(box.value as EdgeType);
    setHiddenTypes(types);
    setState({ hiddenCategories, hiddenTypes: types });
  };
  for (const box of root.querySelectorAll<HTMLInputElement>('input[data-filter-category], input[data-filter-type]')) {
    box.addEventListener('change', readFilters, { signal });
  }
  // Browsers restore checkbox states on back/forward navigation: start from what the boxes say.
  readFilters();

  const unwatch = watchTheme(() => {
    theme = readTheme(root);
    renderer.setSettings({ labelColor: { color: theme.fg }, edgeLabelColor: { color: theme.fg } });
    drawLegend();
  });

  return {
    cleanup: () => {
      controller.abort();
      unwatch();
      renderer.kill();
      delete root.dataset['ready'];
    },
    focusNode,
    showPath,
  };
}
