// What a query evaluates to: plain, JSON-serialisable data, identical for identical input, so a
// build cache can store it and the renderer (queryResultToMdast) is the only place that knows
// how it looks.

/** One value in a row. Links are topic ids; the renderer turns them into URLs and titles. */
export type QueryCell =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  /** ISO 8601: `2024-03-01` for a midnight-UTC date, the full instant otherwise. */
  | { kind: 'date'; value: string }
  | { kind: 'link'; id: string }
  /** A list never contains lists: nested lists are flattened. */
  | { kind: 'list'; items: QueryCell[] }
  /** No value: a missing field, an empty list. */
  | { kind: 'empty' };

export interface QueryRow {
  /** The topic this row is about; rendered as a link in the first place of the row. */
  id: string;
  /** One cell per entry of QueryResult.columns. */
  cells: QueryCell[];
}

export interface QueryGroup {
  /** The GROUP BY value shared by the group's rows; `empty` for topics without one. */
  key: QueryCell;
  rows: QueryRow[];
}

export interface QueryResult {
  kind: 'list' | 'table' | 'count';
  /** Headers of the value columns (the topic column is not included); LIST has 0 or 1, COUNT 0. */
  columns: string[];
  /** Every matching topic in sort order, after LIMIT; COUNT rows have no cells. */
  rows: QueryRow[];
  /** Number of distinct topics in `rows`. */
  count: number;
  /** With GROUP BY: the rows in groups, ordered by key (the empty key last). A topic with a list value is in one group per item. */
  groups?: QueryGroup[];
}
