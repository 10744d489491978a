import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { formatNumber, queryResultToMdast, runQuery, type QueryMdastNode, type QueryRenderOptions, type QueryResult } from '../../../graph/query/index.ts';
import { fixtureContext } from './fixture.ts';

const context = fixtureContext();
const options: QueryRenderOptions = {
  linkTo: (id) => ({ url: `/wiki/${id}/`, title: context.topic(id)?.title ?? id }),
};
const result = (text: string): QueryResult => {
  const evaluated = runQuery(text, context);
  if ('errors' in evaluated) throw new Error(JSON.stringify(evaluated.errors));
  return evaluated.result;
};
const link = (id: string, title: string) => ({
  type: 'link',
  url: `/wiki/${id}/`,
  children: [{ type: 'text', value: title }],
  data: { atlasQueryTarget: id, hProperties: { className: ['wikilink', 'query-link'] } },
});
const text = (value: string) => ({ type: 'text', value });
/** The HTML the build's mdast → hast step would make, to check the nodes mean what we think. */
const html = (nodes: QueryMdastNode[]) => unified().use(rehypeStringify).stringify(toHast({ type: 'root', children: nodes } as Root) as never);

describe('queryResultToMdast', () => {
  test('LIST: a list item with a link per topic, then the value after a colon', () => {
    expect(queryResultToMdast(result('LIST summary FROM #hardware OR "archive"'), options)).toEqual([
      {
        type: 'list',
        ordered: false,
        spread: false,
        children: [
          { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [link('hardware/gpu', 'GPU'), text(': '), text('About GPU.')] }] },
          { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [link('archive/old-notes', 'Old notes')] }] },
          { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [link('hardware/tpu', 'TPU'), text(': '), text('About TPU.')] }] },
        ],
      },
    ]);
  });

  test('TABLE: a GFM table, topic column first, numbers right-aligned, lists joined, links marked', () => {
    const nodes = queryResultToMdast(result('TABLE difficulty AS "Level", inverse is-a, updated, home FROM [[Model pruning]] WHERE category = "Technique"'), { ...options, topicHeader: 'Technique' });
    expect(nodes).toHaveLength(1);
    const table = nodes[0]!;
    expect(table).toMatchObject({ type: 'table', align: [null, 'right', null, null, null] });
    expect(html(nodes)).toBe(
      [
        '<table>',
        '<thead>',
        '<tr>',
        '<th>Technique</th>',
        '<th align="right">Level</th>',
        '<th>inverse is-a</th>',
        '<th>Updated</th>',
        '<th>home</th>',
        '</tr>',
        '</thead>',
        '<tbody>',
        '<tr>',
        '<td><a href="/wiki/techniques/knowledge-distillation/" class="wikilink query-link">Knowledge distillation</a></td>',
        '<td align="right">4</td>',
        '<td></td>',
        '<td>2023-09-01</td>',
        '<td></td>',
        '</tr>',
        '<tr>',
        '<td><a href="/wiki/techniques/quantization/" class="wikilink query-link">Quantization</a></td>',
        '<td align="right">2</td>',
        '<td></td>',
        '<td>2024-03-10</td>',
        '<td></td>',
        '</tr>',
        '<tr>',
        '<td><a href="/wiki/techniques/vision/structured-pruning/" class="wikilink query-link">Structured pruning</a></td>',
        '<td align="right">5</td>',
        '<td></td>',
        '<td>2024-01-20</td>',
        '<td></td>',
        '</tr>',
        '</tbody>',
        '</table>',
      ].join('\n'),
    );
    const metric = queryResultToMdast(result('TABLE inverse is-a, home, pagerank WHERE title = "Metric" OR home = true'), options);
    expect(html(metric)).toContain(
      '<td><a href="/wiki/metrics/accuracy/" class="wikilink query-link">Accuracy</a>, <a href="/wiki/metrics/classification-metric/" class="wikilink query-link">Classification metric</a>, <a href="/wiki/metrics/measure/" class="wikilink query-link">Measure</a></td>',
    );
    expect(html(metric)).toContain('<td>yes</td>');
  });

  test('COUNT: a paragraph "N topics"', () => {
    expect(queryResultToMdast(result('COUNT FROM #hardware'), options)).toEqual([{ type: 'paragraph', children: [text('2 topics')] }]);
    expect(queryResultToMdast(result('COUNT FROM "archive"'), options)).toEqual([{ type: 'paragraph', children: [text('1 topic')] }]);
    expect(queryResultToMdast(result('COUNT FROM #hardware AND #evaluation'), options)).toEqual([{ type: 'paragraph', children: [text('0 topics')] }]);
  });

  test('an empty LIST or TABLE says so', () => {
    for (const query of ['LIST FROM #hardware AND #evaluation', 'TABLE title LIMIT 0']) {
      expect(queryResultToMdast(result(query), options)).toEqual([{ type: 'paragraph', children: [text('No topics match this query.')] }]);
    }
  });

  test('groups: a strong label, then the group as a list; a link key is a link; the empty key is "(none)"', () => {
    expect(queryResultToMdast(result('LIST FROM "hardware" OR "archive" GROUP BY category'), options)).toEqual([
      { type: 'paragraph', children: [{ type: 'strong', children: [text('Hardware')] }] },
      {
        type: 'list',
        ordered: false,
        spread: false,
        children: ['hardware/gpu', 'hardware/tpu'].map((id) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [link(id, id.slice(9).toUpperCase())] }] })),
      },
      { type: 'paragraph', children: [{ type: 'strong', children: [text('(none)')] }] },
      { type: 'list', ordered: false, spread: false, children: [{ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [link('archive/old-notes', 'Old notes')] }] }] },
    ]);
    const byRelation = queryResultToMdast(result('TABLE pagerank FROM #evaluation/classification GROUP BY is-a'), options);
    expect(byRelation[0]).toEqual({ type: 'paragraph', children: [{ type: 'strong', children: [link('metrics/classification-metric', 'Classification metric')] }] });
    expect(byRelation[1]).toMatchObject({ type: 'table' });
  });

  test('COUNT with groups: one list item per group', () => {
    expect(queryResultToMdast(result('COUNT FROM #hardware OR #evaluation GROUP BY category'), options)).toEqual([
      {
        type: 'list',
        ordered: false,
        spread: false,
        children: [
          ['Concept', '2 topics'],
          ['Hardware', '2 topics'],
          ['Metric', '4 topics'],
        ].map(([label, count]) => ({
          type: 'listItem',
          spread: false,
          children: [{ type: 'paragraph', children: [{ type: 'strong', children: [text(label!)] }, text(`: ${count}`)] }],
        })),
      },
    ]);
  });

  test('values are text nodes, never HTML', () => {
    const evil: QueryResult = {
      kind: 'list',
      columns: ['x'],
      count: 1,
      rows: [{ id: 'x', cells: [{ kind: 'text', value: '<script>alert(1)</script>' }] }],
    };
    const rendered = html(queryResultToMdast(evil, { linkTo: () => ({ url: '/x/', title: '<b>X</b>' }) }));
    expect(rendered).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(rendered).toContain('&#x3C;b>X&#x3C;/b>');
    expect(rendered).not.toContain('<script>');
  });

  test.each([
    [3, '3'],
    [-12, '-12'],
    [0.123456, '0.1235'],
    [0.00012345678, '0.0001235'],
    [1234.5678, '1235'],
    [2.5, '2.5'],
    [1e21, '1e+21'],
  ])('formatNumber(%d) → %s', (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });
});
