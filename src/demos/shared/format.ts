// Number formatting shared by the demo tables and status lines (English, as the wiki is).

export const percent = (value: number, digits = 1): string => `${(value * 100).toFixed(digits)} %`;

export const integer = (value: number): string => Math.round(value).toLocaleString('en');

export function bytes(value: number): string {
  if (value >= 1024 * 1024) return `${(value / (1024 * 1024)).toFixed(2)} MiB`;
  if (value >= 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${Math.round(value)} B`;
}

export function milliseconds(value: number): string {
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export const fixed = (value: number, digits = 3): string => value.toFixed(digits);
