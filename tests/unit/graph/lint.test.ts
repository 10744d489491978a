import { describe, expect, test } from 'vitest';
import { createKnowledgeGraph, formatFindings, lintKnowledgeGraph, type Finding } from '../../../graph/index.ts';
import { link, links, relation, topic } from './records.ts';

const lint = (records: Parameters<typeof createKnowledgeGraph>[0], options?: Parameters<typeof lintKnowledgeGraph>[2]) =>
  lintKnowledgeGraph(createKnowledgeGraph(records), records, options);

/** A well-linked three-topic cycle: no findings. */
const clean = () => ({ topics: [topic('a'), topic('b'), topic('c')], links: links('a>b', 'b>c', 'c>a'), relations: [] as ReturnType<typeof relation>[] });

describe('lintKnowledgeGraph', () => {
  test('a clean wiki has no findings', () => {
    expect(lint(clean())).toEqual([]);
  });

  test('unresolved links are errors at the link position, or warnings when asked', () => {
    const records = clean();
    records.links.push(link('a', null, { target: 'Missing page', heading: 'Intro', line: 12, column: 4 }));
    records.links.push(link('b', null, { target: 'Gone', kind: 'embed', line: 3, column: 1 }));
    const findings = lint(records);
    expect(findings).toEqual<Finding[]>([
      { severity: 'error', rule: 'unresolved-link', file: 'content/a.md', line: 12, column: 4, message: '[[Missing page#Intro]] does not match any topic title or alias' },
      { severity: 'error', rule: 'unresolved-link', file: 'content/b.md', line: 3, column: 1, message: '![[Gone]] does not match any topic title or alias' },
    ]);
    expect(lint(records, { unresolvedLinks: 'warning' }).map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  test('relation problems: unknown target and type are errors; self and duplicate relations warnings', () => {
    const records = clean();
    records.relations.push(
      relation('a', 'is-a', null, { target: 'Ghost', line: 4, column: 9 }),
      relation('b', 'bogus' as never, 'c', { line: 5, column: 2 }),
      relation('c', 'related', 'c', { target: 'C', line: 6, column: 2 }),
      relation('c', 'improves', 'a', { line: 7, column: 2 }),
      relation('c', 'improves', 'a', { line: 8, column: 2 }),
    );
    expect(lint(records).map((f) => [f.severity, f.rule, `${f.file}:${f.line}:${f.column}`])).toEqual([
      ['error', 'unknown-relation-target', 'content/a.md:4:9'],
      ['error', 'unknown-relation-type', 'content/b.md:5:2'],
      ['warning', 'self-relation', 'content/c.md:6:2'],
      ['warning', 'duplicate-relation', 'content/c.md:8:2'],
    ]);
  });

  test('orphans, dead ends, missing summaries and short pages are warnings on the topic file', () => {
    const records = clean();
    records.topics.push(topic('lonely', { summary: '  ', wordCount: 149 }), topic('home'));
    records.links.push(link('home', 'a', { file: 'content/home.md' }));
    const findings = lint(records, { entryPoints: ['home'] });
    expect(findings.map((f) => [f.rule, f.file, f.line, f.severity])).toEqual([
      ['dead-end', 'content/lonely.md', 1, 'warning'],
      ['missing-summary', 'content/lonely.md', 1, 'warning'],
      ['orphan', 'content/lonely.md', 1, 'warning'],
      ['short-page', 'content/lonely.md', 1, 'warning'],
    ]);
    expect(findings.find((f) => f.rule === 'short-page')!.message).toBe('149 words; pages should have at least 150');
    // Without the entry point, the home topic is an orphan too.
    expect(lint(records).filter((f) => f.rule === 'orphan').map((f) => f.file)).toEqual(['content/home.md', 'content/lonely.md']);
  });

  test('duplicate titles are errors; duplicate aliases warnings until a link uses them', () => {
    const records = clean();
    records.topics[1] = topic('b', { title: 'a' }); // same as A, case-insensitively
    records.topics[2] = topic('c', { aliases: ['Shared name'] });
    records.topics.push(topic('d', { aliases: ['shared NAME'] }));
    records.links.push(link('d', 'a'), link('a', 'd'));
    const duplicates = (f: Finding[]) => f.filter((x) => x.rule.startsWith('duplicate')).map((x) => [x.severity, x.rule, x.file]);
    expect(duplicates(lint(records))).toEqual([
      ['error', 'duplicate-title', 'content/a.md'],
      ['error', 'duplicate-title', 'content/b.md'],
      ['warning', 'duplicate-alias', 'content/c.md'],
      ['warning', 'duplicate-alias', 'content/d.md'],
    ]);
    records.links.push(link('a', 'c', { target: 'Shared Name' }));
    expect(duplicates(lint(records)).slice(2)).toEqual([
      ['error', 'duplicate-alias', 'content/c.md'],
      ['error', 'duplicate-alias', 'content/d.md'],
    ]);
  });
});

describe('formatFindings', () => {
  test('an aligned table sorted by file then line, with a count', () => {
    const findings: Finding[] = [
      { severity: 'warning', rule: 'orphan', file: 'content/z.md', line: 1, column: 1, message: 'no topic links here' },
      { severity: 'error', rule: 'unresolved-link', file: 'content/a.md', line: 12, column: 4, message: '[[X]] does not match' },
      { severity: 'error', rule: 'unresolved-link', file: 'content/a.md', line: 3, column: 10, message: '[[Y]] does not match' },
    ];
    expect(formatFindings(findings).split('\n')).toEqual([
      'content/a.md:3:10  error    unresolved-link  [[Y]] does not match',
      'content/a.md:12:4  error    unresolved-link  [[X]] does not match',
      'content/z.md:1:1   warning  orphan           no topic links here',
      '',
      '2 errors, 1 warning',
    ]);
  });

  test('the count can be left to the caller', () => {
    const finding: Finding = { severity: 'warning', rule: 'orphan', file: 'content/z.md', line: 1, column: 1, message: 'alone' };
    expect(formatFindings([finding], { summary: false })).toBe('content/z.md:1:1  warning  orphan  alone');
  });

  test('says so when there is nothing to report', () => {
    expect(formatFindings([])).toBe('No problems found.');
  });
});
