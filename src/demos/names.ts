// The names authors may use for a demo (`demo: pruning` in frontmatter, `<Demo name="pruning" />` in
// MDX). Kept apart from the registry's metadata and figures so the page-side loader can check a name
// without shipping every demo's description, question and figure code.

export const DEMO_NAMES = [
  'pruning',
  'quantization',
  'distillation',
  'early-stopping',
  'precision-recall',
  'fairness',
  'tradeoff',
  'batch-size',
  'early-exit',
  'low-rank',
] as const;

export type DemoName = (typeof DEMO_NAMES)[number];

export function isDemoName(value: unknown): value is DemoName {
  return typeof value === 'string' && (DEMO_NAMES as readonly string[]).includes(value);
}
