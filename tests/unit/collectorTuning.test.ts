import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const MODULE = resolve(import.meta.dirname, '../../src/integration/collectorTuning.ts');

// A build in miniature, in its own process (V8 flags are process-wide): a live heap standing for the
// site model, and 256 MB of page-sized buffers that each live for a moment, as Astro writes pages.
// Prints how many full (mark-compact) collections the buffers caused.
const SCRIPT = `
import { PerformanceObserver, constants } from 'node:perf_hooks';
if (process.argv[1] === 'tuned') (await import(${JSON.stringify(MODULE)})).tuneCollectorForBuild();
let majors = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++;
});
observer.observe({ entryTypes: ['gc'] });
const model = Array.from({ length: 400000 }, (_, i) => ({ i, title: 'topic ' + i, links: [i, i + 1] }));
const before = majors;
let written = 0;
for (let page = 0; page < 4000; page++) {
  const body = new Uint8Array(64 * 1024);
  body[page % body.length] = 1;
  written += Buffer.from(body.buffer).length;
  await null;
}
setTimeout(() => {
  observer.disconnect();
  console.log(JSON.stringify({ majors: majors - before, model: model.length, written }));
}, 100);
`;

function collections(mode: 'default' | 'tuned'): number {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT, mode], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).not.toMatch(/unrecognized flag/);
  const { majors, written } = JSON.parse(run.stdout) as { majors: number; written: number };
  expect(written).toBe(4000 * 64 * 1024);
  return majors;
}

describe('tuneCollectorForBuild', () => {
  it('stops short-lived buffers from forcing full collections of a large heap', () => {
    // Without it, V8 collects the whole heap for every 64 MB or so of buffers (the cost that grew
    // with the square of the vault); with it, the buffers count toward the heap's own limit.
    const untuned = collections('default');
    const tuned = collections('tuned');
    expect(untuned).toBeGreaterThanOrEqual(2);
    expect(tuned).toBeLessThan(untuned);
    expect(tuned).toBeLessThanOrEqual(1);
  });
});
