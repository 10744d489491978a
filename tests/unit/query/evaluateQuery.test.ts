import { describe, expect, test } from 'vitest';
import { createQueryContext, runQuery, type QueryContext, type QueryError, type QueryResult } from '../../../graph/query/index.ts';
import { fixtureContext, LINKS, RELATIONS, TOPICS } from './fixture.ts';

const context = fixtureContext();
const title = (id: string) => context.topic(id)!.title;

function run(text: string, ctx: QueryContext = context): { result: QueryResult; warnings: QueryError[] } {
  const evaluated = runQuery(text, ctx);
  if ('errors' in evaluated) throw new Error(`${text}: ${JSON.stringify(evaluated.errors)}`);
  return evaluated;
}
/** Titles of the matching topics, in result order. */
const titles = (text: string, ctx?: QueryContext) => run(text, ctx).result.rows.map((r) => title(r.id));
const errors = (text: string) => {
  const evaluated = runQuery(text, context);
  return 'errors' in evaluated ? evaluated.errors : [];
};

const ALL_BY_TITLE = [
  'Accuracy', 'Classification metric', 'Computational efficiency', 'Early stopping', 'Efficiency-accuracy trade-off', 'F1 score', 'GPU', 'Inference latency',
  'Knowledge distillation', 'Measure', 'Metric', 'Model accuracy', 'Model pruning', 'Old notes', 'Precision', 'Quantization', 'Structured pruning', 'TPU',
];

describe('sources', () => {
  test.each([
    ['LIST', ALL_BY_TITLE],
    ['LIST FROM #compression', ['Knowledge distillation', 'Model pruning', 'Quantization', 'Structured pruning']],
    ['LIST FROM #Compression', ['Knowledge distillation', 'Model pruning', 'Quantization', 'Structured pruning']],
    ['LIST FROM #compression/sparsity', ['Model pruning', 'Structured pruning']],
    ['LIST FROM #efficiency', ['Computational efficiency', 'Efficiency-accuracy trade-off', 'Inference latency', 'Model pruning', 'Quantization']],
    ['LIST FROM #evaluation/classification', ['F1 score', 'Precision']],
    ['LIST FROM "techniques"', ['Early stopping', 'Knowledge distillation', 'Model pruning', 'Quantization', 'Structured pruning']],
    ['LIST FROM "techniques/vision"', ['Structured pruning']],
    ['LIST FROM "/hardware/"', ['GPU', 'TPU']],
    ['LIST FROM "./hardware"', ['GPU', 'TPU']],
    ['LIST FROM ""', ALL_BY_TITLE],
    ['LIST FROM category("technique")', ['Early stopping', 'Knowledge distillation', 'Model pruning', 'Quantization', 'Structured pruning']],
    ['LIST FROM category(Hardware)', ['GPU', 'TPU']],
    ['LIST FROM [[Model pruning]]', ['Efficiency-accuracy trade-off', 'Knowledge distillation', 'Old notes', 'Quantization', 'Structured pruning']],
    ['LIST FROM incoming([[pruning]])', ['Efficiency-accuracy trade-off', 'Knowledge distillation', 'Old notes', 'Quantization', 'Structured pruning']],
    ['LIST FROM outgoing([[Model pruning]])', ['GPU', 'Inference latency', 'Model accuracy', 'Quantization', 'Structured pruning']],
    ['LIST FROM [[Old notes]]', []],
    ['LIST FROM is-a([[Metric]])', ['Accuracy', 'Classification metric', 'Measure']],
    // Transitive, through the Metric ⇄ Measure cycle, never including the start.
    ['LIST FROM is-a*([[Metric]])', ['Accuracy', 'Classification metric', 'F1 score', 'Measure', 'Precision']],
    ['LIST FROM is-a*([[Measure]])', ['Accuracy', 'Classification metric', 'F1 score', 'Metric', 'Precision']],
    ['LIST FROM inverse is-a([[F1 score]])', ['Classification metric']],
    ['LIST FROM inverse is-a*([[F1 score]])', ['Classification metric', 'Measure', 'Metric']],
    ['LIST FROM either is-a([[Classification metric]])', ['F1 score', 'Metric', 'Precision']],
    ['LIST FROM either is-a*([[Classification metric]])', ['Accuracy', 'F1 score', 'Measure', 'Metric', 'Precision']],
    ['LIST FROM related([[Model pruning]])', ['Knowledge distillation', 'Quantization']],
    ['LIST FROM inverse related([[Model pruning]])', ['Quantization']],
    ['LIST FROM either related([[Quantization]])', ['Model pruning']],
    ['LIST FROM improves([[latency]])', ['Model pruning', 'Quantization', 'Structured pruning']],
    ['LIST FROM is-a([[Model pruning]]) OR is-a*([[Precision]])', ['Structured pruning']],
    ['LIST FROM #compression AND NOT #compression/sparsity', ['Knowledge distillation', 'Quantization']],
    ['LIST FROM #compression AND -#compression/sparsity AND -category("Metric")', ['Knowledge distillation', 'Quantization']],
    ['LIST FROM NOT "metrics" AND NOT "techniques" AND NOT "concepts"', ['Efficiency-accuracy trade-off', 'GPU', 'Old notes', 'TPU']],
    ['LIST FROM NOT (#evaluation OR #hardware OR #compression OR #efficiency OR #accuracy OR #training)', ['Old notes']],
    ['LIST FROM (outgoing([[Model pruning]]) OR [[Model pruning]]) AND category("Technique")', ['Knowledge distillation', 'Quantization', 'Structured pruning']],
    ['LIST FROM #hardware AND #evaluation', []],
    ['LIST FROM #accuracy OR "hardware"', ['Accuracy', 'Efficiency-accuracy trade-off', 'GPU', 'Model accuracy', 'TPU']],
  ])('%s', (query, expected) => {
    expect(titles(query)).toEqual(expected);
  });

  test('a tag, folder or category nobody uses is a warning with a suggestion, and matches nothing', () => {
    const { result, warnings } = run('LIST FROM #compresion OR "techniqes" OR category("Metrc") OR #zzz OR category("Zzz")');
    expect(result.rows).toEqual([]);
    expect(warnings).toEqual([
      { message: 'no topic has the tag #compresion — did you mean #compression?', line: 1, column: 11 },
      { message: 'no topic is in the folder "techniqes" — did you mean "techniques"?', line: 1, column: 26 },
      { message: 'no topic has the category "Metrc" — did you mean "Metric"?', line: 1, column: 50 },
      { message: 'no topic has the tag #zzz', line: 1, column: 62 },
      { message: 'no topic has the category "Zzz"', line: 1, column: 79, hint: 'categories in use: Concept, Hardware, Metric, Technique' },
    ]);
  });

  test('a vault may bring its own relation types', () => {
    const ctx = createQueryContext({
      topics: TOPICS,
      links: LINKS,
      relations: [...RELATIONS, { from: 'techniques/vision/structured-pruning', type: 'inspired-by', to: 'techniques/model-pruning' }],
    });
    expect(titles('LIST FROM inspired-by([[Model pruning]])', ctx)).toEqual(['Structured pruning']);
    expect(errors('LIST FROM inspired-by([[Model pruning]])')).toEqual([
      {
        message: 'unknown relation type "inspired-by"',
        line: 1,
        column: 11,
        hint: 'use one of: is-a, part-of, technique-for, measured-by, evaluated-on, runs-on, trades-off-with, improves, related',
      },
    ]);
  });
});

describe('filters', () => {
  test.each([
    ['LIST WHERE category = "Hardware"', ['GPU', 'TPU']],
    // Text equality is exact; contains is not.
    ['LIST WHERE category = "hardware"', []],
    ['LIST WHERE category contains "HARD"', ['GPU', 'TPU']],
    // != is NOT =, so topics without a category match.
    ['LIST FROM NOT #evaluation WHERE category != "Concept" AND category != "Technique"', ['GPU', 'Old notes', 'TPU']],
    ['LIST WHERE difficulty >= 3', ['Knowledge distillation', 'Model pruning', 'Structured pruning']],
    ['LIST WHERE difficulty < 3', ['Quantization']],
    ['LIST WHERE difficulty = "4"', ['Knowledge distillation']],
    // Facts are text; plain-number text compares as a number.
    ['LIST WHERE fact("Introduced") < 2000', ['F1 score', 'Model pruning', 'Quantization']],
    ['LIST WHERE facts.Introduced >= "1990" AND facts.Introduced <= "2015"', ['Knowledge distillation', 'Quantization']],
    ['LIST WHERE fact("Range") = "0 to 1"', ['Accuracy', 'F1 score']],
    ['LIST WHERE facts["Key paper"] contains "hinton"', ['Knowledge distillation']],
    ['LIST WHERE exists(fact("Key paper"))', ['Knowledge distillation', 'Model pruning', 'Quantization']],
    // Dates: ISO text in frontmatter and YAML dates alike.
    ['LIST WHERE released < 2000-01-01', ['GPU']],
    ['LIST WHERE released > date("2010-01-01T00:00:00Z")', ['TPU']],
    ['LIST WHERE reviewed >= 2024-01-01', ['Model pruning']],
    ['LIST WHERE created >= 2024-01-01', ['Structured pruning']],
    ['LIST WHERE updated > 2024-03-10', ['Efficiency-accuracy trade-off', 'Model pruning']],
    ['LIST WHERE updated >= date("2024-03-10T00:00:00+01:00")', ['Efficiency-accuracy trade-off', 'Model pruning', 'Quantization']],
    // Text order is code units: every capital before any lower-case letter.
    ['LIST WHERE title >= "M" AND title < "Q"', ['Measure', 'Metric', 'Model accuracy', 'Model pruning', 'Old notes', 'Precision']],
    ['LIST WHERE title < "a" AND title > "T"', ['TPU']],
    ['LIST WHERE title contains "PRUNING"', ['Model pruning', 'Structured pruning']],
    ['LIST WHERE contains(title, "pruning")', ['Model pruning', 'Structured pruning']],
    // Lists: membership, case-insensitive for text.
    ['LIST WHERE tags contains "Compression"', ['Knowledge distillation', 'Model pruning', 'Quantization']],
    ['LIST WHERE tags = "vision"', ['Structured pruning']],
    ['LIST WHERE aliases contains "F1"', ['F1 score']],
    ['LIST WHERE NOT exists(summary)', ['Early stopping', 'Old notes']],
    ['LIST WHERE NOT exists(category) OR NOT exists(created)', ['Old notes']],
    ['LIST WHERE exists(tags) AND exists(folder)', ALL_BY_TITLE.filter((t) => !['Efficiency-accuracy trade-off', 'Old notes'].includes(t))],
    ['LIST WHERE home = true', ['Efficiency-accuracy trade-off']],
    ['LIST WHERE field("home") != false AND exists(home)', ['Efficiency-accuracy trade-off']],
    // Relations and links are topics.
    ['LIST WHERE improves = [[Inference latency]]', ['Model pruning', 'Quantization', 'Structured pruning']],
    ['LIST WHERE improves = "latency"', ['Model pruning', 'Quantization', 'Structured pruning']],
    ['LIST FROM "techniques" WHERE improves != [[Inference latency]]', ['Early stopping', 'Knowledge distillation']],
    ['LIST WHERE runs-on = [[TPU]]', ['Quantization']],
    ['LIST WHERE inverse is-a contains [[Accuracy]]', ['Metric']],
    ['LIST WHERE either related = [[Knowledge distillation]]', ['Model pruning']],
    ['LIST WHERE links contains [[GPU]] AND backlinks contains [[GPU]]', ['TPU']],
    ['LIST WHERE see-also = [[Quantization]]', ['Model pruning']],
    ['LIST WHERE see-also contains "knowledge distillation"', ['Model pruning']],
    ['LIST WHERE pagerank > 0.09 AND inbound >= 4', ['Model pruning']],
    ['LIST WHERE outbound = 0', ['Measure']],
    ['LIST WHERE words < 100 OR (words > 1000 AND NOT category = "Technique")', ['Efficiency-accuracy trade-off', 'Old notes']],
    // Incomparable values make the comparison false.
    ['LIST WHERE created > 5 OR title > 2024-01-01 OR home = "yes"', []],
  ])('%s', (query, expected) => {
    expect(titles(query)).toEqual(expected);
  });
});

describe('columns, cells and labels', () => {
  test('a table has typed cells and derived or given headers', () => {
    const { result } = run(
      'TABLE summary, category, tags, fact("Key paper") AS "Paper", pagerank, inbound, created, updated, is-a, inverse is-a, home, see-also FROM [[Model pruning]] WHERE title = "Structured pruning" OR title = "Efficiency-accuracy trade-off"',
    );
    expect(result.kind).toBe('table');
    expect(result.columns).toEqual(['Summary', 'Category', 'Tags', 'Paper', 'PageRank', 'Inbound links', 'Created', 'Updated', 'is-a', 'inverse is-a', 'home', 'see-also']);
    expect(result.rows).toEqual([
      {
        id: 'efficiency-accuracy-trade-off',
        cells: [
          { kind: 'text', value: 'About Efficiency-accuracy trade-off.' },
          { kind: 'text', value: 'Concept' },
          { kind: 'list', items: [{ kind: 'text', value: 'efficiency' }, { kind: 'text', value: 'accuracy' }] },
          { kind: 'empty' },
          { kind: 'number', value: 0.12 },
          { kind: 'number', value: 2 },
          { kind: 'date', value: '2022-11-01' },
          { kind: 'date', value: '2024-06-01' },
          { kind: 'empty' },
          { kind: 'empty' },
          { kind: 'boolean', value: true },
          { kind: 'empty' },
        ],
      },
      {
        id: 'techniques/vision/structured-pruning',
        cells: [
          { kind: 'text', value: 'About Structured pruning.' },
          { kind: 'text', value: 'Technique' },
          { kind: 'list', items: [{ kind: 'text', value: 'compression/sparsity' }, { kind: 'text', value: 'vision' }] },
          { kind: 'empty' },
          { kind: 'number', value: 0.03 },
          { kind: 'number', value: 1 },
          { kind: 'date', value: '2024-01-05' },
          { kind: 'date', value: '2024-01-20' },
          { kind: 'list', items: [{ kind: 'link', id: 'techniques/model-pruning' }] },
          { kind: 'empty' },
          { kind: 'empty' },
          { kind: 'empty' },
        ],
      },
    ]);
  });

  test('link lists are in title order; frontmatter wikilinks become links', () => {
    const { result } = run('TABLE inverse is-a, backlinks, field("see-also"), facts.Introduced, folder, id WHERE title = "Metric" OR title = "Model pruning"');
    expect(result.columns).toEqual(['inverse is-a', 'Backlinks', 'see-also', 'Introduced', 'Folder', 'Id']);
    expect(result.rows.map((r) => r.cells)).toEqual([
      [
        { kind: 'list', items: ['metrics/accuracy', 'metrics/classification-metric', 'metrics/measure'].map((id) => ({ kind: 'link', id })) },
        { kind: 'list', items: ['metrics/accuracy', 'metrics/classification-metric', 'metrics/f1-score'].map((id) => ({ kind: 'link', id })) },
        { kind: 'empty' },
        { kind: 'empty' },
        { kind: 'text', value: 'metrics' },
        { kind: 'text', value: 'metrics/metric' },
      ],
      [
        { kind: 'list', items: [{ kind: 'link', id: 'techniques/vision/structured-pruning' }] },
        { kind: 'list', items: ['efficiency-accuracy-trade-off', 'techniques/knowledge-distillation', 'archive/old-notes', 'techniques/quantization', 'techniques/vision/structured-pruning'].map((id) => ({ kind: 'link', id })) },
        { kind: 'list', items: [{ kind: 'link', id: 'techniques/quantization' }, { kind: 'text', value: 'Knowledge distillation' }] },
        { kind: 'text', value: '1989' },
        { kind: 'text', value: 'techniques' },
        { kind: 'text', value: 'techniques/model-pruning' },
      ],
    ]);
  });

  test('LIST with a value has one column; COUNT has none and counts', () => {
    const list = run('LIST summary FROM #hardware').result;
    expect(list).toEqual({
      kind: 'list',
      columns: ['Summary'],
      count: 2,
      rows: [
        { id: 'hardware/gpu', cells: [{ kind: 'text', value: 'About GPU.' }] },
        { id: 'hardware/tpu', cells: [{ kind: 'text', value: 'About TPU.' }] },
      ],
    });
    expect(run('COUNT FROM category("Metric")').result).toEqual({
      kind: 'count',
      columns: [],
      count: 4,
      rows: ['metrics/accuracy', 'metrics/classification-metric', 'metrics/f1-score', 'metrics/precision'].map((id) => ({ id, cells: [] })),
    });
    expect(run('COUNT FROM #nothing').result.count).toBe(0);
  });
});

describe('sort, limit, group', () => {
  test.each([
    ['LIST SORT pagerank DESC LIMIT 4', ['Efficiency-accuracy trade-off', 'Model pruning', 'Quantization', 'Computational efficiency']],
    // Ties (F1 score and Structured pruning both have 0.03) go by title, in either direction.
    ['LIST WHERE pagerank <= 0.03 AND pagerank >= 0.025 SORT pagerank DESC', ['F1 score', 'Structured pruning', 'Precision']],
    ['LIST WHERE pagerank <= 0.03 AND pagerank >= 0.025 SORT pagerank', ['Precision', 'F1 score', 'Structured pruning']],
    // Plain-number text sorts as numbers; topics without a value come last either way.
    ['LIST FROM "techniques" OR "metrics" SORT fact("Introduced")', ['F1 score', 'Model pruning', 'Quantization', 'Knowledge distillation', 'Structured pruning', 'Accuracy', 'Classification metric', 'Early stopping', 'Measure', 'Metric', 'Precision']],
    ['LIST FROM "techniques" OR "metrics" SORT fact("Introduced") DESC LIMIT 6', ['Structured pruning', 'Knowledge distillation', 'Quantization', 'Model pruning', 'F1 score', 'Accuracy']],
    ['LIST FROM #hardware OR #accuracy SORT category DESC, title DESC', ['Accuracy', 'TPU', 'GPU', 'Model accuracy', 'Efficiency-accuracy trade-off']],
    ['LIST FROM "techniques" SORT difficulty DESC', ['Structured pruning', 'Knowledge distillation', 'Model pruning', 'Quantization', 'Early stopping']],
    ['LIST FROM "techniques" SORT status, updated DESC', ['Knowledge distillation', 'Model pruning', 'Quantization', 'Early stopping', 'Structured pruning']],
    ['LIST FROM #evaluation SORT is-a, title DESC', ['Precision', 'F1 score', 'Metric', 'Measure', 'Classification metric', 'Accuracy']],
    ['LIST SORT created LIMIT 2', ['Efficiency-accuracy trade-off', 'Accuracy']],
    ['LIST LIMIT 0', []],
    ['LIST SORT pagerank LIMIT 0', []],
  ])('%s', (query, expected) => {
    expect(titles(query)).toEqual(expected);
  });

  test('SORT … LIMIT k keeps the first k of the full sort (small k takes a partial-sort path)', () => {
    for (const sort of ['pagerank DESC', 'category, words DESC', 'fact("Introduced") DESC', 'updated', 'is-a DESC, title']) {
      const all = titles(`LIST SORT ${sort}`);
      expect(all).toHaveLength(18);
      for (let k = 0; k <= 19; k++) expect(titles(`LIST SORT ${sort} LIMIT ${k}`)).toEqual(all.slice(0, k));
    }
  });

  const groups = (text: string) => run(text).result.groups!.map((g) => [g.key, g.rows.map((r) => title(r.id))]);

  test('GROUP BY a text value: groups in key order, the topics without one last', () => {
    expect(groups('LIST FROM NOT "metrics" AND NOT "concepts" GROUP BY category')).toEqual([
      [{ kind: 'text', value: 'Concept' }, ['Efficiency-accuracy trade-off']],
      [{ kind: 'text', value: 'Hardware' }, ['GPU', 'TPU']],
      [{ kind: 'text', value: 'Technique' }, ['Early stopping', 'Knowledge distillation', 'Model pruning', 'Quantization', 'Structured pruning']],
      [{ kind: 'empty' }, ['Old notes']],
    ]);
    expect(groups('LIST FROM "hardware" OR "archive" GROUP BY category DESC')).toEqual([
      [{ kind: 'text', value: 'Hardware' }, ['GPU', 'TPU']],
      [{ kind: 'empty' }, ['Old notes']],
    ]);
  });

  test('GROUP BY a list puts a topic under each item; rows keep the sort order; LIMIT applies first', () => {
    expect(groups('TABLE pagerank FROM #compression GROUP BY tags')).toEqual([
      [{ kind: 'text', value: 'compression' }, ['Knowledge distillation', 'Model pruning', 'Quantization']],
      [{ kind: 'text', value: 'compression/precision' }, ['Quantization']],
      [{ kind: 'text', value: 'compression/sparsity' }, ['Model pruning', 'Structured pruning']],
      [{ kind: 'text', value: 'efficiency' }, ['Model pruning', 'Quantization']],
      [{ kind: 'text', value: 'vision' }, ['Structured pruning']],
    ]);
    const limited = run('LIST FROM #compression SORT pagerank DESC LIMIT 2 GROUP BY tags').result;
    expect(limited.count).toBe(2);
    expect(limited.groups!.map((g) => [g.key, g.rows.map((r) => title(r.id))])).toEqual([
      [{ kind: 'text', value: 'compression' }, ['Model pruning', 'Quantization']],
      [{ kind: 'text', value: 'compression/precision' }, ['Quantization']],
      [{ kind: 'text', value: 'compression/sparsity' }, ['Model pruning']],
      [{ kind: 'text', value: 'efficiency' }, ['Model pruning', 'Quantization']],
    ]);
  });

  test('GROUP BY a relation groups under linked topics, by title', () => {
    expect(groups('LIST FROM #evaluation GROUP BY is-a DESC')).toEqual([
      [{ kind: 'link', id: 'metrics/metric' }, ['Accuracy', 'Classification metric', 'Measure']],
      [{ kind: 'link', id: 'metrics/measure' }, ['Metric']],
      [{ kind: 'link', id: 'metrics/classification-metric' }, ['F1 score', 'Precision']],
    ]);
  });

  test('COUNT with GROUP BY counts each group', () => {
    const result = run('COUNT FROM #evaluation OR #hardware GROUP BY category').result;
    expect(result.count).toBe(8);
    expect(result.groups!.map((g) => [g.key, g.rows.length])).toEqual([
      [{ kind: 'text', value: 'Concept' }, 2],
      [{ kind: 'text', value: 'Hardware' }, 2],
      [{ kind: 'text', value: 'Metric' }, 4],
    ]);
  });
});

describe('errors name the token and suggest a fix', () => {
  test.each([
    ['LIST WHERE improvs = 1', [{ message: 'unknown field "improvs" — did you mean "improves"?', line: 1, column: 12 }]],
    ['LIST SORT Title', [{ message: 'unknown field "Title" — did you mean "title"?', line: 1, column: 11 }]],
    ['LIST WHERE Introduced = 1', [{ message: 'unknown field "Introduced" — "Introduced" is a fact: write fact("Introduced")', line: 1, column: 12 }]],
    ['LIST WHERE key paper = 1', undefined],
    [
      'TABLE zzzqqq',
      [
        {
          message: 'unknown field "zzzqqq" — no topic has it in its frontmatter',
          line: 1,
          column: 7,
          hint: 'built-in: id, title, summary, category, tags, aliases, folder, pagerank, inbound, outbound, words, created, updated, links, backlinks; relations: is-a, part-of, technique-for, measured-by, evaluated-on, runs-on, trades-off-with, improves, related; fields in use: difficulty, home, released, reviewed, see-also, status, vendor',
        },
      ],
    ],
    ['TABLE fact("Introducd")', [{ message: 'no topic has the fact "Introducd" — did you mean "Introduced"?', line: 1, column: 12 }]],
    ['TABLE facts["Weight"]', [{ message: 'no topic has the fact "Weight"', line: 1, column: 13, hint: 'facts in use: Introduced, Key paper, Range' }]],
    ['TABLE field("statuss")', [{ message: 'no topic has the frontmatter field "statuss" — did you mean "status"?', line: 1, column: 13 }]],
    [
      'LIST FROM is_a([[Metric]])',
      [{ message: 'unknown relation type "is_a" — did you mean "is-a"?', line: 1, column: 11, hint: 'use one of: is-a, part-of, technique-for, measured-by, evaluated-on, runs-on, trades-off-with, improves, related' }],
    ],
    [
      'TABLE inverse kind-of',
      [{ message: 'unknown relation type "kind-of"', line: 1, column: 15, hint: 'use one of: is-a, part-of, technique-for, measured-by, evaluated-on, runs-on, trades-off-with, improves, related' }],
    ],
    ['LIST FROM [[Model prunning]]', [{ message: 'no topic is called "Model prunning" — did you mean "Model pruning"?', line: 1, column: 11 }]],
    ['LIST FROM outgoing([[Nothing like it]])', [{ message: 'no topic is called "Nothing like it" — check its title or aliases', line: 1, column: 20 }]],
    [
      'TABLE summary,\n  fact("Introducd")\nFROM is-a*([[Metrik]])\nWHERE improvs = [[Inferense latency]]',
      [
        { message: 'no topic has the fact "Introducd" — did you mean "Introduced"?', line: 2, column: 8 },
        { message: 'no topic is called "Metrik" — did you mean "Metric"?', line: 3, column: 12 },
        { message: 'unknown field "improvs" — did you mean "improves"?', line: 4, column: 7 },
        { message: 'no topic is called "Inferense latency" — did you mean "Inference latency"?', line: 4, column: 17 },
      ],
    ],
  ])('%j', (query, expected) => {
    if (expected === undefined) {
      expect(runQuery(query, context)).toHaveProperty('errors');
      return;
    }
    expect(runQuery(query, context)).toEqual({ errors: expected });
  });

  test('parse errors come through runQuery unchanged', () => {
    expect(runQuery('TABLE title,', context)).toEqual({ errors: [{ message: "expected a column name after ',' — e.g. TABLE title, summary", line: 1, column: 13 }] });
  });
});

describe('determinism', () => {
  test('results do not depend on the order of the context arrays', () => {
    const reversed = fixtureContext('reversed');
    for (const query of ['LIST', 'TABLE backlinks, inverse is-a, either related', 'LIST FROM either is-a*([[Metric]]) GROUP BY is-a', 'COUNT GROUP BY tags', 'LIST SORT words, pagerank DESC']) {
      expect(runQuery(query, reversed)).toEqual(runQuery(query, context));
    }
  });

  test('topics with the same title are ordered by id', () => {
    const twin = (id: string) => ({ ...TOPICS[1]!, id, title: 'Twin', folder: '' });
    const ctx = createQueryContext({ topics: [twin('b'), twin('c'), twin('a')], links: [], relations: [] });
    expect(run('LIST', ctx).result.rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(run('LIST SORT title DESC', ctx).result.rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('createQueryContext', () => {
  test.each([
    ['Model pruning', 'techniques/model-pruning'],
    ['  model PRUNING ', 'techniques/model-pruning'],
    ['pruning', 'techniques/model-pruning'],
    ['techniques/model-pruning', 'techniques/model-pruning'],
    ['model-pruning', 'techniques/model-pruning'],
    ['model-pruning.md', 'techniques/model-pruning'],
    ['graphics processing unit', 'hardware/gpu'],
    ['Pruning methods', undefined],
  ])('resolve(%j) → %j', (name, id) => {
    expect(context.resolve(name)).toBe(id);
  });

  test('indexes', () => {
    expect(context.suggest('Quantisation')).toBe('Quantization');
    expect([...context.folderNames].sort()).toEqual(['archive', 'concepts', 'hardware', 'metrics', 'techniques', 'techniques/vision']);
    expect([...context.byFolder('techniques')].sort()).toHaveLength(5);
    expect(context.linksFrom('techniques/model-pruning')).toHaveLength(5);
    expect(context.related('metrics/metric', 'is-a', 'in')).toEqual(expect.arrayContaining(['metrics/accuracy', 'metrics/classification-metric', 'metrics/measure']));
    expect(() => createQueryContext({ topics: [TOPICS[0]!, TOPICS[0]!], links: [], relations: [] })).toThrow('createQueryContext: duplicate topic id "efficiency-accuracy-trade-off"');
  });
});
