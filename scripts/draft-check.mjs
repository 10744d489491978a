// Quick pre-pipeline check for wiki authors: frontmatter parses, wikilinks and relations point at
// topics listed in docs/wiki-topics.md, word and reference counts. Usage: node scripts/draft-check.mjs [files...]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

const table = readFileSync('docs/wiki-topics.md', 'utf8').split('\n').filter((l) => /^\| [a-z].*\.mdx? \|/.test(l));
const names = new Map();
for (const row of table) {
  const [path, title, , aliases] = row.split('|').slice(1).map((c) => c.trim());
  for (const n of [title, ...aliases.split(',').map((a) => a.trim()).filter(Boolean)]) names.set(n.toLowerCase(), path);
}
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const files = process.argv.slice(2).length ? process.argv.slice(2) : walk('content').filter((f) => /\.mdx?$/.test(f));
let problems = 0;
for (const file of files) {
  const src = readFileSync(file, 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n/.exec(src);
  const say = (msg) => { problems++; console.log(`${file}: ${msg}`); };
  if (!m) { say('no frontmatter'); continue; }
  let fm; try { fm = parse(m[1]); } catch (e) { say(`YAML: ${e.message}`); continue; }
  const body = src.slice(m[0].length);
  const prose = body.replace(/```[\s\S]*?```/g, '').replace(/\[\[([^\]|]*\|)?([^\]]*)\]\]/g, '$2');
  const words = prose.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
  for (const k of ['title', 'summary', 'category']) if (!fm[k]) say(`missing ${k}`);
  if ((fm.references ?? []).length < 2) say('fewer than 2 references');
  for (const r of fm.references ?? []) if (!r.title || !r.authors || typeof r.year !== 'number') say(`reference needs title, authors, numeric year: ${JSON.stringify(r)}`);
  for (const [type, targets] of Object.entries(fm.relations ?? {})) {
    if (!['is-a', 'part-of', 'technique-for', 'measured-by', 'evaluated-on', 'runs-on', 'trades-off-with', 'improves', 'related'].includes(type)) say(`unknown relation type ${type}`);
    for (const t of [].concat(targets)) if (!names.has(String(t).toLowerCase())) say(`relation ${type} -> unknown topic "${t}"`);
  }
  body.split('\n').forEach((line, i) => {
    for (const lm of line.replace(/`[^`]*`/g, '').matchAll(/!?\[\[([^\]|#]*)(#[^\]|]*)?(\|[^\]]*)?\]\]/g)) {
      if (lm[1] && !names.has(lm[1].trim().toLowerCase())) say(`line ${i + 1 + m[0].split('\n').length - 1}: unknown wikilink [[${lm[1]}]]`);
    }
  });
  console.log(`${relative('.', file)}: ${words} words, ${(fm.references ?? []).length} refs`);
}
console.log(problems ? `${problems} problem(s)` : 'no problems');
process.exit(problems ? 1 : 0);
