// Pareto frontier of (cost, value) points: the points no other point beats on both, i.e. with lower or
// equal cost and higher or equal value, one of them strictly. Sort by cost, sweep keeping each point
// that raises the best value seen so far (Kung, Luccio & Preparata 1975 for the general case).

export interface Tradeoff {
  readonly cost: number;
  readonly value: number;
}

/** Indices of the frontier points, in order of increasing cost. */
export function paretoFrontier(points: readonly Tradeoff[]): number[] {
  const order = points
    .map((_, i) => i)
    .sort((a, b) => points[a]!.cost - points[b]!.cost || points[b]!.value - points[a]!.value);
  const frontier: number[] = [];
  let bestValue = -Infinity;
  for (const i of order) {
    if (points[i]!.value > bestValue) {
      frontier.push(i);
      bestValue = points[i]!.value;
    }
  }
  return frontier;
}
