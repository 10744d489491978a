// The query language's syntax tree: what parseQuery produces, printQuery prints and evaluateQuery
// runs. Plain data. Every node carries the 1-based line and column of the token an error about it
// should point at, relative to the query block's own text.
//
// Names are not resolved here: whether `improves` is a built-in column, a relation type or a
// frontmatter field, and which topic `[[Metric]]` is, depends on the wiki and is decided by the
// evaluator, which reports what does not resolve.

export interface QueryPosition {
  line: number;
  column: number;
}

export interface Query {
  output: Output;
  from?: Source;
  where?: Condition;
  /** Sort keys in priority order; empty means by title. */
  sort: SortKey[];
  groupBy?: GroupBy;
  limit?: Limit;
  position: QueryPosition;
}

export type Output = ListOutput | TableOutput | CountOutput;

/** `LIST` or `LIST value`: one link per topic, optionally followed by one value. */
export interface ListOutput {
  kind: 'list';
  value?: ValueExpr;
  position: QueryPosition;
}

/** `TABLE a, b AS "B"`: a row per topic, the topic link first, then one cell per column. */
export interface TableOutput {
  kind: 'table';
  columns: Column[];
  position: QueryPosition;
}

/** `COUNT`: the number of matching topics. */
export interface CountOutput {
  kind: 'count';
  position: QueryPosition;
}

export interface Column {
  value: ValueExpr;
  /** `AS "label"`; without it the evaluator derives a header from the value. */
  label?: string;
  position: QueryPosition;
}

export type SortDirection = 'asc' | 'desc';

export interface SortKey {
  value: ValueExpr;
  direction: SortDirection;
}

export interface GroupBy {
  value: ValueExpr;
  /** Order of the groups by their key. */
  direction: SortDirection;
}

export interface Limit {
  value: number;
  position: QueryPosition;
}

/** A topic named as in a wikilink: `[[Model pruning]]`. */
export interface TopicRef {
  name: string;
  position: QueryPosition;
}

/** Which way a relation source reads, for `R` declared as "X R Y" in X's frontmatter. */
export type RelationDirection =
  /** `is-a([[Metric]])`: topics X with X is-a Metric. */
  | 'forward'
  /** `inverse is-a([[Metric]])`: topics Y with Metric is-a Y. */
  | 'inverse'
  /** `either related([[Quantization]])`: both of the above. */
  | 'either';

export type Source =
  | { type: 'tag'; tag: string; position: QueryPosition }
  | { type: 'folder'; folder: string; position: QueryPosition }
  | { type: 'category'; category: string; position: QueryPosition }
  /** `[[X]]`: topics whose text links to X. */
  | { type: 'linksTo'; target: TopicRef; position: QueryPosition }
  /** `outgoing([[X]])`: topics X's text links to. */
  | { type: 'linksFrom'; target: TopicRef; position: QueryPosition }
  | {
      type: 'relation';
      relation: string;
      direction: RelationDirection;
      /** `is-a*`: at any depth (never including the target itself). */
      transitive: boolean;
      target: TopicRef;
      position: QueryPosition;
    }
  | { type: 'and' | 'or'; operands: Source[]; position: QueryPosition }
  | { type: 'not'; operand: Source; position: QueryPosition };

export type CompareOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains';

export type Condition =
  | { type: 'compare'; op: CompareOperator; left: ValueExpr; right: ValueExpr; position: QueryPosition }
  | { type: 'exists'; value: ValueExpr; position: QueryPosition }
  | { type: 'and' | 'or'; operands: Condition[]; position: QueryPosition }
  | { type: 'not'; operand: Condition; position: QueryPosition };

export type ValueExpr =
  /** A bare name: a built-in column, else a relation type, else a frontmatter field. */
  | { type: 'name'; name: string; position: QueryPosition }
  /** `field("any key")`: a frontmatter field, even one whose name is a built-in or has spaces. */
  | { type: 'field'; name: string; position: QueryPosition }
  /** `fact("Key paper")`, also written `facts["Key paper"]` or `facts.Introduced`. */
  | { type: 'fact'; name: string; position: QueryPosition }
  /** `inverse is-a`, `either related`: topics related to this one the other way, or both ways. */
  | { type: 'relation'; relation: string; direction: 'inverse' | 'either'; position: QueryPosition }
  | { type: 'string'; value: string; position: QueryPosition }
  | { type: 'number'; value: number; position: QueryPosition }
  | { type: 'boolean'; value: boolean; position: QueryPosition }
  /** `2024-03-01` or `date("2024-03-01T12:00Z")`; `text` is the ISO text as written (validated). */
  | { type: 'date'; text: string; position: QueryPosition }
  /** `[[Inference latency]]`: a topic, compared by identity. */
  | { type: 'link'; name: string; position: QueryPosition };
