// The local-graph files a build writes on a worker thread are, byte for byte, what the dev server's
// route serves for the same graph (src/lib/localGraphData.ts, run in process).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { buildKnowledgeGraph, neighbourhoodGraphJson, NeighbourOrder } from '../../graph/index.ts';
import { writeLocalGraphsOnWorker } from '../../src/integration/localGraphWorker.ts';
import { DEFAULTS } from '../../src/lib/localGraphData.ts';
import { links, relation, slug, topic } from './graph/records.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-local-graphs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('the worker writes each topic the file the dev server serves for it', { timeout: 30_000 }, async () => {
  // Categories and none, a permalink, typed relations beside links, a pair linked twice, a hub.
  const ids = Array.from({ length: 40 }, (_, i) => `t${i}`);
  const graph = buildKnowledgeGraph({
    topics: [
      ...ids.map((id, i) => topic(id, { title: `Topic ${(i * 7) % 40}`, category: i % 3 === 0 ? undefined : `C${i % 3}` })),
      topic('hub', { url: '/elsewhere/hub/' }),
    ],
    links: links(...ids.map((id) => `hub>${id}`), ...ids.slice(1).map((id, i) => `${ids[i]}>${id}`), 't1>t2', 't5>hub'),
    relations: [relation('t1', 'is-a', 't2'), relation('t3', 'part-of', 'hub'), relation('t7', 'improves', 't9')],
  });
  const slugs = graph.nodes().map(slug);
  const files = slugs.map((id) => join(scratch, 'nested', `${id}.json`));
  expect(await writeLocalGraphsOnWorker(graph, slugs, files)).toBe(slugs.length);
  const order = new NeighbourOrder(graph);
  slugs.forEach((id, i) => {
    expect(readFileSync(files[i]!, 'utf8'), id).toBe(JSON.stringify(neighbourhoodGraphJson(graph, id, DEFAULTS, order)));
  });
});
