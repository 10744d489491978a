// Problems with a query, as the author should read them: where (1-based, relative to the query
// block's text), what is wrong and what to write instead.

export interface QueryError {
  message: string;
  line: number;
  column: number;
  /** A second sentence with an example or the list of valid choices. */
  hint?: string;
}

export function compareQueryErrors(a: QueryError, b: QueryError): number {
  return a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/** Levenshtein distance, bounded: returns `limit + 1` as soon as the distance exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const curr = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      curr.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    prev = curr;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `name` (case-insensitively), if close enough to be a typo; ties go to
 * the smallest candidate in code-unit order so the suggestion does not depend on input order.
 * The same rule as src/pipeline/diagnostics.ts `didYouMean`, which graph/ cannot import.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const needle = name.toLowerCase();
  const limit = Math.max(2, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = editDistance(needle, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
