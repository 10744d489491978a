// Shared by the query tests.

/** A syntax tree without its `position` fields: what two spellings of one query share. */
export function withoutPositions<T>(node: T): unknown {
  if (Array.isArray(node)) return node.map(withoutPositions);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'position')
      .map(([key, value]) => [key, withoutPositions(value)]),
  );
}
