// `npm run bench`: runs every benchmark in bench/ in turn and prints their figures.
// BENCH_ONLY=build,graph runs a subset.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.env.BENCH_ONLY?.split(',');
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.mjs') && f !== 'report-rss.mjs')
  .map((f) => f.replace(/\.mjs$/, ''))
  .filter((name) => !only || only.includes(name));
let failed = 0;
for (const name of benches) {
  console.log(`\n== bench/${name}.mjs`);
  const { status } = spawnSync(process.execPath, [`bench/${name}.mjs`], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
