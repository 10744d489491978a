// The graph worker (src/pipeline/graphWorker.ts): the local-graph files it writes are, byte for
// byte, what the dev server's route serves for the same graph (src/lib/localGraphData.ts, run in
// process), whether written from a copy of a laid-out graph or by the worker that laid the graph
// out, from its own copy; and when the main thread writes some of them beside the worker, each
// file is written once.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { buildKnowledgeGraph, layoutKnowledgeGraph, neighbourhoodGraphJson, NeighbourOrder, nodeSizes, type KnowledgeGraph } from '../../../graph/index.ts';
import { DEFAULTS } from '../../../src/lib/localGraphData.ts';
import { localGraphJob, startGraphWorker, writeLocalGraphShare } from '../../../src/pipeline/graphWorker.ts';
import { links, relation, slug, topic } from '../graph/records.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-local-graphs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Categories and none, a permalink, typed relations beside links, a pair linked twice, a hub. */
function sampleGraph(): KnowledgeGraph {
  const ids = Array.from({ length: 40 }, (_, i) => `t${i}`);
  return buildKnowledgeGraph({
    topics: [
      ...ids.map((id, i) => topic(id, { title: `Topic ${(i * 7) % 40}`, category: i % 3 === 0 ? undefined : `C${i % 3}` })),
      topic('hub', { url: '/elsewhere/hub/' }),
    ],
    links: links(...ids.map((id) => `hub>${id}`), ...ids.slice(1).map((id, i) => `${ids[i]}>${id}`), 't1>t2', 't5>hub'),
    relations: [relation('t1', 'is-a', 't2'), relation('t3', 'part-of', 'hub'), relation('t7', 'improves', 't9')],
  });
}

function expectDevServerFiles(graph: KnowledgeGraph, slugs: string[], files: string[]): void {
  const order = new NeighbourOrder(graph);
  slugs.forEach((id, i) => {
    expect(readFileSync(files[i]!, 'utf8'), id).toBe(JSON.stringify(neighbourhoodGraphJson(graph, slug(id), DEFAULTS, order)));
  });
}

test('a worker given a laid-out graph writes each topic the file the dev server serves for it', { timeout: 30_000 }, async () => {
  const graph = sampleGraph();
  const slugs = graph.nodes();
  const files = slugs.map((id) => join(scratch, 'given', 'nested', `${id}.json`));
  expect(await startGraphWorker(graph).writeLocalGraphs(localGraphJob(slugs.map(slug), files, DEFAULTS))).toBe(slugs.length);
  expectDevServerFiles(graph, slugs, files);
});

test('the worker that laid the graph out writes the same files from its own copy', { timeout: 30_000 }, async () => {
  const graph = sampleGraph();
  // As the build does: sizes first, the layout on the worker, its positions given to the graph.
  nodeSizes.assign(graph);
  const worker = startGraphWorker(graph);
  const positions = await worker.layout();
  graph.updateEachNodeAttributes((node, attributes) => ({ ...attributes, ...positions[node]! }));
  const inLine = graph.copy();
  layoutKnowledgeGraph(inLine);
  expect(graph.mapNodes((node, a) => `${node} ${a.x} ${a.y} ${a.size}`)).toEqual(inLine.mapNodes((node, a) => `${node} ${a.x} ${a.y} ${a.size}`));
  // Laid out, not left at the origin: the files carry real positions.
  expect(new Set(graph.mapNodes((_node, a) => `${a.x},${a.y}`)).size).toBe(graph.order);

  const slugs = graph.nodes();
  const files = slugs.map((id) => join(scratch, 'kept', `${id}.json`));
  expect(await worker.writeLocalGraphs(localGraphJob(slugs.map(slug), files, DEFAULTS))).toBe(slugs.length);
  expectDevServerFiles(graph, slugs, files);
});

test('the main thread and the worker share one queue of files: each is written once, as the dev server serves it', { timeout: 30_000 }, async () => {
  const graph = sampleGraph();
  layoutKnowledgeGraph(graph);
  const slugs = graph.nodes();
  const files = slugs.map((id) => join(scratch, 'shared', `${id}.json`));
  const job = localGraphJob(slugs.map(slug), files, DEFAULTS);
  // Ten files already taken by another thread: this worker starts at the eleventh.
  Atomics.store(job.next, 0, 10);
  const byWorker = await startGraphWorker(graph).writeLocalGraphs(job);
  expect(byWorker).toBe(slugs.length - 10);
  // Nothing is left for the main thread, and nothing is written again.
  expect(writeLocalGraphShare(graph, job)).toBe(0);
  expectDevServerFiles(graph, slugs.slice(10), files.slice(10));
  expect(() => readFileSync(files[0]!, 'utf8')).toThrow(/ENOENT/);

  // Both at once, on a larger graph: between them every file, each exactly once.
  const many = buildKnowledgeGraph({
    topics: Array.from({ length: 600 }, (_, i) => topic(`n${i}`, { title: `Node ${i}` })),
    links: links(...Array.from({ length: 600 }, (_, i) => `n${i}>n${(i * 7 + 1) % 600}`), ...Array.from({ length: 600 }, (_, i) => `n${i}>n${(i + 1) % 600}`)),
    relations: [],
  });
  layoutKnowledgeGraph(many);
  const ids = many.nodes();
  const out = ids.map((id) => join(scratch, 'both', `${id}.json`));
  const both = localGraphJob(ids.map(slug), out, DEFAULTS);
  const worker = startGraphWorker(many).writeLocalGraphs(both);
  const byMain = writeLocalGraphShare(many, both);
  expect(byMain + (await worker)).toBe(ids.length);
  expectDevServerFiles(many, ids, out);
});
