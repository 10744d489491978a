// mdast → hast without toHast's own walk for definitions (src/pipeline/render.ts mdastToHast) gives
// exactly the tree mdast-util-to-hast gives: reference links and images resolved against the first
// definition of each label (case folded, wherever it sits), footnotes numbered and listed as before.
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { expect, test } from 'vitest';
import { parseMarkdown } from '../../../src/pipeline/parseMarkdown.ts';
import { mdastToHast, renderToHtml, surveyTree } from '../../../src/pipeline/render.ts';

function treeOf(markdown: string): Root {
  const parsed = parseMarkdown(markdown, false);
  if ('failure' in parsed) throw new Error(parsed.failure.message);
  return parsed.tree;
}

const samples: Record<string, string> = {
  'reference links and images, a label defined twice and in a quote': [
    'See [one][Ref], [two][ref], [three] and ![a chart][pic].',
    '',
    '[REF]: https://one.example/ "First"',
    '[ref]: https://two.example/',
    '',
    '> [pic]: /chart.png "Chart"',
    '',
    '- [three]: https://three.example/',
  ].join('\n'),
  'footnotes: defined twice, inside a list, referenced twice, one never referenced': [
    'A claim[^n] and another[^x], the first again[^n].',
    '',
    '[^n]: The first note.',
    '[^n]: A second definition, ignored.',
    '',
    '- a list item',
    '',
    '  [^x]: A note inside a list item.',
    '',
    '[^unused]: Never referenced.',
  ].join('\n'),
  'a reference to a label nobody defined stays text': 'Here is [nothing][missing] and [^gone].',
  'raw HTML beside a definition': '<span class="x">raw</span> and [link][d]\n\n[d]: https://d.example/',
};

test.each(Object.entries(samples))('%s: the same hast as mdast-util-to-hast', (_name, markdown) => {
  for (const allowDangerousHtml of [false, true]) {
    const expected = toHast(treeOf(markdown), { allowDangerousHtml });
    const tree = treeOf(markdown);
    expect(mdastToHast(tree, surveyTree(tree), allowDangerousHtml)).toEqual(expected);
  }
});

test('the survey finds definitions at any depth, in document order, and trusted nodes', () => {
  const tree = treeOf(samples['reference links and images, a label defined twice and in a quote']!);
  expect(surveyTree(tree).definitions.map((d) => `${d.type} ${d.identifier}`)).toEqual(['definition ref', 'definition ref', 'definition pic', 'definition three']);
  expect(surveyTree(tree).trusted).toBe(false);
  const withDemo: Root = { type: 'root', children: [{ type: 'blockquote', children: [{ type: 'atlasDemo', data: { name: 'pruning' } } as never] }] };
  expect(surveyTree(withDemo).trusted).toBe(true);
});

test('a rendered page resolves reference links to their first definition and lists its footnotes', async () => {
  const tree = treeOf(`${samples['reference links and images, a label defined twice and in a quote']}\n\nA claim[^n].\n\n[^n]: The note.`);
  const { html } = await renderToHtml(tree, { features: { rawHtml: false, math: false, code: false } });
  expect(html).toContain('href="https://one.example/"');
  expect(html).not.toContain('two.example');
  expect(html).toContain('href="https://three.example/"');
  expect(html).toMatch(/<img[^>]+src="\/chart.png"/);
  expect(html).toMatch(/<section[^>]*data-footnotes[\s\S]*The note\./);
});

test('code and math render with the plugins each page needs, loaded on first use, also when first asked for at once', async () => {
  const markdown = ['Energy is $E = mc^2$.', '', '```python', 'def f(x):', '    return x', '```', '', '```nosuchlanguage', 'plain', '```'].join('\n');
  // All four combinations at once: the first pages of a build ask concurrently.
  const combos = [false, true].flatMap((math) => [false, true].map((code) => ({ rawHtml: false, math, code })));
  const pages = await Promise.all(combos.map((features) => renderToHtml(treeOf(markdown), { features })));
  combos.forEach((features, i) => {
    const { html } = pages[i]!;
    expect(html.includes('class="katex"'), `math ${features.math}`).toBe(features.math);
    expect(/<pre class="shiki shiki-themes github-light github-dark"[^>]*><code class="language-python">/.test(html), `code ${features.code}`).toBe(features.code);
    // An unknown language is shown as text, not dropped.
    expect(html).toContain('plain');
  });
  expect(pages[1]!.html).toMatch(/--shiki-light:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}/i);
});
