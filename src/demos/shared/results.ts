// Result blocks shared by the demo ui modules: a data table (the accessible form of every chart),
// a summary list of headline numbers, and the canvas for decision-boundary images.
import { element } from './dom.ts';

export interface Column<T> {
  readonly label: string;
  readonly value: (row: T) => string;
  /** Marks the column that names the row (rendered as a row header). */
  readonly rowHeader?: boolean;
}

export function dataTable<T>(caption: string, columns: readonly Column<T>[], rows: readonly T[]): HTMLElement {
  const wrapper = element('div', { class: 'atlas-demo__table' });
  const table = element('table');
  table.append(element('caption', {}, caption));
  const head = element('tr');
  for (const column of columns) head.append(element('th', { scope: 'col' }, column.label));
  const thead = element('thead');
  thead.append(head);
  table.append(thead);
  const body = element('tbody');
  for (const row of rows) {
    const tr = element('tr');
    for (const column of columns) tr.append(element(column.rowHeader ? 'th' : 'td', column.rowHeader ? { scope: 'row' } : {}, column.value(row)));
    body.append(tr);
  }
  table.append(body);
  wrapper.append(table);
  return wrapper;
}

export function summaryList(items: readonly (readonly [string, string])[]): HTMLElement {
  const list = element('dl', { class: 'atlas-demo__summary' });
  for (const [term, value] of items) {
    const group = element('div');
    group.append(element('dt', {}, term), element('dd', {}, value));
    list.append(group);
  }
  return list;
}

export function section(title: string): HTMLElement {
  const el = element('section', { class: 'atlas-demo__section' });
  el.append(element('p', { class: 'atlas-demo__section-title' }, title));
  return el;
}

/** An RGB colour per class for boundary images and point overlays. */
export const CLASS_COLOURS: readonly (readonly [number, number, number])[] = [
  [31, 111, 235],
  [209, 36, 47],
  [26, 127, 55],
];

/**
 * A decision-boundary image: `probability` (class 1, row-major size²) shaded from the class-0 colour
 * to the class-1 colour, with the labelled points on top as 3×3-pixel dots. It is an image of model
 * output written with putImageData, not a chart; the accessible description is `label`.
 */
export function boundaryCanvas(
  label: string,
  size: number,
  extent: number,
  probability: Float32Array,
  points: Float32Array,
  labels: Int32Array,
  scale = 4,
): HTMLCanvasElement {
  const width = size * scale;
  const canvas = element('canvas', { width: String(width), height: String(width), role: 'img', 'aria-label': label, class: 'atlas-demo__boundary' });
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  const image = context.createImageData(width, width);
  const [c0, c1] = [CLASS_COLOURS[0]!, CLASS_COLOURS[1]!];
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const p = probability[Math.floor(y / scale) * size + Math.floor(x / scale)]!;
      const o = (y * width + x) * 4;
      // Pale tint away from the boundary, so the dots stay readable.
      for (let k = 0; k < 3; k++) image.data[o + k] = Math.round(255 - 0.35 * (255 - (c0[k]! * (1 - p) + c1[k]! * p)));
      image.data[o + 3] = 255;
    }
  }
  for (let i = 0; i < labels.length; i++) {
    const px = Math.round(((points[2 * i]! + extent) / (2 * extent)) * width);
    const py = Math.round(((extent - points[2 * i + 1]!) / (2 * extent)) * width);
    const colour = CLASS_COLOURS[labels[i]! % CLASS_COLOURS.length]!;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const x = px + dx;
        const y = py + dy;
        if (x < 0 || y < 0 || x >= width || y >= width) continue;
        const o = (y * width + x) * 4;
        image.data[o] = colour[0];
        image.data[o + 1] = colour[1];
        image.data[o + 2] = colour[2];
      }
    }
  }
  context.putImageData(image, 0, 0);
  return canvas;
}
