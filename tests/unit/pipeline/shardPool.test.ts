// Note shards on worker threads give the same records as in-process shards, with the strings the
// workers send back shared rather than copied.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createShards, internStrings } from '../../../src/pipeline/shardPool.ts';
import type { ShardOptions } from '../../../src/pipeline/noteShard.ts';

describe('internStrings', () => {
  test('keeps every value, and holds one copy per distinct short string', () => {
    const strings = new Map<string, string>();
    const long = 'x'.repeat(500);
    const first = { from: 'a/b', kind: 'link', sentence: long, positions: [{ file: 'a/b.md', line: 1 }], at: new Date(0) };
    const second = { from: 'a/b', kind: 'link', extra: new Map([['k', 'a/b.md']]), nested: [['link', 3, null, true]] };
    const copies = structuredClone([first, second]);
    expect(internStrings(copies, strings)).toEqual([first, second]);
    expect([...strings.keys()].sort()).toEqual(['a/b', 'a/b.md', 'link']);
  });

  test('a long string repeated within one message is looked up in a table for that message, not the build-wide one', () => {
    const strings = new Map<string, string>();
    const inMessage = new Map<string, string>();
    const sentence = `${'a long sentence shared by two links '.repeat(8)}.`;
    const links = structuredClone([{ to: 'x', sentence }, { to: 'y', sentence }]);
    internStrings(links, strings, inMessage);
    expect(links).toEqual([{ to: 'x', sentence }, { to: 'y', sentence }]);
    expect([...inMessage.keys()]).toEqual([sentence]);
    expect([...strings.keys()].sort()).toEqual(['x', 'y']);
  });

  test('a page-sized string (HTML) goes in no table at all, even when it repeats', () => {
    const strings = new Map<string, string>();
    const inMessage = new Map<string, string>();
    const html = `<p>${'words of an article '.repeat(100)}</p>`;
    const rendered = structuredClone([{ slug: 'a', html }, { slug: 'b', html }]);
    internStrings(rendered, strings, inMessage);
    expect(rendered).toEqual([{ slug: 'a', html }, { slug: 'b', html }]);
    expect(inMessage.size).toBe(0);
    expect([...strings.keys()].sort()).toEqual(['a', 'b']);
  });

  test('an own "__proto__" key stays a plain key; the record keeps its prototype', () => {
    const record = JSON.parse('{"__proto__": {"polluted": "yes"}, "title": "T"}') as Record<string, unknown>;
    internStrings(record, new Map());
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect((record as { polluted?: string }).polluted).toBeUndefined();
    expect(Object.keys(record)).toEqual(['__proto__', 'title']);
  });
});

describe('shards on worker threads', () => {
  const vault = mkdtempSync(join(tmpdir(), 'atlas-shards-'));
  afterAll(() => rmSync(vault, { recursive: true, force: true }));
  writeFileSync(join(vault, 'One.md'), '---\ntitle: One\ntags: [x]\n---\nSee [[Two]] and [[Two|the second]].\n');
  writeFileSync(join(vault, 'Two.md'), '# Two\n\nBack to [[One]].\n');
  const options: ShardOptions = { contentDir: vault, cwd: vault, base: '/', lenient: true, categories: undefined, demos: { names: [], fallbacks: {} }, imageOrigins: [] };

  test('read the same notes as an in-process shard', async () => {
    const [inProcess] = createShards(options, 1);
    const onWorkers = createShards(options, 2);
    try {
      const expected = await inProcess!.read(['One.md', 'Two.md']);
      const got = [...(await onWorkers[0]!.read(['One.md'])), ...(await onWorkers[1]!.read(['Two.md']))];
      expect(got).toEqual(expected);
    } finally {
      await Promise.all([inProcess!, ...onWorkers].map((shard) => shard.close()));
    }
  });
});
