// Query-language benchmark: 1,000 queries of mixed shapes over a synthetic 5,000-topic wiki
// (target: well under a second in total). The wiki is generated in memory with the same
// preferential-attachment idea as ../shared/gen-corpus.mjs: links favour popular topics, tags are
// nested, every topic is-a one of a few hundred parents, so transitive walks have real depth.
// A third of the queries scan every topic (WHERE without FROM), the rest start from an index.
//
// usage: node bench/query.mjs [--topics 5000] [--queries 1000] [--runs 3]
import { performance } from 'node:perf_hooks';
import { createQueryContext, evaluateQuery, mulberry32, parseQuery } from '../graph/index.ts';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const TOPICS = opt('topics', 5000);
const QUERIES = opt('queries', 1000);
const RUNS = opt('runs', 3);
const TEMPLATES = 12;

const random = mulberry32(42);
const pick = (list) => list[Math.floor(random() * list.length)];
const stems = ['neural', 'sparse', 'quantized', 'distilled', 'attention', 'gradient', 'tensor', 'kernel', 'latent', 'federated'];
const nouns = ['network', 'pruning', 'benchmark', 'accelerator', 'metric', 'optimizer', 'dataset', 'embedding', 'transformer', 'loss'];
const categories = ['Technique', 'Hardware', 'Benchmark', 'Metric', 'Concept', 'Dataset', 'Application'];
const tagRoots = ['compression', 'efficiency', 'evaluation', 'hardware', 'training', 'vision', 'language', 'fairness'];
const tags = tagRoots.flatMap((root) => [root, ...Array.from({ length: 6 }, (_, i) => `${root}/sub${i}`)]);
const day = (offset) => new Date(Date.UTC(2020, 0, 1) + offset * 86_400_000);

function syntheticWiki() {
  const topics = [];
  for (let i = 0; i < TOPICS; i++) {
    const category = pick(categories);
    const title = `${pick(stems)} ${pick(nouns)} ${i.toString(36)}`.replace(/^./, (c) => c.toUpperCase());
    const created = Math.floor(random() * 1500);
    topics.push({
      id: `${category.toLowerCase()}/t${i}`,
      title,
      summary: `About ${title}.`,
      category,
      tags: Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(tags)),
      aliases: random() < 0.2 ? [`alias ${i}`] : [],
      folder: random() < 0.3 ? `${category.toLowerCase()}/sub${i % 5}` : category.toLowerCase(),
      fields: { difficulty: 1 + Math.floor(random() * 5), status: pick(['stable', 'draft', 'review']) },
      facts: random() < 0.5 ? { Introduced: String(1950 + Math.floor(random() * 75)), 'Key paper': `Paper ${i}` } : {},
      pagerank: random() / TOPICS,
      inbound: 0,
      outbound: 0,
      words: 100 + Math.floor(random() * 2000),
      created: day(created),
      updated: day(created + Math.floor(random() * 400)),
    });
  }
  const links = [];
  const pool = [0];
  for (let i = 1; i < TOPICS; i++) {
    for (let k = 0; k < 8; k++) {
      const j = random() < 0.7 ? pick(pool) : Math.floor(random() * TOPICS);
      if (j !== i) {
        links.push({ from: topics[i].id, to: topics[j].id });
        pool.push(j);
      }
    }
    pool.push(i);
  }
  const relations = [];
  // An is-a forest: topic i is-a one topic among the first i/8, so chains are a few levels deep.
  for (let i = 1; i < TOPICS; i++) relations.push({ from: topics[i].id, type: 'is-a', to: topics[Math.floor(random() * Math.ceil(i / 8))].id });
  for (let i = 0; i < TOPICS; i++) relations.push({ from: topics[i].id, type: pick(['related', 'improves', 'part-of']), to: topics[Math.floor(random() * TOPICS)].id });
  const inbound = new Map();
  const outbound = new Map();
  for (const { from, to } of links) {
    (inbound.get(to) ?? inbound.set(to, new Set()).get(to)).add(from);
    (outbound.get(from) ?? outbound.set(from, new Set()).get(from)).add(to);
  }
  for (const t of topics) {
    t.inbound = inbound.get(t.id)?.size ?? 0;
    t.outbound = outbound.get(t.id)?.size ?? 0;
  }
  return { topics, links, relations };
}

function queries(topics) {
  const topic = () => pick(topics).title;
  const hub = () => topics[Math.floor(random() * 50)].title;
  const templates = [
    () => `LIST FROM #${pick(tagRoots)}`,
    () => `TABLE summary, pagerank FROM category("${pick(categories)}") SORT pagerank DESC LIMIT 20`,
    () => `LIST FROM [[${topic()}]]`,
    () => `LIST summary FROM outgoing([[${topic()}]])`,
    () => `LIST FROM is-a*([[${hub()}]]) LIMIT 50`,
    () => `TABLE fact("Introduced") AS "Introduced" FROM "${pick(categories).toLowerCase()}" WHERE fact("Introduced") < 2000 SORT fact("Introduced") LIMIT 25`,
    () => `COUNT WHERE difficulty >= ${1 + Math.floor(random() * 5)} AND status = "stable"`,
    () => `LIST FROM #${pick(tagRoots)} AND NOT #${pick(tags)} GROUP BY category`,
    () => `TABLE updated WHERE updated > 2023-06-01 SORT updated DESC LIMIT 10`,
    () => `LIST WHERE title contains "${pick(nouns)}" LIMIT 50`,
    () => `TABLE is-a, inverse is-a FROM either related([[${topic()}]]) OR inverse is-a([[${hub()}]])`,
    () => `COUNT FROM #${pick(tags)} OR category("${pick(categories)}") GROUP BY tags`,
  ];
  return Array.from({ length: QUERIES }, (_, i) => templates[i % TEMPLATES]());
}

const t0 = performance.now();
const wiki = syntheticWiki();
const t1 = performance.now();
const context = createQueryContext(wiki);
const t2 = performance.now();
const texts = queries(wiki.topics);

console.log(`synthetic wiki: ${TOPICS} topics, ${wiki.links.length} links, ${wiki.relations.length} relations (generated in ${(t1 - t0).toFixed(0)} ms)`);
console.log(`createQueryContext: ${(t2 - t1).toFixed(1)} ms`);

let parsed;
let parseMs = Infinity;
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  parsed = texts.map((text) => parseQuery(text));
  parseMs = Math.min(parseMs, performance.now() - start);
}
const failed = parsed.filter((p) => 'errors' in p);
if (failed.length) throw new Error(`bench: ${failed.length} queries did not parse: ${JSON.stringify(failed[0])}`);

// The first query builds the per-context indexes (title order, tag prefixes); timed on its own.
const startFirst = performance.now();
evaluateQuery(parsed[0].query, context);
const firstMs = performance.now() - startFirst;

let evalMs = Infinity;
let rows = 0;
let errors = 0;
let perShape = new Map();
for (let run = 0; run < RUNS; run++) {
  rows = 0;
  errors = 0;
  const shapes = new Map();
  const start = performance.now();
  parsed.forEach(({ query }, i) => {
    const before = performance.now();
    const result = evaluateQuery(query, context);
    const key = i % TEMPLATES;
    shapes.set(key, (shapes.get(key) ?? 0) + performance.now() - before);
    if ('errors' in result) errors++;
    else rows += result.result.count;
  });
  const ms = performance.now() - start;
  if (ms < evalMs) {
    evalMs = ms;
    perShape = shapes;
  }
}
if (errors) throw new Error(`bench: ${errors} queries had evaluation errors`);

console.log(`parse ${QUERIES} queries: ${parseMs.toFixed(1)} ms (${((parseMs / QUERIES) * 1000).toFixed(0)} µs each)`);
console.log(`first query (builds the context's indexes): ${firstMs.toFixed(1)} ms`);
console.log(`evaluate ${QUERIES} queries over ${TOPICS} topics: ${evalMs.toFixed(1)} ms total, ${((evalMs / QUERIES) * 1000).toFixed(0)} µs each, ${rows} rows (best of ${RUNS})`);
console.log('time per query shape (all queries of that shape, best run):');
for (const [key, ms] of [...perShape.entries()].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${texts[key].replace(/\s+/g, ' ').slice(0, 100)}`);
}
