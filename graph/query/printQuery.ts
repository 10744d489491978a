// The canonical text of a query: one clause per line in a fixed order (output, FROM, WHERE, SORT,
// GROUP BY, LIMIT), upper-case keywords, the shortest spelling of each value, and parentheses
// only where they change the meaning. parseQuery(printQuery(q)) gives back q (positions aside).
import type { Condition, Query, Source, ValueExpr } from './ast.ts';

/** A string literal: double quotes, with backslash escapes for the characters that need them. */
export function printString(value: string): string {
  return `"${value.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!)}"`;
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function printValue(value: ValueExpr): string {
  switch (value.type) {
    case 'name':
      return value.name;
    case 'field':
      return `field(${printString(value.name)})`;
    case 'fact':
      return `fact(${printString(value.name)})`;
    case 'relation':
      return `${value.direction} ${value.relation}`;
    case 'string':
      return printString(value.value);
    case 'number':
      return String(value.value);
    case 'boolean':
      return value.value ? 'true' : 'false';
    case 'date':
      return BARE_DATE.test(value.text) ? value.text : `date(${printString(value.text)})`;
    case 'link':
      return `[[${value.name}]]`;
  }
}

// Binding strength: OR < AND < NOT < atoms. An operand is parenthesised when it binds no tighter
// than its parent, so nesting the parser would have flattened (a AND (b AND c)) survives printing.
const strength = (node: { type: string }): number => (node.type === 'or' ? 1 : node.type === 'and' ? 2 : node.type === 'not' ? 3 : 4);
const wrap = (text: string, node: { type: string }, min: number): string => (strength(node) < min ? `(${text})` : text);

export function printSource(source: Source): string {
  switch (source.type) {
    case 'tag':
      return `#${source.tag}`;
    case 'folder':
      return printString(source.folder);
    case 'category':
      return `category(${printString(source.category)})`;
    case 'linksTo':
      return `[[${source.target.name}]]`;
    case 'linksFrom':
      return `outgoing([[${source.target.name}]])`;
    case 'relation':
      return `${source.direction === 'forward' ? '' : `${source.direction} `}${source.relation}${source.transitive ? '*' : ''}([[${source.target.name}]])`;
    case 'and':
    case 'or':
      return source.operands.map((operand) => wrap(printSource(operand), operand, strength(source) + 1)).join(` ${source.type.toUpperCase()} `);
    case 'not':
      return `NOT ${wrap(printSource(source.operand), source.operand, 3)}`;
  }
}

export function printCondition(condition: Condition): string {
  switch (condition.type) {
    case 'compare':
      return `${printValue(condition.left)} ${condition.op} ${printValue(condition.right)}`;
    case 'exists':
      return `exists(${printValue(condition.value)})`;
    case 'and':
    case 'or':
      return condition.operands
        .map((operand) => wrap(printCondition(operand), operand, strength(condition) + 1))
        .join(` ${condition.type.toUpperCase()} `);
    case 'not':
      return `NOT ${wrap(printCondition(condition.operand), condition.operand, 3)}`;
  }
}

export function printQuery(query: Query): string {
  const lines: string[] = [];
  const { output } = query;
  if (output.kind === 'list') lines.push(output.value === undefined ? 'LIST' : `LIST ${printValue(output.value)}`);
  else if (output.kind === 'count') lines.push('COUNT');
  else {
    const columns = output.columns.map((c) => `${printValue(c.value)}${c.label === undefined ? '' : ` AS ${printString(c.label)}`}`);
    lines.push(`TABLE ${columns.join(', ')}`);
  }
  if (query.from !== undefined) lines.push(`FROM ${printSource(query.from)}`);
  if (query.where !== undefined) lines.push(`WHERE ${printCondition(query.where)}`);
  if (query.sort.length > 0) {
    lines.push(`SORT ${query.sort.map((k) => `${printValue(k.value)}${k.direction === 'desc' ? ' DESC' : ''}`).join(', ')}`);
  }
  if (query.groupBy !== undefined) {
    lines.push(`GROUP BY ${printValue(query.groupBy.value)}${query.groupBy.direction === 'desc' ? ' DESC' : ''}`);
  }
  if (query.limit !== undefined) lines.push(`LIMIT ${query.limit.value}`);
  return lines.join('\n');
}
