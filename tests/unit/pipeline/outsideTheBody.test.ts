// Markdown outside a page's body (FAQ answers), a page that opens with an embed, and headings that
// hold links: each once went around part of the pipeline (issue 15). They go through the same
// stages as the body, so what a reader sees there behaves like the body.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readDeployConfig } from '../../../src/config/deployConfig.ts';
import { demoRegistry } from '../../../src/lib/site.ts';
import { topicJsonLd } from '../../../src/lib/structuredData.ts';
import { siteRoutes } from '../../../src/routes.ts';
import { loadContent } from '../../../src/pipeline/loadContent.ts';
import { toJsonLd } from '../../../graph/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-outside-body-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
};

write(
  'Distillation.md',
  [
    '---',
    'faq:',
    '  - q: How does it work?',
    '    a: |',
    '      A small student copies a large teacher.',
    '',
    '      It learns from the **soft** targets too. #faq-only-tag',
    '',
    '      ![[Teacher model#Role]]',
    '---',
    'Knowledge distillation trains a small model from a large one.',
    '',
    '## See [[Teacher model|the teacher]] and `code`',
    '',
    'More text.',
    '',
  ].join('\n'),
);
write('Teacher model.md', '# Teacher model\n\n## Role\n\nThe teacher provides soft targets for the student.\n');
write('Opens with an embed.md', '![[Teacher model#Role]]\n\nThis page says something of its own in four words.\n');

const content = await loadContent(readDeployConfig({ ATLAS_CONTENT: dir, ATLAS_LINKS: 'warn' }), demoRegistry, { throwOnError: false });
const topic = (title: string) => content.topics.find((t) => t.title === title)!;

describe('FAQ answers go through the body pipeline', () => {
  const answer = topic('Distillation').faq[0]!;

  test('several paragraphs stay well-formed paragraphs', () => {
    const paragraphs = answer.html.match(/<p>[\s\S]*?<\/p>/g) ?? [];
    expect(paragraphs.map((p) => p.replace(/<[^>]+>/g, '').trim()).slice(0, 2)).toEqual(['A small student copies a large teacher.', 'It learns from the soft targets too. #faq-only-tag']);
    expect(answer.html.startsWith('<p>')).toBe(true);
    expect((answer.html.match(/<p[ >]/g) ?? []).length).toBe((answer.html.match(/<\/p>/g) ?? []).length);
  });

  test('an embed is filled with the section it names', () => {
    expect(answer.html).toContain('The teacher provides soft targets for the student.');
  });

  test('a tag used only in an answer is one of the page\'s tags, so its tag page exists', () => {
    expect(topic('Distillation').tags).toContain('faq-only-tag');
    expect(answer.html).toContain(`href="${siteRoutes('/').tag('faq-only-tag')}"`);
  });

  test('structured data gets the answer as plain text', () => {
    expect(answer.text).toBe('A small student copies a large teacher. It learns from the soft targets too. #faq-only-tag');
  });
});

describe('a page that opens with an embed', () => {
  const page = topic('Opens with an embed');
  test('describes itself with its own first paragraph, not the embedded one', () => {
    expect(page.excerpt).toBe('This page says something of its own in four words.');
  });
  test('counts only its own words', () => {
    expect(page.wordCount).toBe(10);
  });
});

describe('a heading holding a wikilink and code', () => {
  test('is listed in the contents by its text, without link syntax', () => {
    const heading = topic('Distillation').headings.find((h) => h.depth === 2)!;
    expect(heading.text).toBe('See the teacher and code');
    expect(heading.id).toBe('see-the-teacher-and-code');
  });
});

describe('structured data', () => {
  test('every page names the term set graph.jsonld defines, also under a base path with a home note', async () => {
    // The home note sorts first and is served at the base itself: the set's id must not follow it.
    write('Aaa home.md', '---\npermalink: /\n---\nThe home page.\n');
    const wiki = await loadContent(readDeployConfig({ ATLAS_CONTENT: dir, ATLAS_LINKS: 'warn', ATLAS_BASE: '/wiki/', ATLAS_SITE: 'https://example.org' }), demoRegistry, { throwOnError: false });
    const site = { origin: 'https://example.org', routes: siteRoutes('/wiki/') };
    const set = toJsonLd(wiki.graph, { site: 'https://example.org', name: 'Test' });
    expect(set['@id']).toBe('https://example.org/wiki/#topics');
    for (const t of wiki.topics) expect((topicJsonLd(site, t)[0] as { inDefinedTermSet: string }).inDefinedTermSet).toBe(set['@id']);
  });
});
