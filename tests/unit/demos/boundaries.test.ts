// The page-side demo code must never pull in tfjs: the loader and ui modules run on the main thread
// of every page with a demo, and tfjs belongs in the worker only. This walks the static imports.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { DEMO_NAMES } from '../../../src/demos/registry.ts';

const ROOT = resolve(import.meta.dirname, '../../../src/demos');

/** Static value imports of a module (type-only imports are erased and do not count). */
function imports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^\s*import\s+(?!type\b)(?:[^'"]*?from\s+)?['"]([^'"]+)['"]/gm)) specifiers.push(match[1]!);
  for (const match of source.matchAll(/^\s*export\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)) specifiers.push(match[1]!);
  return specifiers;
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of imports(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else seen.add(spec);
    }
  };
  visit(entry);
  return seen;
}

test.each([['loader.ts'], ['registry.ts'], ...DEMO_NAMES.map((n) => [`${n}/ui.ts`])])('%s does not import tfjs', (entry) => {
  const modules = [...reachable(resolve(ROOT, entry))];
  expect(modules.filter((m) => m.includes('@tensorflow') || m.endsWith('/mlp.ts') || m.endsWith('/backend.ts'))).toEqual([]);
});

test('the worker does import tfjs (the walk finds what it should)', () => {
  const modules = [...reachable(resolve(ROOT, 'worker.ts'))];
  expect(modules).toContain('@tensorflow/tfjs-core');
  expect(modules).toContain('@tensorflow/tfjs-backend-wasm');
});

test('every demo name has the ui module the loader looks up', () => {
  const source = readFileSync(resolve(ROOT, 'loader.ts'), 'utf8');
  expect(source).toContain("import.meta.glob<{ mount: Mount }>('./*/ui.ts')");
  for (const name of DEMO_NAMES) expect(existsSync(resolve(ROOT, name, 'ui.ts'))).toBe(true);
});
