// Recursive-descent parser for the query language (grammar in docs/query-language.md). It never
// throws: a query either parses or yields the first syntax error, at its token, with a message
// that says what to write instead.
import type {
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
import type { QueryError } from './errors.ts';
import { parseIsoDate } from './parseIsoDate.ts';
import { tokenize, type Token } from './tokenize.ts';

export type ParseQueryResult = { query: Query } | { errors: QueryError[] };

/** Words that end a value or a source, so they can never be field names (use field("…") for those). */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'FROM', 'WHERE', 'SORT', 'GROUP', 'LIMIT', 'AND', 'OR', 'NOT', 'AS', 'ASC', 'DESC', 'CONTAINS', 'TRUE', 'FALSE',
]);

/** Nesting deeper than this is surely not written by hand, and would exhaust the stack. */
const MAX_DEPTH = 100;

const SOURCES_HINT = 'sources are #tags, "folders", [[topics]] (pages linking there), outgoing([[…]]), category("…") and relations such as is-a([[…]])';
const CLAUSES = 'FROM, WHERE, SORT, GROUP BY or LIMIT';

class ParseFailure {
  readonly error: QueryError;
  constructor(error: QueryError) {
    this.error = error;
  }
}

function describe(token: Token): string {
  if (token.type === 'ident' && RESERVED_WORDS.has(token.value.toUpperCase())) return `the keyword ${token.value.toUpperCase()}`;
  switch (token.type) {
    case 'eof':
      return 'the end of the query';
    case 'string':
      return `the text ${token.text}`;
    case 'link':
      return `the link ${token.text}`;
    case 'tag':
      return `the tag ${token.text}`;
    default:
      return `'${token.text}'`;
  }
}

const at = (token: Token): QueryPosition => ({ line: token.line, column: token.column });

class Parser {
  private readonly tokens: Token[];
  private readonly text: string;
  private index = 0;
  private depth = 0;

  constructor(tokens: Token[], text: string) {
    this.tokens = tokens;
    this.text = text;
  }

  /** What the author wrote from `from` up to (not including) `to`, for quoting it back. */
  private written(from: Token, to: Token): string {
    return this.text.slice(from.offset, to.offset).trim();
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.index++;
    return token;
  }

  private fail(token: Token, message: string, hint?: string): never {
    throw new ParseFailure({ message, line: token.line, column: token.column, ...(hint === undefined ? {} : { hint }) });
  }

  /** Is the token this keyword (case-insensitively)? */
  private isWord(token: Token, word: string): boolean {
    return token.type === 'ident' && token.value.toUpperCase() === word;
  }

  private isPunct(token: Token, symbol: string): boolean {
    return token.type === 'punct' && token.value === symbol;
  }

  private isReserved(token: Token): boolean {
    return token.type === 'ident' && RESERVED_WORDS.has(token.value.toUpperCase());
  }

  private expectPunct(symbol: string, message: string, hint?: string): Token {
    const token = this.peek();
    if (!this.isPunct(token, symbol)) this.fail(token, `${message}, found ${describe(token)}`, hint);
    return this.next();
  }

  private enter(token: Token): void {
    if (++this.depth > MAX_DEPTH) this.fail(token, `the query is nested more than ${MAX_DEPTH} levels deep — simplify it`);
  }

  private leave(): void {
    this.depth--;
  }

  parse(): Query {
    const first = this.peek();
    const output = this.parseOutput();
    const query: Query = { output, sort: [], position: at(first) };
    const seen = new Set<string>();
    for (;;) {
      const token = this.peek();
      if (token.type === 'eof') break;
      const word = token.type === 'ident' ? token.value.toUpperCase() : '';
      const clause = word === 'GROUP' ? 'GROUP BY' : word;
      if (['FROM', 'WHERE', 'SORT', 'GROUP BY', 'LIMIT'].includes(clause)) {
        if (seen.has(clause)) {
          this.fail(token, `a query has one ${clause} clause`, clause === 'WHERE' ? 'join conditions with AND or OR' : clause === 'FROM' ? 'join sources with AND, OR and NOT' : clause === 'SORT' ? 'list several sort keys after one SORT, separated by commas' : undefined);
        }
        seen.add(clause);
      }
      switch (clause) {
        case 'FROM':
          this.next();
          query.from = this.parseSource(token);
          break;
        case 'WHERE':
          this.next();
          query.where = this.parseCondition(token);
          break;
        case 'SORT':
          this.next();
          query.sort = this.parseSort();
          break;
        case 'GROUP BY':
          this.next();
          query.groupBy = this.parseGroupBy();
          break;
        case 'LIMIT':
          this.next();
          query.limit = this.parseLimit();
          break;
        case 'ORDER':
          this.fail(token, "expected SORT, found 'ORDER'", 'write SORT title DESC rather than ORDER BY');
        default: {
          const afterColumns = this.isPunct(this.tokens[this.index - 1]!, ',') === false && query.output.kind === 'table' && this.startsValue(token);
          this.fail(token, `expected ${CLAUSES}, found ${describe(token)}`, afterColumns ? 'separate columns with commas: TABLE summary, category' : this.isWord(token, 'AND') || this.isWord(token, 'OR') ? 'AND and OR join sources inside FROM or conditions inside WHERE' : undefined);
        }
      }
    }
    return query;
  }

  private parseOutput(): Output {
    const token = this.peek();
    const word = token.type === 'ident' ? token.value.toUpperCase() : '';
    if (word === 'LIST') {
      this.next();
      const ordering = this.isWord(this.peek(), 'ORDER') && this.isWord(this.peek(1), 'BY');
      if (!this.startsValue(this.peek()) || ordering) return { kind: 'list', position: at(token) };
      return { kind: 'list', value: this.parseValue('a value to show after each topic', 'LIST summary'), position: at(token) };
    }
    if (word === 'TABLE') {
      this.next();
      if (!this.startsValue(this.peek())) {
        this.fail(this.peek(), `expected a column after TABLE, found ${describe(this.peek())}`, 'e.g. TABLE summary, category — or write LIST for a plain list of topics');
      }
      const columns = [this.parseColumn()];
      while (this.isPunct(this.peek(), ',')) {
        this.next();
        if (!this.startsValue(this.peek())) this.fail(this.peek(), "expected a column name after ',' — e.g. TABLE title, summary");
        columns.push(this.parseColumn());
      }
      return { kind: 'table', columns, position: at(token) };
    }
    if (word === 'COUNT') {
      this.next();
      return { kind: 'count', position: at(token) };
    }
    return this.fail(token, `a query starts with LIST, TABLE or COUNT, found ${describe(token)}`, 'e.g. LIST FROM #compression');
  }

  private parseColumn(): Column {
    const start = this.peek();
    const value = this.parseValue('a column', 'TABLE title, summary');
    if (!this.isWord(this.peek(), 'AS')) return { value, position: at(start) };
    this.next();
    const label = this.peek();
    if (label.type !== 'string' && !(label.type === 'ident' && !this.isReserved(label))) {
      this.fail(label, `expected a column header in quotes after AS, found ${describe(label)}`, 'e.g. fact("Introduced") AS "Introduced"');
    }
    this.next();
    return { value, label: label.value, position: at(start) };
  }

  private parseSort(): SortKey[] {
    if (this.isWord(this.peek(), 'BY') && this.startsValue(this.peek(1))) {
      this.fail(this.peek(), "unexpected 'BY' after SORT", 'write SORT title DESC, without BY');
    }
    const keys: SortKey[] = [];
    do {
      if (keys.length > 0) {
        this.next();
        if (!this.startsValue(this.peek())) this.fail(this.peek(), "expected a sort key after ',' — e.g. SORT pagerank DESC, title");
      } else if (!this.startsValue(this.peek())) {
        this.fail(this.peek(), `expected a value to sort by after SORT, found ${describe(this.peek())}`, 'e.g. SORT pagerank DESC, title');
      }
      const value = this.parseValue('a value to sort by', 'SORT pagerank DESC, title');
      keys.push({ value, direction: this.parseDirection() });
    } while (this.isPunct(this.peek(), ','));
    return keys;
  }

  private parseDirection(): SortDirection {
    if (this.isWord(this.peek(), 'ASC')) {
      this.next();
      return 'asc';
    }
    if (this.isWord(this.peek(), 'DESC')) {
      this.next();
      return 'desc';
    }
    return 'asc';
  }

  private parseGroupBy(): GroupBy {
    const by = this.peek();
    if (!this.isWord(by, 'BY')) this.fail(by, `expected BY after GROUP, found ${describe(by)}`, 'e.g. GROUP BY category');
    this.next();
    if (!this.startsValue(this.peek())) {
      this.fail(this.peek(), `expected a value to group by after GROUP BY, found ${describe(this.peek())}`, 'e.g. GROUP BY category');
    }
    const value = this.parseValue('a value to group by', 'GROUP BY category');
    return { value, direction: this.parseDirection() };
  }

  private parseLimit(): Limit {
    const token = this.peek();
    const value = token.type === 'number' ? Number(token.value) : NaN;
    if (!Number.isInteger(value) || value < 0 || value > 1_000_000) {
      this.fail(token, `expected a whole number after LIMIT, found ${describe(token)}`, 'e.g. LIMIT 10');
    }
    this.next();
    return { value: value === 0 ? 0 : value, position: at(token) };
  }

  // ---- FROM -------------------------------------------------------------------------------

  private parseSource(after: Token): Source {
    if (!this.startsSource(this.peek())) {
      this.fail(this.peek(), `expected a source after ${after.text.toUpperCase()}, found ${describe(this.peek())}`, SOURCES_HINT);
    }
    return this.parseSourceOr();
  }

  private parseSourceOr(): Source {
    const first = this.parseSourceAnd();
    if (!this.isWord(this.peek(), 'OR')) return first;
    const operands = [first];
    while (this.isWord(this.peek(), 'OR')) {
      this.next();
      if (!this.startsSource(this.peek())) this.fail(this.peek(), `expected a source after OR, found ${describe(this.peek())}`, SOURCES_HINT);
      operands.push(this.parseSourceAnd());
    }
    return { type: 'or', operands, position: first.position };
  }

  private parseSourceAnd(): Source {
    const first = this.parseSourceUnary();
    if (!this.isWord(this.peek(), 'AND')) return first;
    const operands = [first];
    while (this.isWord(this.peek(), 'AND')) {
      this.next();
      if (!this.startsSource(this.peek())) this.fail(this.peek(), `expected a source after AND, found ${describe(this.peek())}`, SOURCES_HINT);
      operands.push(this.parseSourceUnary());
    }
    return { type: 'and', operands, position: first.position };
  }

  private parseSourceUnary(): Source {
    const token = this.peek();
    if (this.isWord(token, 'NOT') || this.isPunct(token, '-')) {
      this.next();
      if (!this.startsSource(this.peek())) {
        this.fail(this.peek(), `expected a source after ${token.text.toUpperCase()}, found ${describe(this.peek())}`, SOURCES_HINT);
      }
      this.enter(token);
      const operand = this.parseSourceUnary();
      this.leave();
      return { type: 'not', operand, position: at(token) };
    }
    return this.parseSourceAtom();
  }

  private startsSource(token: Token): boolean {
    return (
      token.type === 'tag' ||
      token.type === 'string' ||
      token.type === 'link' ||
      this.isPunct(token, '(') ||
      this.isPunct(token, '-') ||
      this.isWord(token, 'NOT') ||
      (token.type === 'ident' && !this.isReserved(token))
    );
  }

  private parseSourceAtom(): Source {
    const token = this.peek();
    switch (token.type) {
      case 'tag':
        this.next();
        return { type: 'tag', tag: token.value, position: at(token) };
      case 'string':
        this.next();
        return { type: 'folder', folder: token.value, position: at(token) };
      case 'link':
        this.next();
        return { type: 'linksTo', target: this.topicRef(token), position: at(token) };
      case 'punct':
        if (token.value === '(') {
          this.next();
          this.enter(token);
          const inner = this.parseSource(token);
          this.leave();
          this.expectPunct(')', "expected ')' to close the '(' of this source", `the '(' is at line ${token.line}, column ${token.column}`);
          return inner;
        }
        break;
      case 'ident': {
        if (this.isReserved(token)) break;
        const lower = token.value.toLowerCase();
        const open = this.isPunct(this.peek(1), '(');
        if ((lower === 'outgoing' || lower === 'incoming') && open) {
          this.next();
          const target = this.parseTopicArgument(`${lower}(`);
          return { type: lower === 'outgoing' ? 'linksFrom' : 'linksTo', target, position: at(token) };
        }
        if (lower === 'category' && open) {
          this.next();
          this.next();
          const name = this.peek();
          if (name.type !== 'string' && name.type !== 'ident') {
            this.fail(name, `expected a category name in quotes after category(, found ${describe(name)}`, 'e.g. category("Technique")');
          }
          this.next();
          this.expectPunct(')', "expected ')' after the category name", 'e.g. category("Technique")');
          return { type: 'category', category: name.value, position: at(name) };
        }
        let direction: RelationDirection = 'forward';
        let relation = token;
        if ((lower === 'inverse' || lower === 'either') && this.peek(1).type === 'ident' && !this.isReserved(this.peek(1))) {
          direction = lower;
          this.next();
          relation = this.peek();
        }
        this.next();
        let transitive = false;
        if (this.isPunct(this.peek(), '*')) {
          this.next();
          transitive = true;
        }
        if (!this.isPunct(this.peek(), '(')) {
          if (direction === 'forward' && !transitive) {
            this.fail(token, `expected a source, found ${describe(token)}`, `${SOURCES_HINT}; for a category write category("${token.value}")`);
          }
          this.fail(this.peek(), `expected '(' and a topic after ${relation.value}${transitive ? '*' : ''}, found ${describe(this.peek())}`, `e.g. ${relation.value}${transitive ? '*' : ''}([[Metric]])`);
        }
        const target = this.parseTopicArgument(`${relation.value}${transitive ? '*' : ''}(`);
        return { type: 'relation', relation: relation.value, direction, transitive, target, position: at(relation) };
      }
      default:
        break;
    }
    return this.fail(token, `expected a source, found ${describe(token)}`, SOURCES_HINT);
  }

  /** `( [[Topic]] )` after a source function's name. */
  private parseTopicArgument(written: string): TopicRef {
    this.next();
    const link = this.peek();
    if (link.type !== 'link') {
      this.fail(link, `expected a topic in [[ ]] after ${written}, found ${describe(link)}`, `e.g. ${written}[[Model pruning]])`);
    }
    this.next();
    this.expectPunct(')', `expected ')' after ${link.text}`, `e.g. ${written}${link.text})`);
    return this.topicRef(link);
  }

  private topicRef(token: Token): TopicRef {
    return { name: token.value, position: at(token) };
  }

  // ---- WHERE ------------------------------------------------------------------------------

  private parseCondition(after: Token): Condition {
    this.expectCondition(after);
    return this.parseConditionOr();
  }

  private expectCondition(after: Token): void {
    const token = this.peek();
    if (!this.startsCondition(token)) {
      const example = 'e.g. WHERE category = "Technique" AND exists(fact("Introduced"))';
      this.fail(token, `expected a condition after ${after.text.toUpperCase()}, found ${describe(token)}`, this.isReserved(token) ? `${example}; a field named ${token.value} is written field("${token.value}")` : example);
    }
  }

  private startsCondition(token: Token): boolean {
    return this.isWord(token, 'NOT') || this.isPunct(token, '(') || this.startsValue(token) || (this.isWord(token, 'CONTAINS') && this.isPunct(this.peek(1), '('));
  }

  private parseConditionOr(): Condition {
    const first = this.parseConditionAnd();
    if (!this.isWord(this.peek(), 'OR')) return first;
    const operands = [first];
    while (this.isWord(this.peek(), 'OR')) {
      this.expectCondition(this.next());
      operands.push(this.parseConditionAnd());
    }
    return { type: 'or', operands, position: first.position };
  }

  private parseConditionAnd(): Condition {
    const first = this.parseConditionUnary();
    if (!this.isWord(this.peek(), 'AND')) return first;
    const operands = [first];
    while (this.isWord(this.peek(), 'AND')) {
      this.expectCondition(this.next());
      operands.push(this.parseConditionUnary());
    }
    return { type: 'and', operands, position: first.position };
  }

  private parseConditionUnary(): Condition {
    const token = this.peek();
    if (this.isWord(token, 'NOT')) {
      this.expectCondition(this.next());
      this.enter(token);
      const operand = this.parseConditionUnary();
      this.leave();
      return { type: 'not', operand, position: at(token) };
    }
    if (this.isPunct(token, '(')) {
      this.next();
      this.enter(token);
      const inner = this.parseCondition(token);
      this.leave();
      this.expectPunct(')', "expected ')' to close the '(' of this condition", `the '(' is at line ${token.line}, column ${token.column}; join conditions with AND or OR`);
      return inner;
    }
    if (token.type === 'ident' && this.isPunct(this.peek(1), '(')) {
      const lower = token.value.toLowerCase();
      if (lower === 'exists') {
        this.next();
        this.next();
        const value = this.parseValue('a value inside exists(', 'exists(fact("Introduced"))');
        this.expectPunct(')', "expected ')' to close exists(", 'e.g. exists(fact("Introduced"))');
        return { type: 'exists', value, position: at(token) };
      }
      if (lower === 'contains') {
        this.next();
        this.next();
        const left = this.parseValue('a value inside contains(', 'contains(tags, "sparsity")');
        this.expectPunct(',', "expected ',' and the value to look for", 'e.g. contains(tags, "sparsity")');
        const right = this.parseValue("a value after ','", 'contains(tags, "sparsity")');
        this.expectPunct(')', "expected ')' to close contains(", 'e.g. contains(tags, "sparsity")');
        return { type: 'compare', op: 'contains', left, right, position: at(token) };
      }
    }
    const left = this.parseValue('a condition', 'WHERE category = "Technique"');
    const op = this.peek();
    let operator: CompareOperator | undefined;
    if (op.type === 'punct' && ['=', '!=', '<', '<=', '>', '>='].includes(op.value)) operator = op.value as CompareOperator;
    else if (this.isWord(op, 'CONTAINS')) operator = 'contains';
    if (operator === undefined) {
      const written = this.written(token, op);
      const hint = this.isWord(op, 'NOT')
        ? `write NOT before the whole condition, e.g. NOT (${written} contains "x")`
        : `e.g. ${written} = "…", or exists(${written})`;
      this.fail(op, `expected =, !=, <, <=, >, >= or contains after ${written}, found ${describe(op)}`, hint);
    }
    this.next();
    const right = this.parseValue(`a value after ${operator}`, `${this.written(token, op)} ${operator} "…"`);
    return { type: 'compare', op: operator, left, right, position: at(op) };
  }

  // ---- values -----------------------------------------------------------------------------

  private startsValue(token: Token): boolean {
    switch (token.type) {
      case 'string':
      case 'number':
      case 'date':
      case 'link':
        return true;
      case 'ident':
        return !this.isReserved(token) || this.isWord(token, 'TRUE') || this.isWord(token, 'FALSE');
      default:
        return false;
    }
  }

  private parseValue(what: string, example: string): ValueExpr {
    const token = this.peek();
    const position = at(token);
    switch (token.type) {
      case 'string':
        this.next();
        return { type: 'string', value: token.value, position };
      case 'number': {
        const value = Number(token.value);
        if (!Number.isFinite(value)) this.fail(token, `${token.text} is too large a number`);
        this.next();
        return { type: 'number', value: value === 0 ? 0 : value, position };
      }
      case 'date':
        this.next();
        return this.dateLiteral(token, token.value);
      case 'link':
        this.next();
        return { type: 'link', name: token.value, position };
      case 'tag':
        this.fail(token, `${token.text} is a source, not a value — put it in FROM, or test tags contains "${token.value}"`);
      case 'ident':
        return this.parseNamedValue(token, what, example);
      default:
        return this.fail(token, `expected ${what}, found ${describe(token)}`, `e.g. ${example}`);
    }
  }

  private parseNamedValue(token: Token, what: string, example: string): ValueExpr {
    const position = at(token);
    const upper = token.value.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') {
      this.next();
      return { type: 'boolean', value: upper === 'TRUE', position };
    }
    if (this.isReserved(token)) {
      this.fail(token, `expected ${what}, found the keyword ${upper}`, `e.g. ${example}; a field named ${token.value} is written field("${token.value}")`);
    }
    const lower = token.value.toLowerCase();
    const following = this.peek(1);
    if (this.isPunct(following, '(')) {
      if (lower === 'fact' || lower === 'field' || lower === 'date') {
        this.next();
        this.next();
        const name = this.peek();
        const sample = lower === 'fact' ? 'fact("Introduced")' : lower === 'field' ? 'field("status")' : 'date("2024-03-01")';
        if (name.type !== 'string') this.fail(name, `expected ${lower === 'date' ? 'an ISO date' : `the ${lower}'s name`} in quotes after ${lower}(, found ${describe(name)}`, `e.g. ${sample}`);
        this.next();
        this.expectPunct(')', `expected ')' to close ${lower}(`, `e.g. ${sample}`);
        if (lower === 'date') return this.dateLiteral(name, name.value, position);
        return { type: lower, name: name.value, position: at(name) };
      }
      if (lower === 'exists' || lower === 'contains') {
        this.fail(token, `${lower}(…) is a condition, not a value — use it in WHERE`, lower === 'exists' ? 'e.g. WHERE exists(fact("Introduced"))' : 'e.g. WHERE tags contains "sparsity"');
      }
      this.fail(token, `unknown function "${token.value}(" — values are names such as title or pagerank, fact("…"), field("…") and date("…")`, `relation sources such as ${token.value}([[…]]) go in FROM; in WHERE compare the relation: ${token.value} = [[…]]`);
    }
    if (lower === 'facts' && this.isPunct(following, '[')) {
      this.next();
      this.next();
      const name = this.peek();
      if (name.type !== 'string') this.fail(name, `expected the fact's name in quotes after facts[, found ${describe(name)}`, 'e.g. facts["Key paper"]');
      this.next();
      this.expectPunct(']', "expected ']' after the fact's name", 'e.g. facts["Key paper"]');
      return { type: 'fact', name: name.value, position: at(name) };
    }
    if (lower === 'facts' && this.isPunct(following, '.')) {
      this.next();
      this.next();
      const name = this.peek();
      if (name.type !== 'ident') this.fail(name, `expected a fact's name after 'facts.', found ${describe(name)}`, 'e.g. facts.Introduced, or facts["Key paper"] for names with spaces');
      this.next();
      return { type: 'fact', name: name.value, position: at(name) };
    }
    if ((lower === 'inverse' || lower === 'either') && following.type === 'ident' && !this.isReserved(following)) {
      this.next();
      this.next();
      if (this.isPunct(this.peek(), '*')) this.fail(this.peek(), 'a relation followed at any depth (*) is a source — put it in FROM', `e.g. FROM ${lower} ${following.value}*([[…]])`);
      return { type: 'relation', relation: following.value, direction: lower, position: at(following) };
    }
    this.next();
    if (this.isPunct(this.peek(), '*')) this.fail(this.peek(), 'a relation followed at any depth (*) is a source — put it in FROM', `e.g. FROM ${token.value}*([[…]])`);
    return { type: 'name', name: token.value, position };
  }

  private dateLiteral(token: Token, text: string, position: QueryPosition = at(token)): ValueExpr {
    if (parseIsoDate(text) === undefined) {
      this.fail(token, `${JSON.stringify(text)} is not a date — write an ISO date such as 2024-03-01 or date("2024-03-01T12:00:00Z")`);
    }
    return { type: 'date', text: text.trim(), position };
  }
}

/** Parses a query block's text; never throws. Positions are 1-based within `text`. */
export function parseQuery(text: string): ParseQueryResult {
  try {
    const lexed = tokenize(text);
    if ('error' in lexed) return { errors: [lexed.error] };
    return { query: new Parser(lexed.tokens, text).parse() };
  } catch (error) {
    if (error instanceof ParseFailure) return { errors: [error.error] };
    // A bug must not take the build down with a stack trace; report it where the query starts.
    return { errors: [{ message: `parseQuery: internal error (${(error as Error).message}) — please report this query`, line: 1, column: 1 }] };
  }
}
