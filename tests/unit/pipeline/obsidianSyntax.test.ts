// Obsidian's own Markdown, at the parser level: wikilinks as tokens, %%comments%%, ==highlights==,
// headings matched as Obsidian matches them.
import { describe, expect, test } from 'vitest';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { MAX_NESTING, parseMarkdown, type ParsedMarkdown } from '../../../src/pipeline/parseMarkdown.ts';
import { stripComments } from '../../../src/pipeline/syntax/comments.ts';
import { assignAnchors, findHeading, LAYOUT_IDS } from '../../../src/pipeline/anchors.ts';

function parse(text: string, mdx = false): ParsedMarkdown {
  const result = parseMarkdown(text, mdx);
  if ('failure' in result) throw new Error(result.failure.message);
  return result;
}

function nodesOf(tree: Root, type: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  visit(tree, (node) => {
    if (node.type === type) found.push(node as unknown as Record<string, unknown>);
  });
  return found;
}

describe('wikilinks are tokens', () => {
  test.each([
    ['[[__init__]]', ['__init__']],
    ['[[*args]] and [[**kwargs**]]', ['*args', '**kwargs**']],
    ['a [[X|y]] b ![[img.png|300]]', ['X|y', 'img.png|300']],
    ['**bold [[Link]]**', ['Link']],
    ['| a |\n|---|\n| [[X\\|y]] |', ['X\\|y']],
    ['[[Note#A#B]]', ['Note#A#B']],
    ['[[a [b]]', ['a [b']],
    ['[[a [[b]] and ![[c ![[d.png]]', ['b', 'd.png']],
  ])('%j → %j', (text, inners) => {
    expect(nodesOf(parse(text).tree, 'wikiLink').map((n) => n['inner'])).toEqual(inners);
  });

  test('unclosed brackets cost linear time: each attempt reads on to the next [[ at most', () => {
    // Reading each attempt to the end of the line took 26 s for these 50,000 brackets.
    const start = performance.now();
    const { tree } = parse(`${'['.repeat(50_000)}\n\n${'[[x'.repeat(20_000)}]]`);
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(nodesOf(tree, 'wikiLink').map((n) => n['inner'])).toEqual(['x']);
  });

  test.each([
    ['\\[\\[escaped\\]\\]', '[[escaped]]'],
    ['`[[code]]`', '[[code]]'],
    ['```\n[[fenced]]\n```', '[[fenced]]'],
    ['[[]] and [[a\nb]]', '[[]] and [[a\nb]]'],
  ])('%j has no wikilink', (text, shown) => {
    const { tree } = parse(text);
    expect(nodesOf(tree, 'wikiLink')).toEqual([]);
    expect(toString(tree)).toContain(shown);
  });

  test('a wikilink keeps its exact source position', () => {
    const [link] = nodesOf(parse('Intro\n\nSee [[Model pruning|pruning]] here.').tree, 'wikiLink');
    expect((link!['position'] as { start: { line: number; column: number; offset: number } }).start).toMatchObject({ line: 3, column: 5, offset: 11 });
  });

  test('a heading shows the text a reader sees, not the raw syntax', () => {
    const { tree } = parse('## See [[X|the x]] and [[Y#Part]]');
    expect(toString(tree)).toBe('See the x and Y › Part');
  });
});

describe('nesting', () => {
  test('content nested deeper than the build can walk is refused at its line, not with a stack overflow', () => {
    // 3,000 nested quotes overflowed the stack in mdast-util-to-hast.
    const result = parseMarkdown(`Intro\n\n${'>'.repeat(3_000)} deep`, false);
    expect(MAX_NESTING).toBeLessThan(3_000);
    expect(result).toEqual({ failure: { line: 3, column: MAX_NESTING + 1, message: expect.stringMatching(/^content nested more than 1,200 levels deep .* flatten it/) } });
  });

  test('nesting up to the limit parses', () => {
    const { tree } = parse(`${'>'.repeat(MAX_NESTING - 2)} [[Deep link]]`);
    expect(nodesOf(tree, 'wikiLink').map((n) => n['inner'])).toEqual(['Deep link']);
    expect(nodesOf(tree, 'blockquote')).toHaveLength(MAX_NESTING - 2);
  });
});

describe('%%comments%%', () => {
  test.each([
    ['visible %%hidden%% visible', 'visible', 'hidden'],
    ['a\n\n%%\nblock\n\ncomment\n%%\n\nb', 'b', 'block'],
    ['x %%spans **bold** and [[Link]]%% y', 'y', 'Link'],
  ])('%j hides the comment', (text, kept, hidden) => {
    const parsed = parse(text);
    expect(toString(parsed.tree)).toContain(kept);
    expect(toString(parsed.tree)).not.toContain(hidden);
    expect(nodesOf(parsed.tree, 'wikiLink')).toEqual([]);
  });

  test('comments keep every line where it was', () => {
    const parsed = parse('%%one\ntwo%%\n\n[[After]]');
    expect(parsed.text.split('\n')).toHaveLength(4);
    const [link] = nodesOf(parsed.tree, 'wikiLink');
    expect((link!['position'] as { start: { line: number } }).start.line).toBe(4);
  });

  test('%% in code is text', () => {
    const parsed = parse('`50%%` and\n\n```\n%% not a comment %%\n```\n\nend %%gone%%');
    expect(toString(parsed.tree)).toContain('50%%');
    expect(toString(parsed.tree)).toContain('%% not a comment %%');
    expect(toString(parsed.tree)).not.toContain('gone');
  });

  test('an unclosed comment hides the rest of the note and says where it opened', () => {
    const parsed = parse('kept\n\n%% forgot to close\n\nlost');
    expect(toString(parsed.tree)).not.toContain('lost');
    expect(parsed.unclosedCommentAt).toBe(6);
  });

  test('stripComments blanks characters, never lines', () => {
    expect(stripComments('a%%b\nc%%d', [])).toEqual({ text: 'a   \n   d', unclosedAt: undefined });
  });
});

describe('==highlights==', () => {
  test.each([
    ['a ==marked== b', ['marked']],
    ['==**bold** and [[Link]]==', ['bold and Link']],
    ['==one== and ==two==', ['one', 'two']],
  ])('%j', (text, marks) => {
    expect(nodesOf(parse(text).tree, 'highlight').map((n) => toString(n as never))).toEqual(marks);
  });
  test.each(['a == b', 'x === y', '`==code==`', '== spaced ==', '====', 'a ==b'])('%j has no highlight', (text) => {
    expect(nodesOf(parse(text).tree, 'highlight')).toEqual([]);
  });
});

describe('headings', () => {
  const anchors = () => assignAnchors(parse(['# Top', '## Setup', '### Install', '## Usage', '### Install', '## How large can a vault be?', '## References', '## FAQ'].join('\n\n')).tree);

  test('body headings never take the ids the page layout uses', () => {
    const ids = anchors().headings.map((h) => h.id);
    expect(ids).toContain('references-1');
    expect(ids).toContain('faq-1');
    for (const id of LAYOUT_IDS) expect(ids).not.toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.each([
    [['Setup'], 'setup'],
    [['setup'], 'setup'],
    [['Usage', 'Install'], 'install-1'],
    [['Setup', 'Install'], 'install'],
    [['How large can a vault be'], 'how-large-can-a-vault-be'],
    [['how-large-can-a-vault-be'], 'how-large-can-a-vault-be'],
    [['Usage', 'Setup'], undefined],
    [['Nothing'], undefined],
  ])('[[#%j]] → %j', (path, id) => {
    expect(findHeading(anchors(), path)).toBe(id);
  });
});
