// Checks a built site the way a crawler would: every internal href/src in every HTML file must
// point at a file that exists in the output (directories need an index.html), under the base path;
// a `#fragment` must name an element id on the target page; no page may repeat an id; and every
// id an attribute refers to (aria-describedby, aria-labelledby, aria-controls, for) must be on the page.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';

export interface BrokenReference {
  page: string;
  url: string;
  /** What is wrong: the target is missing, or it has no element with the fragment's id. */
  problem: 'missing' | 'fragment';
}

export interface DuplicateId {
  page: string;
  id: string;
}

/** An attribute naming an id that is not on its page: assistive technology finds nothing there. */
export interface DanglingIdReference {
  page: string;
  attribute: string;
  id: string;
}

export interface LinkReport {
  checked: number;
  broken: BrokenReference[];
  duplicateIds: DuplicateId[];
  danglingIdReferences: DanglingIdReference[];
}

/** hast properties holding ids of other elements on the page, and the attribute an author knows. */
const ID_REFERENCES: Record<string, string> = { ariaDescribedBy: 'aria-describedby', ariaLabelledBy: 'aria-labelledby', ariaControls: 'aria-controls', htmlFor: 'for' };

export function findBrokenReferences(dist: string, base: string): LinkReport {
  const broken: BrokenReference[] = [];
  const duplicateIds: DuplicateId[] = [];
  const danglingIdReferences: DanglingIdReference[] = [];
  const idsByFile = new Map<string, Set<string>>();
  const pending: Array<{ page: string; url: string; file: string; fragment: string }> = [];
  let checked = 0;

  for (const file of htmlFiles(dist)) {
    const page = relative(dist, file);
    const pagePath = `${base}${page.replace(/index\.html$/, '').replace(/\\/g, '/')}`;
    const tree = fromHtml(readFileSync(file, 'utf8'));
    const ids = new Set<string>();
    const references: Array<{ attribute: string; id: string }> = [];
    visit(tree, 'element', (node: Element) => {
      const id = node.properties['id'];
      if (typeof id === 'string') {
        if (ids.has(id)) duplicateIds.push({ page, id });
        ids.add(id);
      }
      for (const [property, attribute] of Object.entries(ID_REFERENCES)) {
        const value = node.properties[property];
        for (const ref of Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : []) references.push({ attribute, id: String(ref) });
      }
      for (const attr of ['href', 'src'] as const) {
        const value = node.properties[attr];
        if (typeof value !== 'string' || value === '') continue;
        const url = new URL(value, `http://site${pagePath}`);
        if (url.host !== 'site' || url.protocol !== 'http:') continue;
        checked++;
        const path = safeDecode(url.pathname);
        const target = url.pathname.startsWith(base) ? resolvesTo(dist, path.slice(base.length)) : undefined;
        if (target === undefined) {
          broken.push({ page, url: value, problem: 'missing' });
          continue;
        }
        if (url.hash.length > 1 && target.endsWith('.html')) pending.push({ page, url: value, file: target, fragment: url.hash.slice(1) });
      }
    });
    idsByFile.set(file, ids);
    for (const ref of references) if (ref.id !== '' && !ids.has(ref.id)) danglingIdReferences.push({ page, ...ref });
  }
  for (const ref of pending) {
    const ids = idsByFile.get(ref.file);
    // Browsers try the fragment as written, then percent-decoded.
    if (!ids?.has(ref.fragment) && !ids?.has(safeDecode(ref.fragment))) broken.push({ page: ref.page, url: ref.url, problem: 'fragment' });
  }
  return { checked, broken, duplicateIds, danglingIdReferences };
}

/** The output file a site path is served from, or undefined. */
function resolvesTo(dist: string, path: string): string | undefined {
  const target = join(dist, path);
  if (!existsSync(target)) return undefined;
  if (!statSync(target).isDirectory()) return target;
  const index = join(target, 'index.html');
  return existsSync(index) ? index : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
}
