// Checks a built site the way a crawler would: every internal href/src in every HTML file must
// point at a file that exists in the output (directories need an index.html), under the base path.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';

export interface BrokenReference {
  page: string;
  url: string;
}

export function findBrokenReferences(dist: string, base: string): { checked: number; broken: BrokenReference[] } {
  const broken: BrokenReference[] = [];
  let checked = 0;
  for (const file of htmlFiles(dist)) {
    const pagePath = `${base}${relative(dist, file).replace(/index\.html$/, '').replace(/\\/g, '/')}`;
    const tree = fromHtml(readFileSync(file, 'utf8'));
    visit(tree, 'element', (node: Element) => {
      for (const attr of ['href', 'src'] as const) {
        const value = node.properties[attr];
        if (typeof value !== 'string' || value === '') continue;
        const url = new URL(value, `http://site${pagePath}`);
        if (url.host !== 'site') continue;
        checked++;
        if (!url.pathname.startsWith(base) || !resolvesTo(dist, decodeURIComponent(url.pathname.slice(base.length)))) {
          broken.push({ page: relative(dist, file), url: value });
        }
      }
    });
  }
  return { checked, broken };
}

function resolvesTo(dist: string, path: string): boolean {
  const target = join(dist, path);
  if (!existsSync(target)) return false;
  return statSync(target).isDirectory() ? existsSync(join(target, 'index.html')) : true;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
}
