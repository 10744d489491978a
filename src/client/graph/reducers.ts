// Display rules for the sigma views, as reducers over a small typed state (sigma's own examples do
// the same): the graph's attributes never change; hovering, selecting, filtering and showing a
// path only change the state, and sigma re-reads it through these functions on refresh.
// No DOM here, so the rules are unit-tested in Node.
import type { EdgeType, PathStep, ViewGraph, ViewNodeAttributes, ViewEdgeAttributes } from '../../../graph/index.ts';
import { paletteColor } from '../../../graph/palette.ts';

export type ColorBy = 'community' | 'category';

export interface ViewState {
  colorBy: ColorBy;
  /** Node under the pointer, and its neighbours (precomputed on enter so reducers stay O(1)). */
  hovered: string | null;
  hoveredNeighbours: ReadonlySet<string>;
  /** Edge under the pointer: gets its relation label. */
  hoveredEdge: string | null;
  /** Node focused by search or the page's own topic: always labelled and highlighted. */
  selected: string | null;
  /** Categories switched off in the filters ('' stands for "no category"). */
  hiddenCategories: ReadonlySet<string>;
  hiddenTypes: ReadonlySet<EdgeType>;
  /** A path from the path tool: only its nodes and edges stay bright. */
  path: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } | null;
}

export function initialState(overrides: Partial<ViewState> = {}): ViewState {
  return {
    colorBy: 'community',
    hovered: null,
    hoveredNeighbours: new Set(),
    hoveredEdge: null,
    selected: null,
    hiddenCategories: new Set(),
    hiddenTypes: new Set(),
    path: null,
    ...overrides,
  };
}

/** Colours read from the page's CSS custom properties, so the canvas follows the theme. */
export interface GraphTheme {
  /** Dimmed nodes and edges. */
  dim: string;
  /** Edges from prose links. */
  mention: string;
  /** Typed relation edges. */
  relation: string;
  /** Path highlight. */
  path: string;
}

export interface NodeDisplay {
  x: number;
  y: number;
  size: number;
  label: string | null;
  color: string;
  hidden: boolean;
  forceLabel: boolean;
  highlighted: boolean;
  zIndex: number;
}

export interface EdgeDisplay {
  type: 'line' | 'arrow';
  size: number;
  color: string;
  hidden: boolean;
  label: string | null;
  forceLabel: boolean;
  zIndex: number;
}

export function categoryKey(category: string | null): string {
  return category ?? '';
}

/** Above this many bright nodes, labels are no longer forced (they would overlap). */
const MAX_FORCED_LABELS = 12;

/** The nodes that stay bright, or null when nothing is focused (everything is bright). */
export function focusSet(state: ViewState): ReadonlySet<string> | null {
  if (state.path !== null) return state.path.nodes;
  if (state.hovered !== null) return new Set([state.hovered, ...state.hoveredNeighbours]);
  return null;
}

export function createReducers(graph: ViewGraph, getState: () => ViewState, theme: GraphTheme, categories: readonly string[], wording: (edge: string) => string) {
  const categoryIndex = new Map(categories.map((c, i) => [c, i]));
  // Rebuilt only when the state object changes, not per node.
  let cachedFor: ViewState | null = null;
  let focus: ReadonlySet<string> | null = null;
  const focusOf = (state: ViewState) => {
    if (state !== cachedFor) {
      cachedFor = state;
      focus = focusSet(state);
    }
    return focus;
  };
  const isHiddenNode = (state: ViewState, attributes: ViewNodeAttributes) => state.hiddenCategories.has(categoryKey(attributes.category));

  const nodeReducer = (node: string, attributes: ViewNodeAttributes): NodeDisplay => {
    const state = getState();
    const bright = focusOf(state);
    const color =
      state.colorBy === 'community'
        ? paletteColor(attributes.community)
        : paletteColor(attributes.category === null ? -1 : (categoryIndex.get(attributes.category) ?? -1));
    const display: NodeDisplay = {
      x: attributes.x,
      y: attributes.y,
      size: attributes.size,
      label: attributes.label,
      color,
      hidden: isHiddenNode(state, attributes),
      forceLabel: false,
      highlighted: false,
      zIndex: 1,
    };
    if (bright !== null && !bright.has(node)) {
      display.color = theme.dim;
      display.label = null;
      display.zIndex = 0;
    } else if (bright !== null) {
      display.zIndex = 2;
      // Label the hovered node and its neighbours when there are few enough to read; beyond that
      // sigma's label grid keeps the labels it draws from overlapping.
      display.forceLabel = state.path !== null || node === state.hovered || bright.size <= MAX_FORCED_LABELS;
    }
    if (node === state.selected) {
      display.highlighted = true;
      display.forceLabel = true;
      display.zIndex = 3;
    }
    return display;
  };

  const edgeReducer = (edge: string, attributes: ViewEdgeAttributes): EdgeDisplay => {
    const state = getState();
    const [source, target] = graph.extremities(edge);
    const typed = attributes.type !== 'mentions';
    const display: EdgeDisplay = {
      type: typed ? 'arrow' : 'line',
      size: typed ? 2 : 1,
      color: typed ? theme.relation : theme.mention,
      hidden:
        state.hiddenTypes.has(attributes.type) ||
        isHiddenNode(state, graph.getNodeAttributes(source)) ||
        isHiddenNode(state, graph.getNodeAttributes(target)),
      label: null,
      forceLabel: false,
      zIndex: typed ? 1 : 0,
    };
    if (state.path !== null) {
      if (state.path.edges.has(edge)) {
        display.color = theme.path;
        display.size = 4;
        display.zIndex = 3;
        display.hidden = false;
      } else {
        // A dense wiki turns dimmed edges into grey noise: only the path's edges are drawn.
        display.hidden = true;
      }
    } else if (state.hovered !== null && source !== state.hovered && target !== state.hovered) {
      display.hidden = true;
    }
    if (edge === state.hoveredEdge && !display.hidden) {
      display.label = wording(edge);
      display.forceLabel = true;
      display.zIndex = 4;
    }
    return display;
  };

  return { nodeReducer, edgeReducer };
}

/** The view-graph edges a path walks along (one per step: the first edge of that type between the pair). */
export function pathEdgeKeys(graph: ViewGraph, steps: readonly PathStep[]): Set<string> {
  const keys = new Set<string>();
  for (const step of steps) {
    const [source, target] = step.direction === 'forward' ? [step.from, step.to] : [step.to, step.from];
    const edge = graph.edges(source, target).find((e) => graph.getEdgeAttribute(e, 'type') === step.type);
    if (edge !== undefined) keys.add(edge);
  }
  return keys;
}

/** Nodes drawn bright (visible and not dimmed) under a state: what tests read from data-highlighted-count. */
export function countBright(graph: ViewGraph, state: ViewState): number {
  const bright = focusSet(state);
  let count = 0;
  graph.forEachNode((node, attributes) => {
    if (state.hiddenCategories.has(categoryKey(attributes.category))) return;
    if (bright === null || bright.has(node)) count++;
  });
  return count;
}
