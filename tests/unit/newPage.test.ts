// `npm run new "Title"` as an author runs it: a page with the wiki's frontmatter, that builds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readDeployConfig } from '../../src/config/deployConfig.ts';
import { demoRegistry } from '../../src/lib/site.ts';
import { loadContent } from '../../src/pipeline/loadContent.ts';

const run = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['scripts/new.ts', ...args], { encoding: 'utf8', env: { ...process.env, ATLAS_CONTENT: dir } });

test('scaffolds a page named after the title, with the frontmatter the wiki uses, and never overwrites', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-new-'));
  writeFileSync(join(dir, 'atlas.yaml'), 'categories: [Technique, Metric]\n');
  const first = run(dir, 'Sparse Attention', '--folder', 'techniques');
  expect(first.status).toBe(0);
  const file = join(dir, 'techniques/sparse-attention.md');
  expect(existsSync(file)).toBe(true);
  const text = readFileSync(file, 'utf8');
  for (const key of ['title: "Sparse Attention"', 'summary:', 'category: Technique', 'aliases:', 'tags:', 'relations:', 'facts:', 'faq:', 'references:', '#    authors:']) expect(text).toContain(key);
  // The scaffold is a valid page: it loads with no frontmatter error.
  const content = await loadContent(readDeployConfig({ ATLAS_CONTENT: dir, ATLAS_LINKS: 'warn' }), demoRegistry, { render: false, throwOnError: false });
  expect(content.diagnostics).toEqual([]);
  expect(content.topics.map((t) => t.title)).toEqual(['Sparse Attention']);

  const again = run(dir, 'Sparse Attention', '--folder', 'techniques');
  expect(again.status).toBe(1);
  expect(again.stderr).toContain('already exists');
  expect(readFileSync(file, 'utf8')).toBe(text);
  expect(run(dir, 'a/b').status).toBe(1);
});
