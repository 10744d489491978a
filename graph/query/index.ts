// Public API of the query language ("Ask the knowledge graph"): parse a ```query block, evaluate it
// against a QueryContext, render the result as mdast. Reference: docs/query-language.md.
export type {
  Column,
  CompareOperator,
  Condition,
  GroupBy,
  Limit,
  Output,
  Query,
  QueryPosition,
  RelationDirection,
  SortDirection,
  SortKey,
  Source,
  TopicRef,
  ValueExpr,
} from './ast.ts';
export type { QueryContext, QueryTopic, RelationLookupDirection } from './context.ts';
export type { QueryError } from './errors.ts';
export type { QueryCell, QueryGroup, QueryResult, QueryRow } from './result.ts';
export { parseQuery, RESERVED_WORDS, type ParseQueryResult } from './parseQuery.ts';
export { printQuery } from './printQuery.ts';
export { evaluateQuery, runQuery, BUILTIN_NAMES, type EvaluateQueryResult } from './evaluateQuery.ts';
export { createQueryContext, type QueryContextInput } from './createQueryContext.ts';
export { queryResultToMdast, formatNumber, type QueryRenderOptions, type QueryMdastNode } from './queryResultToMdast.ts';
export { parseIsoDate, formatIsoDate } from './parseIsoDate.ts';
