import { describe, expect, test } from 'vitest';
import { parseQuery, printQuery, type Query } from '../../../graph/query/index.ts';
import { tokenize } from '../../../graph/query/tokenize.ts';
import { withoutPositions } from './helpers.ts';

const parse = (text: string): Query => {
  const parsed = parseQuery(text);
  if ('errors' in parsed) throw new Error(`expected ${JSON.stringify(text)} to parse: ${JSON.stringify(parsed.errors)}`);
  return parsed.query;
};

describe('parseQuery: valid queries, shown in canonical form', () => {
  test.each([
    ['LIST', 'LIST'],
    ['list', 'LIST'],
    ['count', 'COUNT'],
    ['LIST summary', 'LIST summary'],
    ['table title,summary', 'TABLE title, summary'],
    ['TABLE fact("Introduced") as "Year", pagerank AS PR', 'TABLE fact("Introduced") AS "Year", pagerank AS "PR"'],
    ["TABLE facts['Key paper'], facts.Introduced", 'TABLE fact("Key paper"), fact("Introduced")'],
    ['TABLE field("see also"), inverse is-a, either related', 'TABLE field("see also"), inverse is-a, either related'],
    ['LIST FROM #compression', 'LIST\nFROM #compression'],
    ['LIST FROM #area/sub-area_2', 'LIST\nFROM #area/sub-area_2'],
    ["LIST FROM 'techniques/vision'", 'LIST\nFROM "techniques/vision"'],
    ['LIST FROM category(Technique)', 'LIST\nFROM category("Technique")'],
    ['LIST FROM [[Model pruning|pruning]]', 'LIST\nFROM [[Model pruning]]'],
    ['LIST FROM [[Quantization#Per-channel]]', 'LIST\nFROM [[Quantization]]'],
    ['LIST FROM incoming([[X]])', 'LIST\nFROM [[X]]'],
    ['LIST FROM outgoing( [[X]] )', 'LIST\nFROM outgoing([[X]])'],
    ['LIST FROM is-a([[Metric]])', 'LIST\nFROM is-a([[Metric]])'],
    ['LIST FROM is-a*([[Metric]])', 'LIST\nFROM is-a*([[Metric]])'],
    ['LIST FROM inverse part-of*([[GPU]])', 'LIST\nFROM inverse part-of*([[GPU]])'],
    ['LIST FROM either trades-off-with([[Model accuracy]])', 'LIST\nFROM either trades-off-with([[Model accuracy]])'],
    ['LIST FROM #a AND NOT #b', 'LIST\nFROM #a AND NOT #b'],
    ['LIST FROM #a -#b', undefined],
    ['LIST FROM #a AND -#b', 'LIST\nFROM #a AND NOT #b'],
    ['LIST FROM #a and not-#b', 'LIST\nFROM #a AND NOT NOT #b'],
    ['LIST FROM #a OR #b AND #c', 'LIST\nFROM #a OR #b AND #c'],
    ['LIST FROM (#a OR #b) AND #c', 'LIST\nFROM (#a OR #b) AND #c'],
    ['LIST FROM #a AND (#b AND #c)', 'LIST\nFROM #a AND (#b AND #c)'],
    ['LIST FROM NOT (#a OR "x")', 'LIST\nFROM NOT (#a OR "x")'],
    ['LIST WHERE a = 1 AND b != "x" OR NOT c < 2024-01-01', 'LIST\nWHERE a = 1 AND b != "x" OR NOT c < 2024-01-01'],
    ['LIST WHERE a <= -1.5 and b >= 1e3 and c > .5', 'LIST\nWHERE a <= -1.5 AND b >= 1000 AND c > 0.5'],
    ['LIST WHERE a == true AND b = FALSE', 'LIST\nWHERE a = true AND b = false'],
    ['LIST WHERE tags CONTAINS "x" AND contains(aliases, "y")', 'LIST\nWHERE tags contains "x" AND aliases contains "y"'],
    ['LIST WHERE exists(fact("Key paper")) AND NOT exists(summary)', 'LIST\nWHERE exists(fact("Key paper")) AND NOT exists(summary)'],
    ['LIST WHERE updated > date("2024-03-01T10:00:00+02:00")', 'LIST\nWHERE updated > date("2024-03-01T10:00:00+02:00")'],
    ['LIST WHERE updated > date("2024-03-01")', 'LIST\nWHERE updated > 2024-03-01'],
    ['LIST WHERE improves = [[Inference latency]]', 'LIST\nWHERE improves = [[Inference latency]]'],
    ['LIST WHERE (a = 1 OR b = 2) AND c = 3', 'LIST\nWHERE (a = 1 OR b = 2) AND c = 3'],
    ['LIST WHERE NOT NOT a = 1', 'LIST\nWHERE NOT NOT a = 1'],
    ['LIST WHERE title = "say \\"hi\\"\\n"', 'LIST\nWHERE title = "say \\"hi\\"\\n"'],
    ['LIST SORT pagerank desc, title ASC', 'LIST\nSORT pagerank DESC, title'],
    ['LIST GROUP BY category DESC', 'LIST\nGROUP BY category DESC'],
    ['LIST LIMIT 0', 'LIST\nLIMIT 0'],
    ['LIST LIMIT 5 SORT title WHERE a = 1 FROM #x', 'LIST\nFROM #x\nWHERE a = 1\nSORT title\nLIMIT 5'],
    ['LIST // a comment\nFROM #x // another', 'LIST\nFROM #x'],
    ['TABLE list, count, by, inverse, either', 'TABLE list, count, by, inverse, either'],
    ['LIST WHERE título = "sí" AND 名前 = "x"', 'LIST\nWHERE título = "sí" AND 名前 = "x"'],
  ])('%j', (input, canonical) => {
    const parsed = parseQuery(input);
    if (canonical === undefined) {
      expect(parsed).toHaveProperty('errors');
      return;
    }
    expect(parsed).toHaveProperty('query');
    expect(printQuery(parse(input))).toBe(canonical);
  });
});

describe('parseQuery: the syntax tree', () => {
  test('the brief example, in full', () => {
    const query = parse(
      [
        'TABLE summary, fact("Introduced") AS "Introduced", pagerank',
        'FROM category("Technique") AND #compression AND NOT "drafts"',
        'WHERE improves = [[Inference latency]] AND exists(fact("Introduced"))',
        'SORT fact("Introduced") ASC, title',
        'LIMIT 20',
      ].join('\n'),
    );
    expect(withoutPositions(query)).toEqual({
      output: {
        kind: 'table',
        columns: [
          { value: { type: 'name', name: 'summary' } },
          { value: { type: 'fact', name: 'Introduced' }, label: 'Introduced' },
          { value: { type: 'name', name: 'pagerank' } },
        ],
      },
      from: {
        type: 'and',
        operands: [
          { type: 'category', category: 'Technique' },
          { type: 'tag', tag: 'compression' },
          { type: 'not', operand: { type: 'folder', folder: 'drafts' } },
        ],
      },
      where: {
        type: 'and',
        operands: [
          { type: 'compare', op: '=', left: { type: 'name', name: 'improves' }, right: { type: 'link', name: 'Inference latency' } },
          { type: 'exists', value: { type: 'fact', name: 'Introduced' } },
        ],
      },
      sort: [
        { value: { type: 'fact', name: 'Introduced' }, direction: 'asc' },
        { value: { type: 'name', name: 'title' }, direction: 'asc' },
      ],
      limit: { value: 20 },
    });
  });

  test.each([
    ['LIST FROM is-a*([[Metric]])', { type: 'relation', relation: 'is-a', direction: 'forward', transitive: true, target: { name: 'Metric' } }],
    ['LIST FROM inverse is-a([[Metric]])', { type: 'relation', relation: 'is-a', direction: 'inverse', transitive: false, target: { name: 'Metric' } }],
    ['LIST FROM either related*([[Quantization]])', { type: 'relation', relation: 'related', direction: 'either', transitive: true, target: { name: 'Quantization' } }],
    ['LIST FROM [[Model pruning]]', { type: 'linksTo', target: { name: 'Model pruning' } }],
    ['LIST FROM outgoing([[Model pruning]])', { type: 'linksFrom', target: { name: 'Model pruning' } }],
    ['LIST FROM #a OR #b OR #c', { type: 'or', operands: [{ type: 'tag', tag: 'a' }, { type: 'tag', tag: 'b' }, { type: 'tag', tag: 'c' }] }],
    ['LIST FROM -"archive"', { type: 'not', operand: { type: 'folder', folder: 'archive' } }],
  ])('source %j', (input, from) => {
    expect(withoutPositions(parse(input)).from).toEqual(from);
  });

  test.each([
    ['LIST WHERE x = 2024-02-29', { type: 'date', text: '2024-02-29' }],
    ['LIST WHERE x = -0', { type: 'number', value: 0 }],
    ['LIST WHERE x = 1.50', { type: 'number', value: 1.5 }],
    ['LIST WHERE x = "a\\tb"', { type: 'string', value: 'a\tb' }],
    ["LIST WHERE x = 'it\\'s'", { type: 'string', value: "it's" }],
    ['LIST WHERE x = [[  F1 score | F1 ]]', { type: 'link', name: 'F1 score' }],
    ['LIST WHERE x = TRUE', { type: 'boolean', value: true }],
    ['LIST WHERE x = either related', { type: 'relation', relation: 'related', direction: 'either' }],
  ])('value %j', (input, right) => {
    const where = withoutPositions(parse(input)).where as { right: unknown };
    expect(where.right).toEqual(right);
  });

  test('positions are 1-based line and column of the token, relative to the block', () => {
    const query = parse('TABLE summary,\n  fact("Key paper")\nFROM is-a*([[Metric]])\nWHERE x >= 3');
    const output = query.output as Extract<Query['output'], { kind: 'table' }>;
    expect(output.columns[1]!.value.position).toEqual({ line: 2, column: 8 });
    expect(query.from).toMatchObject({ position: { line: 3, column: 6 }, target: { position: { line: 3, column: 12 } } });
    expect(query.where).toMatchObject({ position: { line: 4, column: 9 }, left: { position: { line: 4, column: 7 } }, right: { position: { line: 4, column: 12 } } });
  });

  test('\\r\\n and \\r line breaks count as one line each', () => {
    const query = parse('LIST\r\nFROM #a\rWHERE x = 1');
    expect(query.where).toMatchObject({ left: { position: { line: 3, column: 7 } } });
  });
});

describe('parseQuery: errors say where and what to write', () => {
  test.each([
    ['', 1, 1, 'a query starts with LIST, TABLE or COUNT, found the end of the query', 'e.g. LIST FROM #compression'],
    ['FROM #a', 1, 1, "a query starts with LIST, TABLE or COUNT, found the keyword FROM", 'e.g. LIST FROM #compression'],
    ['TABLE title,', 1, 13, "expected a column name after ',' — e.g. TABLE title, summary", undefined],
    ['TABLE title, FROM #a', 1, 14, "expected a column name after ',' — e.g. TABLE title, summary", undefined],
    ['TABLE', 1, 6, 'expected a column after TABLE, found the end of the query', 'e.g. TABLE summary, category — or write LIST for a plain list of topics'],
    ['TABLE title summary', 1, 13, "expected FROM, WHERE, SORT, GROUP BY or LIMIT, found 'summary'", 'separate columns with commas: TABLE summary, category'],
    ['TABLE title AS', 1, 15, 'expected a column header in quotes after AS, found the end of the query', 'e.g. fact("Introduced") AS "Introduced"'],
    ['LIST FROM', 1, 10, 'expected a source after FROM, found the end of the query', 'sources are #tags, "folders", [[topics]] (pages linking there), outgoing([[…]]), category("…") and relations such as is-a([[…]])'],
    ['LIST FROM Technique', 1, 11, "expected a source, found 'Technique'", 'sources are #tags, "folders", [[topics]] (pages linking there), outgoing([[…]]), category("…") and relations such as is-a([[…]]); for a category write category("Technique")'],
    ['LIST FROM is-a(Metric)', 1, 16, "expected a topic in [[ ]] after is-a(, found 'Metric'", 'e.g. is-a([[Model pruning]])'],
    ['LIST FROM category()', 1, 20, "expected a category name in quotes after category(, found ')'", 'e.g. category("Technique")'],
    ['LIST FROM is-a*', 1, 16, "expected '(' and a topic after is-a*, found the end of the query", 'e.g. is-a*([[Metric]])'],
    ['LIST FROM is-a([[Metric]]', 1, 26, "expected ')' after [[Metric]], found the end of the query", 'e.g. is-a([[Metric]])'],
    ['LIST FROM (#a OR #b', 1, 20, "expected ')' to close the '(' of this source, found the end of the query", "the '(' is at line 1, column 11"],
    ['LIST FROM #a AND', 1, 17, 'expected a source after AND, found the end of the query', 'sources are #tags, "folders", [[topics]] (pages linking there), outgoing([[…]]), category("…") and relations such as is-a([[…]])'],
    ['LIST FROM #a WHERE', 1, 19, 'expected a condition after WHERE, found the end of the query', 'e.g. WHERE category = "Technique" AND exists(fact("Introduced"))'],
    ['LIST WHERE home', 1, 16, 'expected =, !=, <, <=, >, >= or contains after home, found the end of the query', 'e.g. home = "…", or exists(home)'],
    ['LIST WHERE tags NOT contains "x"', 1, 17, "expected =, !=, <, <=, >, >= or contains after tags, found the keyword NOT", 'write NOT before the whole condition, e.g. NOT (tags contains "x")'],
    ['LIST WHERE x =', 1, 15, 'expected a value after =, found the end of the query', 'e.g. x = "…"'],
    ['LIST WHERE x = AND', 1, 16, 'expected a value after =, found the keyword AND', 'e.g. x = "…"; a field named AND is written field("AND")'],
    ['LIST WHERE group = 1', 1, 12, 'expected a condition after WHERE, found the keyword GROUP', 'e.g. WHERE category = "Technique" AND exists(fact("Introduced")); a field named group is written field("group")'],
    ['LIST WHERE tags = #x', 1, 19, '#x is a source, not a value — put it in FROM, or test tags contains "x"', undefined],
    ['LIST WHERE is-a([[Metric]]) ', 1, 12, 'unknown function "is-a(" — values are names such as title or pagerank, fact("…"), field("…") and date("…")', 'relation sources such as is-a([[…]]) go in FROM; in WHERE compare the relation: is-a = [[…]]'],
    ['LIST WHERE fact(Introduced) = 1', 1, 17, "expected the fact's name in quotes after fact(, found 'Introduced'", 'e.g. fact("Introduced")'],
    ['LIST WHERE facts[1] = 1', 1, 18, "expected the fact's name in quotes after facts[, found '1'", 'e.g. facts["Key paper"]'],
    ['LIST WHERE x = date("yesterday")', 1, 21, '"yesterday" is not a date — write an ISO date such as 2024-03-01 or date("2024-03-01T12:00:00Z")', undefined],
    ['LIST WHERE x = 2024-02-30', 1, 16, '"2024-02-30" is not a date — write an ISO date such as 2024-03-01 or date("2024-03-01T12:00:00Z")', undefined],
    ['LIST WHERE (x = 1', 1, 18, "expected ')' to close the '(' of this condition, found the end of the query", "the '(' is at line 1, column 12; join conditions with AND or OR"],
    ['LIST WHERE exists(x', 1, 20, "expected ')' to close exists(, found the end of the query", 'e.g. exists(fact("Introduced"))'],
    ['LIST WHERE exists(x) = 1', 1, 22, "expected FROM, WHERE, SORT, GROUP BY or LIMIT, found '='", undefined],
    ['LIST WHERE a = 1 WHERE b = 2', 1, 18, 'a query has one WHERE clause', 'join conditions with AND or OR'],
    ['LIST SORT', 1, 10, 'expected a value to sort by after SORT, found the end of the query', 'e.g. SORT pagerank DESC, title'],
    ['LIST SORT BY title', 1, 11, "unexpected 'BY' after SORT", 'write SORT title DESC, without BY'],
    ['LIST ORDER BY title', 1, 6, "expected SORT, found 'ORDER'", 'write SORT title DESC rather than ORDER BY'],
    ['LIST SORT title,', 1, 17, "expected a sort key after ',' — e.g. SORT pagerank DESC, title", undefined],
    ['LIST GROUP category', 1, 12, "expected BY after GROUP, found 'category'", 'e.g. GROUP BY category'],
    ['LIST LIMIT 2.5', 1, 12, "expected a whole number after LIMIT, found '2.5'", 'e.g. LIMIT 10'],
    ['LIST LIMIT -1', 1, 12, "expected a whole number after LIMIT, found '-1'", 'e.g. LIMIT 10'],
    ['LIST LIMIT ten', 1, 12, "expected a whole number after LIMIT, found 'ten'", 'e.g. LIMIT 10'],
    ['LIST FROM #a AND #b OR', 1, 23, 'expected a source after OR, found the end of the query', 'sources are #tags, "folders", [[topics]] (pages linking there), outgoing([[…]]), category("…") and relations such as is-a([[…]])'],
    ['LIST WHERE title = "open', 1, 20, 'unterminated string — close it with "', 'strings end on the line they start; write \\n for a line break'],
    ['LIST WHERE title = "a\\qb"', 1, 22, 'unknown escape "\\q" in a string — write \\\\ for a backslash', undefined],
    ['LIST FROM [[Model pruning', 1, 11, 'unterminated [[link — close it with ]]', 'e.g. [[Model pruning]]'],
    ['LIST FROM [[ | x]]', 1, 11, 'empty [[ ]] link — write a topic title, e.g. [[Model pruning]]', undefined],
    ['LIST FROM #', 1, 11, "expected a tag name after '#' — e.g. #compression", undefined],
    ['LIST WHERE x ! 1', 1, 14, "unexpected '!' — write NOT for negation, or != for 'is not equal to'", undefined],
    ['LIST WHERE x = 12px', 1, 16, '"12px" is not a number — put text in quotes, e.g. "12px"', undefined],
    ['LIST WHERE x = @', 1, 16, 'unexpected character "@" — put text in quotes, e.g. "@"', undefined],
    ['LIST\n  FROM #a\n  WHERE x = 1 AND\n', 4, 1, 'expected a condition after AND, found the end of the query', 'e.g. WHERE category = "Technique" AND exists(fact("Introduced"))'],
    ['LIST FROM #a AND #b\nSORT title DESC\nLIMIT 3\nFROM #c', 4, 1, 'a query has one FROM clause', 'join sources with AND, OR and NOT'],
    ['LIST WHERE x = inverse is-a*', 1, 28, 'a relation followed at any depth (*) is a source — put it in FROM', 'e.g. FROM inverse is-a*([[…]])'],
    ['TABLE exists(summary)', 1, 7, 'exists(…) is a condition, not a value — use it in WHERE', 'e.g. WHERE exists(fact("Introduced"))'],
  ])('%j → %i:%i %s', (input, line, column, message, hint) => {
    const parsed = parseQuery(input);
    expect(parsed).toEqual({ errors: [{ message, line, column, ...(hint === undefined ? {} : { hint }) }] });
  });

  test('nesting deeper than the limit is an error, not a stack overflow', () => {
    expect(parseQuery(`LIST FROM ${'('.repeat(5000)}#a${')'.repeat(5000)}`)).toMatchObject({ errors: [{ message: 'the query is nested more than 100 levels deep — simplify it' }] });
    expect(parseQuery(`LIST WHERE ${'NOT '.repeat(5000)}x = 1`)).toMatchObject({ errors: [{ line: 1 }] });
    expect(parseQuery(`LIST FROM ${'('.repeat(50)}#a${')'.repeat(50)}`)).toHaveProperty('query');
  });
});

describe('tokenize', () => {
  test.each([
    ['is-a*', ['ident:is-a', 'punct:*']],
    ['NOT-#x', ['ident:NOT', 'punct:-', 'tag:x']],
    ['x-1 -1 -.5', ['ident:x-1', 'number:-1', 'number:-.5']],
    ['2024-03-01 2024', ['date:2024-03-01', 'number:2024']],
    ['a<=b>=c!=d==e', ['ident:a', 'punct:<=', 'ident:b', 'punct:>=', 'ident:c', 'punct:!=', 'ident:d', 'punct:=', 'ident:e']],
    ['#tag/sub,#日本', ['tag:tag/sub', 'punct:,', 'tag:日本']],
    ['[[A|b]] [[C#h]]', ['link:A', 'link:C']],
  ])('%j', (input, expected) => {
    const result = tokenize(input);
    expect('tokens' in result && result.tokens.filter((t) => t.type !== 'eof').map((t) => `${t.type}:${t.value}`)).toEqual(expected);
  });
});
