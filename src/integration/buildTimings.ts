// Where a static build spends its time, for bench/scaling.mjs: the site model's stages (as the
// pipeline and src/lib/site.ts record them) and the phases the integration sees between its hooks.
// Written only when ATLAS_TIMINGS_FILE names a file; otherwise every call is a no-op.
import { writeFileSync } from 'node:fs';

export interface BuildTimings {
  /** Ends the phase that started at the previous lap (or when the clock was made) and names it. */
  lap(phase: string): void;
  /** Writes `{ model: {stage: ms}, phases: {phase: ms} }` as JSON, when a file was asked for. */
  write(model: Record<string, number>): void;
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
    write(model) {
      if (!file) return;
      const round = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Math.round(v)]));
      writeFileSync(file, `${JSON.stringify({ model: round(model), phases: round(phases) }, null, 2)}\n`);
    },
  };
}
