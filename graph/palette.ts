// Colours for communities and categories, shared by the GEXF export and the browser views so a
// community is the same colour in Gephi and on the site.
//
// [Reference]: Okabe, M.; Ito, K. "Color Universal Design", 2008: the first eight entries are the
// Okabe–Ito palette (distinguishable with common colour-vision deficiencies); the rest extend it
// with Paul Tol's "muted" scheme (https://personal.sron.nl/~pault/), then repeat.

export const PALETTE: readonly string[] = [
  '#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000',
  '#332288', '#88ccee', '#44aa99', '#117733', '#999933', '#ddcc77', '#cc6677', '#882255', '#aa4499',
];

/** Colour for a community or category index; negative indexes (no category) are grey. */
export function paletteColor(index: number): string {
  if (!Number.isInteger(index)) throw new Error(`palette: index must be an integer, got ${index}`);
  return index < 0 ? '#8c8c8c' : PALETTE[index % PALETTE.length]!;
}

/** `#rrggbb` → [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`palette: not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}
