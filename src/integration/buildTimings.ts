// Where a static build spends its time, for bench/scaling.mjs: the site model's stages (as the
// pipeline and src/lib/site.ts record them), the phases the integration sees between its hooks, and
// the work done meanwhile on other threads (which adds to no phase).
// Written only when ATLAS_TIMINGS_FILE names a file; otherwise every call is a no-op.
import { writeFileSync } from 'node:fs';

export interface BuildTimings {
  /** Ends the phase that started at the previous lap (or when the clock was made) and names it. */
  lap(phase: string): void;
  /** Writes `{ model: {stage: ms}, phases: {phase: ms}, background: {work: ms} }` as JSON, when a file was asked for. */
  write(model: Record<string, number>, background?: Record<string, number>): void;
}

export function buildTimings(file: string | undefined = process.env['ATLAS_TIMINGS_FILE']): BuildTimings {
  const phases: Record<string, number> = {};
  let last = performance.now();
  return {
    lap(phase) {
      const now = performance.now();
      phases[phase] = (phases[phase] ?? 0) + now - last;
      last = now;
    },
    write(model, background = {}) {
      if (!file) return;
      const round = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Math.round(v)]));
      writeFileSync(file, `${JSON.stringify({ model: round(model), phases: round(phases), background: round(background) }, null, 2)}\n`);
    },
  };
}
