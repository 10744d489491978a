// Parsing with only the extensions a text's characters allow (src/pipeline/syntax/extensions.ts)
// must build exactly the tree the full parser builds: on every page of the wiki and the fixture
// vaults, and on generated Markdown full of the constructs' trigger characters.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { splitFrontmatter } from '../../../src/pipeline/frontmatter.ts';
import { parserFor } from '../../../src/pipeline/parseMarkdown.ts';
import { remarkWikiLinks } from '../../../src/pipeline/syntax/wikilinkSyntax.ts';

const full = unified().use(remarkParse).use(remarkWikiLinks).use(remarkGfm).use(remarkMath).freeze();
const fullMdx = unified().use(remarkParse).use(remarkMdx).use(remarkWikiLinks).use(remarkGfm).use(remarkMath).freeze();
const same = (text: string, mdx = false) => {
  const reference = mdx ? fullMdx : full;
  expect(parserFor(text, mdx).parse(text)).toEqual(reference.parse(text));
};

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.mdx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('selected extensions build the same tree as all of them', () => {
  const files = [...markdownFiles('content'), ...markdownFiles('tests/fixtures')];
  test.each(files.map((f) => [f]))('%s', (file) => {
    const body = splitFrontmatter(readFileSync(file, 'utf8')).body;
    if (file.endsWith('.mdx')) {
      try {
        fullMdx.parse(body);
      } catch {
        return; // fixtures with MDX syntax errors: covered by the error tests
      }
    }
    same(body, file.endsWith('.mdx'));
  });

  test('on generated Markdown dense with every construct\'s characters', () => {
    const piece = fc.constantFrom(
      '|', '| a | b |', '|---|---|', '| :-- |', '-', '--', ':', '~', '~~', '~~x~~', '$', '$$', '$x$', '[^1]', '[^1]: note', '[ ]', '[x]', '- [ ] task',
      'www.example.com', 'https://x.org', 'a@b.co', '@', '[[Link]]', '[[a|b]]', '![[img.png]]', '\\[\\[', '`code`', '```', '> ', '  ', '\n', '\n\n', 'text', '*', '_', '#', '# H',
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(' ')), (text) => same(text)), { numRuns: 400 });
  });
});
