// Backlinks in the site model (src/lib/site.ts): each linking page once, in title order, with every
// distinct sentence its links to the topic stand in; the count without the list; and a list long
// enough for pages of its own the same each time it is asked for.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Site } from '../../../src/lib/site.ts';
import { siteWithoutCache } from '../siteWithoutCache.ts';
import { DEFAULTS as VIEW } from '../../../src/lib/topicView.ts';

const vault = mkdtempSync(join(tmpdir(), 'atlas-backlinks-'));
let site: Site;
const HUB_LINKS = VIEW.backlinksOnPage + 5;

beforeAll(async () => {
  writeFileSync(join(vault, 'Target.md'), 'The target links back to [[Zebra]].\n');
  // Two links in one sentence, a third in another, a fourth repeating the first sentence's words elsewhere.
  writeFileSync(join(vault, 'Zebra.md'), 'Zebra names [[Target]] and [[Target|it again]]. Then [[Target]] once more.\n');
  writeFileSync(join(vault, 'Apple.md'), 'Apple names [[Target]].\n');
  writeFileSync(join(vault, 'Mango.md'), 'Mango says nothing of it.\n');
  writeFileSync(join(vault, 'Hub.md'), 'Everyone links here.\n');
  for (let i = 0; i < HUB_LINKS; i++) writeFileSync(join(vault, `Fan ${String(i).padStart(3, '0')}.md`), `Fan ${i} likes [[Hub]].\n`);
  try {
    site = await siteWithoutCache({ ATLAS_CONTENT: vault, ATLAS_LINKS: 'warn' });
  } finally {
    site?.graphWorker?.close();
  }
}, 60_000);

afterAll(() => rmSync(vault, { recursive: true, force: true }));

const slugOf = (title: string) => site.topics.find((t) => t.title === title)!.slug;

test('each linking page once, by title, with each distinct sentence its links stand in', () => {
  const list = site.backlinksOf(slugOf('Target'));
  expect(list.map((b) => [b.from.title, b.sentences])).toEqual([
    ['Apple', ['Apple names Target.']],
    ['Zebra', ['Zebra names Target and it again.', 'Then Target once more.']],
  ]);
  expect(site.backlinkCount(slugOf('Target'))).toBe(2);
  expect(site.backlinksOf(slugOf('Zebra')).map((b) => b.from.title)).toEqual(['Target']);
});

test('a page nothing links to has no backlinks, and says so without a list', () => {
  expect(site.backlinksOf(slugOf('Mango'))).toEqual([]);
  expect(site.backlinkCount(slugOf('Mango'))).toBe(0);
});

test('a list longer than a page shows is the same list each time (its pages ask for it again)', () => {
  const hub = slugOf('Hub');
  expect(site.backlinkCount(hub)).toBe(HUB_LINKS);
  const first = site.backlinksOf(hub);
  expect(first).toHaveLength(HUB_LINKS);
  expect(first[0]!.from.title).toBe('Fan 000');
  expect(first.at(-1)!.from.title).toBe(`Fan ${String(HUB_LINKS - 1).padStart(3, '0')}`);
  expect(site.backlinksOf(hub)).toBe(first);
  // A short list is made afresh: nothing keeps it once its page has it.
  expect(site.backlinksOf(slugOf('Target'))).not.toBe(site.backlinksOf(slugOf('Target')));
  expect(site.backlinksOf(slugOf('Target'))).toEqual(site.backlinksOf(slugOf('Target')));
});
