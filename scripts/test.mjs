// `npm test`: everything a fresh machine needs, then every test. Node 24 comes from the `node`
// devDependency (npm puts it first on PATH); Chromium is Debian's, installed here when missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`Node ${process.versions.node} is too old for Astro 7: run the tests with "npm test" (it uses the Node 24 devDependency), or install Node >= 22.12.`);
  process.exit(1);
}

ensureChromium();
mkdirSync('tests/.out', { recursive: true });
const env = { ...process.env, ATLAS_TEST_RUN: `${Date.now()}` };
const args = process.argv.slice(2);
const results = [];
// Types first: strict TypeScript over every .ts and .astro file (astro check).
const typecheck = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'check'], { stdio: 'inherit', env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' } });
results.push({ project: 'typecheck', status: typecheck.status, passed: 0, failed: typecheck.status === 0 ? 0 : 1, skipped: 0 });
for (const project of ['unit', 'e2e']) {
  const report = `tests/.out/vitest-${project}.json`;
  const extra = project === 'e2e' ? ['--no-file-parallelism'] : [];
  const { status } = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', project, ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], { stdio: 'inherit', env });
  const summary = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
  results.push({ project, status, passed: summary?.numPassedTests ?? 0, failed: summary?.numFailedTests ?? (status === 0 ? 0 : 1), skipped: summary?.numPendingTests ?? 0 });
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
for (const r of results) console.log(`${r.project}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (exit ${r.status})`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(results.every((r) => r.status === 0) && passed > 0 ? 0 : 1);

function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  if (candidates.some((c) => c && existsSync(c))) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    console.error('Browser tests need Chromium. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary, then run `npm test` again.');
    process.exit(1);
  }
  console.log('Chromium not found: installing Debian chromium (about 2 minutes)…');
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'chromium', 'fonts-dejavu-core'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    console.error('Installing chromium with apt-get failed (see above). Install it by hand or set CHROMIUM_PATH, then run `npm test` again.');
    process.exit(1);
  }
}
