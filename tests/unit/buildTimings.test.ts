// The timings file bench/scaling.mjs reads: phases between laps, the model's stages, and the work
// done meanwhile on other threads, apart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { buildTimings } from '../../src/integration/buildTimings.ts';

test('writes the phases, the model and the background work as rounded milliseconds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-timings-'));
  try {
    const file = join(dir, 'timings.json');
    const timings = buildTimings(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    timings.lap('first');
    timings.lap('second');
    timings.write({ parse: 12.4 }, { 'layout (worker)': 99.6 });
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.model).toEqual({ parse: 12 });
    expect(written.background).toEqual({ 'layout (worker)': 100 });
    expect(Object.keys(written.phases)).toEqual(['first', 'second']);
    expect(written.phases.first).toBeGreaterThanOrEqual(15);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
