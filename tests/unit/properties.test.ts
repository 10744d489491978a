// Property-based tests (fast-check) for the three parsers every vault goes through: wikilinks (the
// inner parser and the micromark syntax), slugs (segments, paths, permalinks, tags) and
// frontmatter. No input may crash them; slugging is idempotent, never makes a URL the generator
// owns, and two names that slug alike are reported; a wikilink printed back parses the same.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { afterAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { parseFrontmatter, splitFrontmatter } from '../../src/pipeline/frontmatter.ts';
import { parseMarkdown } from '../../src/pipeline/parseMarkdown.ts';
import { readNote, claimUrls } from '../../src/pipeline/readNotes.ts';
import { parseWikilink, writtenForm, type Wikilink } from '../../src/pipeline/wikilink.ts';
import { parsePermalink, slugFromPath, slugifySegment, tagSlug } from '../../src/routes.ts';

/** Every code point, and strings made mostly of the characters each syntax cares about. */
const anyText = fc.string({ unit: 'binary', maxLength: 80 });
const syntaxText = (chars: string[]) => fc.string({ unit: fc.oneof(fc.constantFrom(...chars), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 80 });
const WIKILINK_CHARS = ['[', '[', ']', ']', '!', '|', '\\', '#', '^', ' ', 'a', 'é', '\n', '`', '%', '=', '$', '*', '_', '<', '>', '(', ')', ':'];
const NAME_CHARS = ['-', '-', ' ', '/', '.', '_', 'A', 'a', 'É', 'e\u0301', 'ß', '\u0915\u093f', '\u0e20\u0e31', '\u0645\u064e', '🚀', '\u200d', '\ufe0f', '\u202e', '\t', '%', '#', '?'];
const text = (chars: string[]) => fc.oneof(anyText, syntaxText(chars));

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}

/** A wikilink's inner text, written back from what was parsed. */
function printWikilink(link: Wikilink): string {
  // A heading that starts with ^ is written after an empty one (`##^…`): `#^…` is a block id.
  const headingMark = link.headingPath[0]?.startsWith('^') ? '##' : '#';
  const fragment = link.blockId !== undefined ? `#^${link.blockId}` : link.headingPath.length ? `${headingMark}${link.headingPath.join('#')}` : '';
  const ref = `${link.target}${fragment}`;
  // `\|` is the escaped pipe of tables: a reference ending in a backslash needs a space (trimmed
  // away again) before the alias's pipe.
  return link.alias === undefined ? ref : `${ref}${ref.endsWith('\\') ? ' ' : ''}|${link.alias}`;
}

describe('wikilinks', () => {
  test('parseWikilink never throws; its parts are trimmed and the target holds no # or |', () => {
    fc.assert(
      fc.property(text(WIKILINK_CHARS), fc.boolean(), (inner, embed) => {
        const link = parseWikilink(inner, embed);
        expect(link.target).toBe(link.target.trim());
        expect(link.target).not.toMatch(/[#|]/);
        expect(link.headingPath.every((h) => h !== '' && h === h.trim())).toBe(true);
        if (link.alias !== undefined) expect(link.alias).toBe(link.alias.trim());
        expect(link.embed).toBe(embed);
      }),
      { numRuns: 2000 },
    );
  });

  test('the written form of a link in messages reads back as the same link', () => {
    for (const inner of ['##^not a block', 'Note#A#B', 'Note#^block', 'Note', '#Heading']) {
      const link = parseWikilink(inner);
      expect(parseWikilink(writtenForm(link).slice(2, -2)), inner).toEqual(link);
    }
  });

  test('parse → print → parse is stable', () => {
    fc.assert(
      fc.property(text(WIKILINK_CHARS), (inner) => {
        const once = parseWikilink(inner);
        expect(parseWikilink(printWikilink(once))).toEqual(once);
      }),
      { numRuns: 2000 },
    );
  });

  test('the Markdown parser never throws, on Markdown or MDX, and every wikiLink it finds parses', () => {
    fc.assert(
      fc.property(text([...WIKILINK_CHARS, '\n\n', '- ', '> ', '```', '%%', '==', '---\n', '<Demo name="x" />', '{', '}']), fc.boolean(), (body, mdx) => {
        const parsed = parseMarkdown(body, mdx);
        if ('failure' in parsed) {
          // MDX syntax errors come back as a position and a message, never as a throw.
          expect(parsed.failure.line).toBeGreaterThanOrEqual(1);
          expect(parsed.failure.message).not.toBe('');
          return;
        }
        walk(parsed.tree, (node) => {
          if (node.type !== 'wikiLink') return;
          expect(node.inner).not.toMatch(/[\n\]]/);
          expect(node.inner.length).toBeGreaterThan(0);
          parseWikilink(node.inner, node.embed);
        });
      }),
      { numRuns: 1000 },
    );
  });

  test('a wikilink printed into Markdown is found again with the same parts', () => {
    const part = fc.string({ unit: fc.constantFrom('a', 'B', 'é', ' ', '-', '.', '(', ')', '_', '*', '中', '\u0915\u093f', '🚀'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(part, fc.array(part, { maxLength: 3 }), fc.option(part, { nil: undefined }), fc.boolean(), fc.string({ unit: fc.constantFrom('a', ' ', '*', '_', '.'), maxLength: 10 }), (target, headings, alias, embed, around) => {
        const link = parseWikilink(printWikilink({ target, headingPath: headings, heading: undefined, blockId: undefined, alias, embed }), embed);
        // (Text first, so that leading spaces never make an indented code block.)
        const source = `Text ${around}${embed ? '!' : ''}[[${printWikilink(link)}]]${around}`;
        const parsed = parseMarkdown(source, false);
        if ('failure' in parsed) throw new Error(parsed.failure.message);
        const found: Array<{ inner: string; embed: boolean }> = [];
        walk(parsed.tree, (node) => {
          if (node.type === 'wikiLink') found.push(node);
        });
        // Only links with a target, heading or alias are links at all.
        if (printWikilink(link) === '') return;
        expect(found).toHaveLength(1);
        expect(parseWikilink(found[0]!.inner, found[0]!.embed)).toEqual(link);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('slugs', () => {
  const names = text(NAME_CHARS);
  /** A slug as routes.ts promises it: no empty segment, no hyphen at either end of a segment, no double hyphen. */
  const wellFormed = (slug: string) => {
    expect(slug.startsWith('-')).toBe(false);
    expect(slug).not.toMatch(/(^|\/)-|-($|\/)|--|\/\/|^\/|\/$/);
  };

  test('slugifySegment never throws, is idempotent, has no hyphen at either end and no slash', () => {
    fc.assert(
      fc.property(names, (name) => {
        const slug = slugifySegment(name);
        expect(slugifySegment(slug)).toBe(slug);
        expect(slug).not.toContain('/');
        wellFormed(slug);
        expect(slug).toBe(slug.normalize('NFC'));
        expect(slug).toBe(slug.toLowerCase());
      }),
      { numRuns: 3000 },
    );
  });

  test('slugFromPath, parsePermalink and tagSlug never throw, are idempotent and never give a URL under /-/', () => {
    fc.assert(
      fc.property(names, (name) => {
        const fromPath = slugFromPath(`${name}.md`);
        wellFormed(fromPath);
        expect(fromPath).not.toBe('');
        expect(slugFromPath(`${fromPath}.md`)).toBe(fromPath);
        const permalink = parsePermalink(name);
        if (permalink && !permalink.home) {
          wellFormed(permalink.slug);
          expect(parsePermalink(permalink.slug)).toEqual(permalink);
        }
        const tag = tagSlug(name);
        wellFormed(tag);
        expect(tagSlug(tag)).toBe(tag);
        for (const slug of [fromPath, tag, permalink && !permalink.home ? permalink.slug : 'x']) expect(slug.split('/')[0]).not.toBe('-');
      }),
      { numRuns: 3000 },
    );
  });

  describe('two different file names that slug alike are reported as a collision', () => {
    const dirs: string[] = [];
    afterAll(() => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });
    /** Ways to write a name differently that slugging erases. */
    const variants: Array<(name: string) => string> = [
      (n) => n.toUpperCase(),
      (n) => n.toLowerCase(),
      (n) => n.normalize('NFD'),
      (n) => n.replace(/ /g, '-'),
      (n) => n.replace(/ /g, '_'),
      (n) => `${n}!`,
      (n) => `(${n})`,
      (n) => n.replace(/ /g, ' — '),
    ];
    const base = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', 'é', 'ß', ' ', '\u0915\u093f', '\u0645\u064e', '中', '7'), minLength: 1, maxLength: 12 }).filter((n) => slugifySegment(n) !== '');

    test('readNotes names both files', () => {
      fc.assert(
        fc.property(base, fc.constantFrom(...variants.keys()), fc.constantFrom(...variants.keys()), (name, i, j) => {
          const a = `${variants[i]!(name)}.md`;
          const b = `${variants[j]!(name)}.md`;
          fc.pre(a !== b && slugFromPath(a) === slugFromPath(b));
          const dir = mkdtempSync(join(tmpdir(), 'atlas-collision-'));
          dirs.push(dir);
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, a), 'A.\n');
          writeFileSync(join(dir, b), 'B.\n');
          const files = [a, b].sort((x, y) => (x < y ? -1 : 1));
          const read = files.map((rel) => readNote(rel, { contentDir: dir, displayPath: (r) => r, lenient: false, categories: undefined }));
          const { notes, diagnostics } = claimUrls(read.map((r) => r.note!));
          expect(notes.map((n) => n.rel)).toEqual([files[0]]);
          expect(diagnostics).toHaveLength(1);
          expect(diagnostics[0]).toMatchObject({ severity: 'error', rule: 'slug-collision', file: files[1] });
          expect(diagnostics[0]!.message).toContain(`is also the URL of ${files[0]}`);
        }),
        { numRuns: 150 },
      );
    });
  });
});

describe('frontmatter', () => {
  const FRONTMATTER_CHARS = ['---\n', '---', '\n', ':', ' ', '-', '"', "'", '[', ']', '{', '}', '&a', '*a', '!!', '#', '\t', '\uFEFF', '\r\n', 'title', 'aliases', 'references', '__proto__', 'x'];

  test('splitting and parsing never throw, strict or lenient, on any text', () => {
    fc.assert(
      fc.property(text(FRONTMATTER_CHARS), (source) => {
        const split = splitFrontmatter(source);
        expect(split.bodyLine).toBeGreaterThanOrEqual(1);
        const lines = source.split('\n').length;
        for (const lenient of [false, true]) {
          const parsed = parseFrontmatter(split, 'x.md', { lenient });
          for (const d of parsed.diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.line).toBeLessThanOrEqual(lines + 1);
            // Strict parsing reports errors, but a `__proto__` key is only ever a warning.
            if (!lenient && d.severity === 'warning') expect(d.message).toContain('"__proto__" cannot be a key');
            if (lenient) expect(d.severity).toBe('warning');
          }
          // Lenient parsing always keeps the page; strict parsing keeps it exactly when nothing is wrong.
          if (lenient) expect(parsed.data).toBeDefined();
          else expect(parsed.data === undefined).toBe(parsed.diagnostics.some((d) => d.severity === 'error'));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('any YAML map of any values: lenient parsing keeps every value the schema accepts and warns about the rest', () => {
    const key = fc.oneof(fc.constantFrom('title', 'summary', 'aliases', 'tags', 'category', 'facts', 'faq', 'references', 'relations', 'permalink', 'home', 'publish', 'created', 'cssclasses', '__proto__', 'constructor'), fc.string({ maxLength: 8 }));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 10 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (data) => {
        const source = `---\n${stringify(data)}---\nBody.\n`;
        const split = splitFrontmatter(source);
        expect(split.body).toBe('Body.\n');
        const lenient = parseFrontmatter(split, 'x.md', { lenient: true });
        expect(lenient.data).toBeDefined();
        const strict = parseFrontmatter(split, 'x.md');
        // The same data either way, the offending values dropped, so the page keeps its place in the
        // vault; and the same problems: errors in strict mode, warnings in warn mode.
        expect(strict.data).toEqual(lenient.data);
        const problem = (d: { line: number; message: string }) => [d.line, d.message.replace(/ — ignored .*$| \(the page is built without (its frontmatter|it)\)$/, '')];
        const problems = lenient.diagnostics.filter((d) => !d.message.includes('"__proto__" cannot be a key'));
        expect(problems.every((d) => d.severity === 'warning')).toBe(true);
        expect(strict.diagnostics.filter((d) => d.severity === 'error').map(problem)).toEqual(problems.map(problem));
        // One bad value never costs the page a good title.
        const title = (data as Record<string, unknown>)['title'];
        if (typeof title === 'string' && title.trim() !== '' && !/[\u0000-\u001f\u007f\ufffe\uffff]/.test(title)) expect(lenient.data!.title).toBe(title.trim());
      }),
      { numRuns: 500 },
    );
  });
});
