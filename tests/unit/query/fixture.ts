// A small wiki for the query tests and the examples in docs/query-language.md: 18 topics in
// nested folders, nested tags, facts with spaces, frontmatter of several types (numbers, dates as
// text and as Date, wikilinks), typed relations including an is-a chain and an is-a cycle
// (Metric is-a Measure is-a Metric), an orphan, and topics without summary, category or dates.
import { createQueryContext, type QueryContext, type QueryTopic } from '../../../graph/query/index.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

type TopicInput = Partial<QueryTopic> & Pick<QueryTopic, 'id' | 'title'>;

const topic = (t: TopicInput): QueryTopic => ({
  summary: `About ${t.title}.`,
  category: 'Concept',
  tags: [],
  aliases: [],
  folder: t.id.includes('/') ? t.id.slice(0, t.id.lastIndexOf('/')) : '',
  fields: {},
  facts: {},
  pagerank: 0,
  inbound: 0,
  outbound: 0,
  words: 300,
  created: d('2023-01-01'),
  updated: d('2023-06-01'),
  ...t,
});

export const TOPICS: QueryTopic[] = [
  topic({ id: 'efficiency-accuracy-trade-off', title: 'Efficiency-accuracy trade-off', tags: ['efficiency', 'accuracy'], fields: { home: true }, pagerank: 0.12, words: 2400, created: d('2022-11-01'), updated: d('2024-06-01') }),
  topic({ id: 'concepts/computational-efficiency', title: 'Computational efficiency', tags: ['efficiency'], pagerank: 0.09 }),
  topic({ id: 'concepts/model-accuracy', title: 'Model accuracy', tags: ['accuracy'], pagerank: 0.08 }),
  topic({ id: 'concepts/inference-latency', title: 'Inference latency', tags: ['efficiency/latency'], aliases: ['latency'], pagerank: 0.07 }),
  topic({
    id: 'techniques/model-pruning',
    title: 'Model pruning',
    category: 'Technique',
    tags: ['compression', 'compression/sparsity', 'efficiency'],
    aliases: ['pruning'],
    facts: { Introduced: '1989', 'Key paper': 'Optimal Brain Damage (LeCun, Denker & Solla)' },
    fields: { difficulty: 3, status: 'stable', reviewed: '2024-02-01', 'see-also': ['[[Quantization]]', 'Knowledge distillation'] },
    pagerank: 0.1,
    words: 1200,
    created: d('2023-01-10'),
    updated: d('2024-05-01'),
  }),
  topic({
    id: 'techniques/quantization',
    title: 'Quantization',
    category: 'Technique',
    tags: ['compression', 'compression/precision', 'efficiency'],
    facts: { Introduced: '1990', 'Key paper': 'Jacob et al. (2018), integer-arithmetic-only inference' },
    fields: { difficulty: 2, status: 'stable', reviewed: '2023-11-15' },
    pagerank: 0.095,
    words: 900,
    created: d('2023-02-01'),
    updated: d('2024-03-10'),
  }),
  topic({
    id: 'techniques/knowledge-distillation',
    title: 'Knowledge distillation',
    category: 'Technique',
    tags: ['compression'],
    aliases: ['distillation'],
    facts: { Introduced: '2015', 'Key paper': 'Hinton, Vinyals & Dean (2015)' },
    fields: { difficulty: 4, status: 'draft' },
    pagerank: 0.06,
    words: 700,
    created: d('2023-03-01'),
    updated: d('2023-09-01'),
  }),
  topic({
    id: 'techniques/vision/structured-pruning',
    title: 'Structured pruning',
    category: 'Technique',
    tags: ['compression/sparsity', 'vision'],
    facts: { Introduced: '2016' },
    fields: { difficulty: 5 },
    pagerank: 0.03,
    words: 450,
    created: d('2024-01-05'),
    updated: d('2024-01-20'),
  }),
  topic({ id: 'techniques/early-stopping', title: 'Early stopping', category: 'Technique', tags: ['training'], summary: undefined, fields: { status: 'stable' }, pagerank: 0.02, words: 120 }),
  topic({ id: 'metrics/metric', title: 'Metric', tags: ['evaluation'], pagerank: 0.05 }),
  topic({ id: 'metrics/measure', title: 'Measure', tags: ['evaluation'], pagerank: 0.01 }),
  topic({ id: 'metrics/accuracy', title: 'Accuracy', category: 'Metric', tags: ['evaluation', 'accuracy'], facts: { Range: '0 to 1' }, pagerank: 0.04 }),
  topic({ id: 'metrics/classification-metric', title: 'Classification metric', category: 'Metric', tags: ['evaluation'], pagerank: 0.035 }),
  topic({ id: 'metrics/f1-score', title: 'F1 score', category: 'Metric', tags: ['evaluation/classification'], aliases: ['F1'], facts: { Range: '0 to 1', Introduced: '1979' }, pagerank: 0.03 }),
  topic({ id: 'metrics/precision', title: 'Precision', category: 'Metric', tags: ['evaluation/classification'], pagerank: 0.025 }),
  topic({ id: 'hardware/gpu', title: 'GPU', category: 'Hardware', tags: ['hardware'], aliases: ['graphics processing unit'], fields: { vendor: 'NVIDIA', released: '1999-08-31' }, pagerank: 0.045 }),
  topic({ id: 'hardware/tpu', title: 'TPU', category: 'Hardware', tags: ['hardware'], fields: { vendor: 'Google', released: d('2016-05-18') }, pagerank: 0.02 }),
  topic({ id: 'archive/old-notes', title: 'Old notes', category: undefined, summary: undefined, pagerank: 0.001, words: 40, created: undefined, updated: undefined }),
];

const L = (from: string, ...to: string[]) => to.map((t) => ({ from, to: t }));
export const LINKS = [
  ...L('efficiency-accuracy-trade-off', 'concepts/computational-efficiency', 'concepts/model-accuracy', 'techniques/model-pruning', 'techniques/quantization', 'techniques/knowledge-distillation', 'concepts/inference-latency'),
  ...L('techniques/model-pruning', 'techniques/quantization', 'techniques/vision/structured-pruning', 'concepts/model-accuracy', 'hardware/gpu', 'concepts/inference-latency', 'techniques/quantization'),
  ...L('techniques/quantization', 'techniques/model-pruning', 'hardware/gpu', 'hardware/tpu', 'concepts/inference-latency'),
  ...L('techniques/knowledge-distillation', 'techniques/model-pruning', 'concepts/model-accuracy'),
  ...L('techniques/vision/structured-pruning', 'techniques/model-pruning', 'hardware/gpu'),
  ...L('techniques/early-stopping', 'concepts/model-accuracy'),
  ...L('metrics/accuracy', 'metrics/metric', 'concepts/model-accuracy'),
  ...L('metrics/f1-score', 'metrics/precision', 'metrics/metric', 'metrics/classification-metric'),
  ...L('metrics/precision', 'metrics/f1-score', 'metrics/classification-metric'),
  ...L('metrics/classification-metric', 'metrics/metric', 'metrics/accuracy'),
  ...L('metrics/metric', 'metrics/measure'),
  ...L('hardware/gpu', 'hardware/tpu'),
  ...L('hardware/tpu', 'hardware/gpu'),
  ...L('concepts/inference-latency', 'concepts/computational-efficiency'),
  ...L('concepts/computational-efficiency', 'efficiency-accuracy-trade-off'),
  ...L('concepts/model-accuracy', 'metrics/accuracy', 'efficiency-accuracy-trade-off'),
  ...L('archive/old-notes', 'techniques/model-pruning'),
];

const R = (from: string, type: string, ...to: string[]) => to.map((t) => ({ from, type, to: t }));
export const RELATIONS = [
  ...R('techniques/model-pruning', 'technique-for', 'concepts/computational-efficiency'),
  ...R('techniques/model-pruning', 'improves', 'concepts/inference-latency'),
  ...R('techniques/model-pruning', 'trades-off-with', 'concepts/model-accuracy'),
  ...R('techniques/model-pruning', 'related', 'techniques/quantization'),
  ...R('techniques/model-pruning', 'runs-on', 'hardware/gpu'),
  ...R('techniques/quantization', 'technique-for', 'concepts/computational-efficiency'),
  ...R('techniques/quantization', 'improves', 'concepts/inference-latency'),
  ...R('techniques/quantization', 'related', 'techniques/model-pruning'),
  ...R('techniques/quantization', 'runs-on', 'hardware/gpu', 'hardware/tpu'),
  ...R('techniques/knowledge-distillation', 'technique-for', 'concepts/computational-efficiency'),
  ...R('techniques/knowledge-distillation', 'related', 'techniques/model-pruning'),
  ...R('techniques/vision/structured-pruning', 'is-a', 'techniques/model-pruning'),
  ...R('techniques/vision/structured-pruning', 'improves', 'concepts/inference-latency'),
  ...R('techniques/early-stopping', 'improves', 'concepts/model-accuracy'),
  ...R('metrics/metric', 'is-a', 'metrics/measure'),
  ...R('metrics/measure', 'is-a', 'metrics/metric'),
  ...R('metrics/accuracy', 'is-a', 'metrics/metric'),
  ...R('metrics/classification-metric', 'is-a', 'metrics/metric'),
  ...R('metrics/f1-score', 'is-a', 'metrics/classification-metric'),
  ...R('metrics/precision', 'is-a', 'metrics/classification-metric'),
  ...R('concepts/model-accuracy', 'measured-by', 'metrics/accuracy', 'metrics/f1-score'),
];

/** Inbound/outbound counts as the build computes them: distinct linking topics. */
function withDegrees(topics: QueryTopic[]): QueryTopic[] {
  const distinct = (pairs: string[]) => new Set(pairs).size;
  return topics.map((t) => ({
    ...t,
    inbound: distinct(LINKS.filter((l) => l.to === t.id).map((l) => l.from)),
    outbound: distinct(LINKS.filter((l) => l.from === t.id).map((l) => l.to)),
  }));
}

export function fixtureContext(order: 'as-written' | 'reversed' = 'as-written'): QueryContext {
  const topics = withDegrees(TOPICS);
  const flip = <T>(list: T[]) => (order === 'reversed' ? [...list].reverse() : list);
  return createQueryContext({ topics: flip(topics), links: flip(LINKS), relations: flip(RELATIONS) });
}
