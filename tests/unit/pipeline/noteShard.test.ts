// A NoteShard's calls as the coordinator (src/pipeline/loadContent.ts) makes them: answers to
// lookups once, then transforms and renders a batch at a time. loadContent.test.ts checks the whole
// pipeline through worker shards; this checks the shard's own contract.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { NoteShard, type LookupData, type ShardOptions } from '../../../src/pipeline/noteShard.ts';
import type { Note } from '../../../src/pipeline/readNotes.ts';

const vault = mkdtempSync(join(tmpdir(), 'atlas-note-shard-'));
afterAll(() => rmSync(vault, { recursive: true, force: true }));
writeFileSync(join(vault, 'One.md'), 'See [[Two]].\n');
writeFileSync(join(vault, 'Two.md'), 'See [[Three]].\n');
writeFileSync(join(vault, 'Three.md'), 'Back to [[One]] and [[Nowhere]].\n');
const options: ShardOptions = { contentDir: vault, cwd: vault, base: '/', lenient: true, categories: undefined, demos: { names: [], fallbacks: {} }, imageOrigins: [] };

function lookupOf(notes: Note[]): LookupData {
  return {
    notes: notes.map((n) => ({ slug: n.slug, title: n.title, aliases: [], path: n.path, url: `/${n.urlPath}/`, urlPath: n.urlPath })),
    homeSlug: undefined,
    unpublished: [],
    attachments: [],
    anchors: [],
    severity: 'warning',
    imageOrigins: [],
  };
}

test('transforms each note once, in read order, at most `limit` per call, and renders each once', async () => {
  const shard = new NoteShard(options);
  const notes = shard.read(['One.md', 'Two.md', 'Three.md']).map((r) => r.note!);
  expect(() => shard.transform(1)).toThrow(/before lookUpIn/);
  shard.lookUpIn(lookupOf(notes));
  const batches = [shard.transform(2), shard.transform(2), shard.transform(2)];
  expect(batches.map((batch) => batch.map((t) => t.slug))).toEqual([[notes[0]!.slug, notes[1]!.slug], [notes[2]!.slug], []]);
  expect(batches[0]![0]!.links.map((l) => l.to)).toEqual([notes[1]!.slug]);
  expect(batches[1]![0]!.links.map((l) => l.to)).toEqual([notes[0]!.slug, null]);

  // Renders run in the order asked, and a rendered note's tree is let go.
  const features = batches.flat().map((t): [typeof t.slug, typeof t.features] => [t.slug, t.features]);
  const [first, second] = await Promise.all([shard.render(features.slice(0, 2)), shard.render(features)]);
  expect(first!.map((r) => r.slug)).toEqual([notes[0]!.slug, notes[1]!.slug]);
  expect(second!.map((r) => r.slug)).toEqual([notes[2]!.slug]);
  expect(first![0]!.html).toContain(`href="/${notes[1]!.urlPath}/"`);
  expect(await shard.render(features)).toEqual([]);
});
