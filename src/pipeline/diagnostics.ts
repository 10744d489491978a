// Content problems found while building: each names the file, line and column and says what to do.
// They are collected, never thrown one by one, so an author sees every problem in one build.

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Short name of the kind of problem (`unresolved-link`, `frontmatter`…), shown by `npm run check`. */
  rule: string;
  /** Path as the author knows it, relative to the working directory, e.g. `content/x.md`. */
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.message}`;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** Thrown when the build cannot go on; carries every diagnostic so the caller prints them without a stack trace. */
export class ContentError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(`${errors.length} content error${errors.length === 1 ? '' : 's'}:\n${sortDiagnostics(errors).map(formatDiagnostic).join('\n')}`);
    this.name = 'ContentError';
    this.diagnostics = diagnostics;
    // The list is the whole story, and the author's to act on: no stack frames of the generator's
    // code under it (the dev server's log and error page print `stack`).
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Levenshtein distance, bounded: returns `limit + 1` as soon as the distance exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const curr = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      curr.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    prev = curr;
  }
  return prev[b.length]!;
}

/** How many edits still count as a plausible typo of a name of this length. */
function typoLimit(length: number): number {
  return Math.max(2, Math.floor(length / 3));
}

/** The closest candidate to `name`, if close enough to be a plausible typo. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const needle = name.toLowerCase();
  const limit = typoLimit(needle.length);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = editDistance(needle, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance || (d === bestDistance && d <= limit && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * "Did you mean" over many names without comparing each query with every name: candidates are
 * bucketed by length (an edit changes the length by at most one) and indexed by their character
 * bigrams. An edit destroys at most two bigram occurrences, so a name within k edits of the query
 * still contains all but at most 2k of the query's distinct bigrams; only names passing that count
 * are compared. [Reference]: E. Ukkonen, "Approximate string-matching with q-grams and maximal
 * matches", Theoretical Computer Science 92 (1992).
 */
export class DidYouMeanIndex {
  readonly #names: string[];
  readonly #lower: string[];
  readonly #byLength = new Map<number, number[]>();
  readonly #byBigram = new Map<string, number[]>();

  constructor(names: Iterable<string>) {
    this.#names = [...new Set(names)];
    this.#lower = this.#names.map((n) => n.toLowerCase());
    this.#lower.forEach((name, i) => {
      push(this.#byLength, name.length, i);
      for (const gram of new Set(bigrams(name))) push(this.#byBigram, gram, i);
    });
  }

  closest(name: string): string | undefined {
    const needle = name.toLowerCase();
    const limit = typoLimit(needle.length);
    let candidates: Iterable<number>;
    const grams = new Set(bigrams(needle));
    const needed = grams.size - 2 * limit;
    if (needed > 0) {
      const shared = new Map<number, number>();
      for (const gram of grams) for (const i of this.#byBigram.get(gram) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
      candidates = [...shared].filter(([, n]) => n >= needed).map(([i]) => i);
    } else {
      const list: number[] = [];
      for (let len = Math.max(0, needle.length - limit); len <= needle.length + limit; len++) list.push(...(this.#byLength.get(len) ?? []));
      candidates = list;
    }
    let best: number | undefined;
    let bestDistance = limit + 1;
    for (const i of candidates) {
      const d = editDistance(needle, this.#lower[i]!, bestDistance);
      if (d < bestDistance || (d === bestDistance && d <= limit && best !== undefined && this.#names[i]! < this.#names[best]!)) {
        best = i;
        bestDistance = d;
      }
    }
    return best !== undefined && bestDistance <= limit ? this.#names[best] : undefined;
  }
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
