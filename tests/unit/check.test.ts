// `npm run check` as an author runs it: a table with file:line:column, and the exit code.
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';

const check = (content: string, links = 'error') =>
  spawnSync(process.execPath, ['scripts/check.ts'], { encoding: 'utf8', env: { ...process.env, ATLAS_CONTENT: content, ATLAS_LINKS: links } });

test('errors fail the check and are listed with their position, rule and hint', () => {
  const result = check('tests/fixtures/broken-links');
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(/tests\/fixtures\/broken-links\/Home\.md:4:40\s+error\s+unresolved-link\s+unresolved \[\[Foo\]\] — did you mean "Food"\?/);
  expect(result.stdout).toMatch(/Home\.md:6:35\s+error\s+unresolved-heading/);
  expect(result.stdout).toMatch(/Food\.md:1:1\s+warning\s+missing-summary/);
  expect(result.stdout).toContain('2 topics checked');
  expect(result.stdout).toContain(': 3 errors, 4 warnings');
});

test('warnings alone do not fail the check', () => {
  const result = check('tests/fixtures/reading');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/alpha\.md:1:1\s+warning\s+short-page\s+42 words; pages should have at least 150/);
  expect(result.stdout).toContain('0 errors, 4 warnings');
});

test('in warn mode unresolved links are warnings', () => {
  const result = check('tests/fixtures/broken-links', 'warn');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/Home\.md:4:40\s+warning\s+unresolved-link/);
});

test('frontmatter mistakes, unknown relation types and relations to missing topics are errors', () => {
  const frontmatter = check('tests/fixtures/bad-frontmatter');
  expect(frontmatter.status).toBe(1);
  expect(frontmatter.stdout).toMatch(/bad-values\.md:6:1\s+error\s+unknown-relation-type\s+unknown relation type "inspired-by"/);
  const relations = check('tests/fixtures/relations');
  expect(relations.stdout).toMatch(/a\.md:6:1\s+error\s+unknown-relation-target\s+relation improves → unknown topic "Bee" — did you mean "B"\?/);
});

test('the shipped wiki passes with no errors and no warnings', () => {
  const result = check('content');
  expect(result.stdout.trim().split('\n').pop()).toMatch(/^\d+ topics checked in .*content: 0 errors, 0 warnings$/);
  expect(result.status).toBe(0);
});
