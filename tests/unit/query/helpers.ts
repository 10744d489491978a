// Shared by the query tests.

/** A syntax tree without its `position` fields: what two spellings of one query share. */
export function withoutPositions(node: object): Record<string, unknown> {
  return strip(node) as Record<string, unknown>;
}

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'position')
      .map(([key, value]) => [key, strip(value)]),
  );
}
