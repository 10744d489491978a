// Whole builds, by the real CLI: every fixture vault and the shipped wiki link only to what
// exists (fragments included) and repeat no id; every file gets the headers a host should send;
// a bad vault fails with its messages and no stack trace; and two builds of one vault are
// byte-identical. The builds are shared with the other e2e files (same names and options) when
// `npm test` runs them together.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildSite, buildSiteOrThrow, ROOT, type BuildOptions } from './harness.ts';
import { findBrokenReferences } from './linkChecker.ts';
import { headersForPath, maxAges, parseHeadersFile } from '../hostHeaders.ts';

const PRODUCTION = { NODE_ENV: 'production' };

/**
 * Every fixture vault that builds, with the options its own e2e file uses (so the build is shared),
 * and the references that are broken on purpose (payloads such as `<img src=x onerror=…>`).
 */
const VAULTS: Array<BuildOptions & { broken?: string[] }> = [
  { name: 'basic-root', content: 'tests/fixtures/basic', links: 'warn', base: '/' },
  { name: 'broken-warn', content: 'tests/fixtures/broken-links', links: 'warn' },
  { name: 'demos', content: 'tests/fixtures/demos', base: '/wiki/' },
  { name: 'graph', content: 'tests/fixtures/graph', base: '/atlas/' },
  { name: 'obsidian', content: 'tests/fixtures/obsidian' },
  { name: 'site-config', content: 'tests/fixtures/site-config' },
  { name: 'reading-root', content: 'tests/fixtures/reading' },
  { name: 'search', content: 'tests/fixtures/search', env: PRODUCTION },
  {
    name: 'payloads',
    content: 'tests/fixtures/payloads',
    links: 'warn',
    broken: ['dom-clobbering/index.html x.png', 'dom-clobbering/index.html x.png', 'event-handlers/index.html x', 'markdown-syntax/index.html x', 'svg-and-mathml/index.html x', 'markdown-syntax/index.html /%5Cevil.example/md-pixel.png'],
  },
  { name: 'queries', content: 'tests/fixtures/queries' },
  { name: 'fixture-duplicate-names', content: 'tests/fixtures/duplicate-names' },
  { name: 'fixture-markdown-links', content: 'tests/fixtures/markdown-links', links: 'warn' },
  { name: 'fixture-mdx', content: 'tests/fixtures/mdx' },
  { name: 'fixture-permalink', content: 'tests/fixtures/permalink' },
  { name: 'fixture-relations', content: 'tests/fixtures/relations', links: 'warn' },
  { name: 'fixture-unicode', content: 'tests/fixtures/unicode' },
  { name: 'fixture-xss', content: 'tests/fixtures/xss' },
  { name: 'fixture-scripts', content: 'tests/fixtures/bad-input/scripts' },
  { name: 'search-shipped-wiki', content: 'content', links: 'warn', env: PRODUCTION },
];

/** Fixture folders that are not a vault that builds, and why. */
const NOT_BUILT: Record<string, string> = {
  'bad-frontmatter': 'fails by design (unknown relation type); tests/unit/pipeline/loadContent.test.ts',
  'mdx-errors': 'fails by design (unknown component); tests/unit/pipeline/loadContent.test.ts',
  'slug-collision': 'fails by design; tests/e2e/foundation.test.ts',
  'query-errors': 'fails by design (mistyped queries); tests/unit/pipeline/loadContent.test.ts',
  'bad-input': 'one folder per case; tests/unit/badInput.test.ts and the CLI cases below',
};

/** Every output file as a site path, e.g. `/wiki/-/graph.json`. */
function sitePaths(dist: string, base: string): string[] {
  return readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== '_headers')
    .map((entry) => {
      const rel = relative(dist, join(entry.parentPath, entry.name)).split('\\').join('/');
      return `${base}${rel.replace(/(^|\/)index\.html$/, '$1')}`;
    });
}

test('every fixture folder is built below, or is listed with the reason it is not', () => {
  const built = new Set(VAULTS.map((v) => v.content.replace(/^tests\/fixtures\//, '')));
  const folders = readdirSync(join(ROOT, 'tests/fixtures'));
  expect(folders.filter((f) => !built.has(f) && !(f in NOT_BUILT))).toEqual([]);
});

describe.each(VAULTS.map((v) => [v.name, v] as const))('%s', (_name, options) => {
  test('every internal href and src resolves, fragments name an id on their page, no page repeats an id or refers to a missing one', async () => {
    const build = await buildSiteOrThrow(options);
    expect(build.output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    const report = findBrokenReferences(build.dist, build.base);
    expect(report.broken.map((b) => `${b.page} ${b.url}`).sort()).toEqual([...(options.broken ?? [])].sort());
    expect(report.duplicateIds).toEqual([]);
    expect(report.danglingIdReferences).toEqual([]);
    expect(report.checked).toBeGreaterThan(10);
  });

  test('every output file gets one Cache-Control with one max-age, and the page CSP once', async () => {
    const build = await buildSiteOrThrow(options);
    const rules = parseHeadersFile(readFileSync(join(build.dist, '_headers'), 'utf8'));
    const home = readFileSync(join(build.dist, 'index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(home)![1]!.replace(/&#39;/g, "'");
    const wrong: string[] = [];
    for (const path of sitePaths(build.dist, build.base)) {
      const { values, setBy } = headersForPath(rules, path);
      if (setBy['cache-control']?.length !== 1 || maxAges(values['cache-control']).length !== 1) wrong.push(`${path}: Cache-Control ${values['cache-control'] ?? '(none)'}`);
      if (values['content-security-policy'] !== `${csp}; frame-ancestors 'self'`) wrong.push(`${path}: CSP ${values['content-security-policy'] ?? '(none)'}`);
    }
    expect(wrong).toEqual([]);
  });
});

test('the demos’ worker and tfjs’s WebAssembly ship with a vault that has a demo, and only then (src/integration/demoBundle.ts)', async () => {
  const bundled = async (name: string) => {
    const build = await buildSiteOrThrow(VAULTS.find((v) => v.name === name)!);
    const files = readdirSync(join(build.dist, '_astro'));
    return { wasm: files.filter((f) => f.endsWith('.wasm')).length, tfjs: files.some((f) => f.endsWith('.js') && readFileSync(join(build.dist, '_astro', f), 'utf8').includes('setWasmPaths')) };
  };
  expect(await bundled('demos')).toEqual({ wasm: 2, tfjs: true });
  expect(await bundled('graph')).toEqual({ wasm: 0, tfjs: false });
});

describe('bad input through the CLI: the build fails with the messages, never a stack trace', () => {
  test.each([
    ['binary-md', 'tests/fixtures/bad-input/binary-md/Picture.md:1:1 is not a text file (it contains NUL bytes) — a .md file must be Markdown text; rename or remove it'],
    ['yaml-tabs', 'tests/fixtures/bad-input/yaml-tabs/Note.md:4:1 invalid frontmatter YAML: Tabs are not allowed as indentation — fix the YAML between the --- lines'],
    ['unknown-demo', 'tests/fixtures/bad-input/unknown-demo/Note.md:3:1 unknown demo "levitation" — use one of: pruning, quantization, distillation, early-stopping, precision-recall, fairness, tradeoff'],
    ['mdx-syntax', 'tests/fixtures/bad-input/mdx-syntax/Page.mdx:8:10 cannot parse MDX: Unexpected character `.` (U+002E) in attribute name'],
    ['case-only', 'tests/fixtures/bad-input/case-only/note.md:1:1 URL /note/ is also the URL of tests/fixtures/bad-input/case-only/Note.md (the two names differ only in letter case)'],
  ])('%s', async (name, message) => {
    const result = await buildSite({ name: `bad-input-${name}`, content: `tests/fixtures/bad-input/${name}` });
    expect(result.code).toBe(1);
    expect(result.output).toContain(message);
    expect(result.output).not.toMatch(/\n\s+at /);
  });
});

test('two builds of one vault are byte-identical', async () => {
  const hashes = async (name: string) => {
    const build = await buildSiteOrThrow({ name, content: 'tests/fixtures/obsidian' });
    return new Map(
      readdirSync(build.dist, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => {
          const file = join(entry.parentPath, entry.name);
          return [relative(build.dist, file), createHash('sha256').update(readFileSync(file)).digest('hex')] as const;
        }),
    );
  };
  const first = await hashes('reproducible-a');
  const second = await hashes('reproducible-b');
  expect(first.size).toBeGreaterThan(100);
  const differing = [...new Set([...first.keys(), ...second.keys()])].filter((file) => first.get(file) !== second.get(file)).sort();
  expect(differing, `files that differ between the two builds: ${differing.join(', ')}`).toEqual([]);
}, 300_000);
