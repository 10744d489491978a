// The flat-frontmatter fast path (src/pipeline/yaml.ts) must read exactly what the full YAML parser
// reads, or decline. Every case here is checked against the full parser, not against a written-down
// answer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect, test } from 'vitest';
import { splitFrontmatter } from '../../../src/pipeline/frontmatter.ts';
import { parseFlatYaml, parseYaml, parseYamlDocument } from '../../../src/pipeline/yaml.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Fast path result, checked against the full parser: same value, no errors, same key lines. */
function agreesWithFullParser(yaml: string, firstLine = 2): boolean {
  const fast = parseFlatYaml(yaml, firstLine);
  if (!fast) return false;
  const full = parseYamlDocument(yaml, firstLine);
  expect(full.errors, yaml).toEqual([]);
  expect(fast.value, yaml).toEqual(full.value);
  const keys = full.value && typeof full.value === 'object' ? Object.keys(full.value) : [];
  for (const key of [...keys, 'not-a-key']) {
    expect(fast.lineOf([key]), `${yaml} @ ${key}`).toBe(full.lineOf([key]));
    expect(fast.lineOf([key, 0]), `${yaml} @ ${key}.0`).toBe(full.lineOf([key, 0]));
  }
  expect(fast.lineOf([])).toBe(full.lineOf([]));
  return true;
}

test.each([
  ['title: Model pruning\nsummary: Removing weights.\ncategory: Technique'],
  ['title: "Gradient cache 8rrv"\naliases: ["Gradient cache 2840"]\ntags: [layers, efficiency]'],
  ["title: 'Single: quoted #1'\ntags: []"],
  ['summary:\ntitle: Empty summary is null'],
  ['\n\ntitle: After blank lines\r\nsummary: CRLF line ends   \r\n'],
  ['title: C# and F# are plain\nsummary: a:b, [c] {d} & *e !f |g >h %i @j `k` are plain here'],
  ["title: It's \"quoted\" inside"],
  ['title: Über café\ntags: [机器学习, ünïcode]'],
  ['tags: [a b, "c", \'e\', x:y]'],
  ['title: yes\nsummary: No\ncategory: Infinity'],
  ['draft-key_2: value'],
  [''],
])('flat frontmatter is read as the full parser reads it: %j', (yaml) => {
  expect(agreesWithFullParser(yaml)).toBe(true);
});

test.each([
  ['relations:\n  is-a: [Pruning]', 'nesting'],
  ['title: x # a comment', 'a comment'],
  ['# comment\ntitle: x', 'a comment line'],
  ['title: x\ntitle: y', 'a duplicate key (an error, the full parser reports it)'],
  ['title: null', 'null'],
  ['draft: true', 'a boolean'],
  ['year: 2020', 'a number'],
  ['weight: .5', 'a float'],
  ['weight: .inf', 'infinity'],
  ['tags: [true, b]', 'a boolean in a list'],
  ['tags: [1, 2]', 'numbers in a list'],
  ['title: "a \\"b\\""', 'an escape'],
  ["title: 'it''s'", 'a quote escape'],
  ['title: a: b', 'a nested mapping'],
  ['title: ends with colon:', 'a trailing colon'],
  ['related: [[Wikilink]]', 'a nested list'],
  ['tags: [a, , b]', 'an empty list item'],
  ['tags: [a, b,]', 'a trailing comma'],
  ['tags: [a, {b: c}]', 'a map in a list'],
  ['tags: ["a, b", c]', 'a comma inside a quoted list item'],
  ['tags:\n  - a\n  - b', 'a block list'],
  ['summary: |\n  block', 'a block scalar'],
  ['title: &anchor x\nalias: *anchor', 'anchors'],
  ['title: !tag x', 'a tag'],
  ['title:\tx', 'a tab'],
  ['title: a\u0007b', 'a control character'],
  ['title: a\u0085b', 'NEL'],
  ['title: a\uFEFFb', 'a byte-order mark'],
  ['title: 12 monkeys', 'a scalar starting with a digit'],
  ['title: "open', 'an unclosed quote'],
  ['title: "a" b', 'text after a quoted string'],
  ['title: first\n  continued', 'a multi-line plain scalar'],
  ['true: x', 'a non-string key'],
  ['__proto__: x', 'a key the loader must warn about'],
  ['---\ntitle: x', 'a document marker'],
])('anything else is left to the full parser: %j (%s)', (yaml) => {
  expect(parseFlatYaml(yaml, 2)).toBeUndefined();
  // parseYaml still answers, through the full parser.
  const full = parseYamlDocument(yaml, 2);
  expect(parseYaml(yaml, 2).value).toEqual(full.value);
  expect(parseYaml(yaml, 2).errors).toEqual(full.errors);
});

/** Every Markdown file's frontmatter under `dir`. */
function frontmatterUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) walk(child);
      else if (/\.mdx?$/.test(name)) out.push(splitFrontmatter(readFileSync(child, 'utf8')).yaml);
    }
  };
  walk(dir);
  return out;
}

test('on the shipped wiki and every fixture vault, the fast path agrees with the full parser or declines', () => {
  const blocks = [...frontmatterUnder(join(ROOT, 'content')), ...frontmatterUnder(join(ROOT, 'tests/fixtures'))];
  expect(blocks.length).toBeGreaterThan(100);
  let taken = 0;
  for (const yaml of blocks) if (agreesWithFullParser(yaml)) taken++;
  // The fixtures are full of flat frontmatter: a fast path that declined everything would be useless.
  expect(taken).toBeGreaterThan(blocks.length / 10);
});

test('the synthetic benchmark wiki, flat throughout, takes the fast path on every page', () => {
  const out = mkdtempSync(join(tmpdir(), 'atlas-yaml-'));
  try {
    const generator = resolve(ROOT, '../shared/gen-corpus.mjs');
    const run = spawnSync(process.execPath, [generator, out, '--pages', '200'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const blocks = frontmatterUnder(out);
    expect(blocks.length).toBe(200);
    for (const yaml of blocks) expect(agreesWithFullParser(yaml), yaml).toBe(true);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('random flat-looking lines: whatever the fast path accepts, the full parser reads the same', () => {
  // A seeded mix of the characters that matter to YAML, in key: value lines.
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const alphabet = ['a', 'Z', 'é', ' ', ':', '#', ',', '[', ']', '{', '}', '"', "'", '-', '!', '&', '*', '|', '>', '%', '@', '`', '?', '.', '0', '1', '\\', 'e', 'null', 'true', '\t'];
  const phrase = () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  let accepted = 0;
  for (let i = 0; i < 3000; i++) {
    const value = random() < 0.3 ? `[${[phrase(), phrase()].join(', ')}]` : random() < 0.5 ? `a${phrase()}` : phrase();
    const yaml = `title: Fixed\nkey${i % 3}: ${value}`;
    const fast = parseFlatYaml(yaml, 2);
    if (!fast) continue;
    accepted++;
    agreesWithFullParser(yaml);
  }
  expect(accepted).toBeGreaterThan(100);
});
