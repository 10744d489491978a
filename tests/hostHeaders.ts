// dist/_headers read the way Cloudflare Pages reads it (Netlify's file has the same syntax): blocks
// of a URL pattern on its own line followed by indented `Name: value` lines; `#` starts a comment.
// A pattern matches the whole request path: `*` (a splat) matches any characters, slashes
// included, `:name` (a placeholder) matches one path segment; everything else is literal, so a
// trailing slash counts. Every rule whose pattern matches applies, in file order, and a header set
// by several of them is sent once with the values joined by ", " — which is how two max-age values
// would reach a browser in one Cache-Control. (`! Name` lines, Cloudflare's way to detach a header
// set by a broader rule, are understood too, though the generator does not write them.)
// Reference: Cloudflare Pages, "Headers", https://developers.cloudflare.com/pages/configuration/headers/

export interface HeaderRule {
  pattern: string;
  /** 1-based line of the pattern, for messages. */
  line: number;
  headers: Array<{ name: string; value: string }>;
  detach: string[];
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), line: i + 1, headers: [], detach: [] });
      return;
    }
    const rule = rules[rules.length - 1];
    if (!rule) throw new Error(`_headers:${i + 1}: a header line before any URL pattern`);
    const detach = /^\s+!\s*(\S+)\s*$/.exec(line);
    if (detach) {
      rule.detach.push(detach[1]!.toLowerCase());
      return;
    }
    const header = /^\s+([^:\s]+)\s*:\s*(.*)$/.exec(line);
    if (!header) throw new Error(`_headers:${i + 1}: not a "Name: value" line: ${line}`);
    rule.headers.push({ name: header[1]!.toLowerCase(), value: header[2]!.trim() });
  });
  return rules;
}

/** The pattern as an anchored regular expression over the request path. */
export function patternRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '[^/]+'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

export interface ResolvedHeaders {
  /** Final value of each header (lower-case name), repeated headers joined with ", ". */
  values: Record<string, string>;
  /** How many matching rules set each header. */
  setBy: Record<string, number[]>;
}

/** The headers a host sends for `path`. */
export function headersForPath(rules: readonly HeaderRule[], path: string): ResolvedHeaders {
  const values: Record<string, string[]> = {};
  const setBy: Record<string, number[]> = {};
  for (const rule of rules) {
    if (!patternRegExp(rule.pattern).test(path)) continue;
    for (const { name, value } of rule.headers) {
      (values[name] ??= []).push(value);
      (setBy[name] ??= []).push(rule.line);
    }
    for (const name of rule.detach) {
      delete values[name];
      delete setBy[name];
    }
  }
  return { values: Object.fromEntries(Object.entries(values).map(([name, list]) => [name, list.join(', ')])), setBy };
}

/** Shorthand: the final header values for `path`. */
export function headersFor(rules: readonly HeaderRule[], path: string): Record<string, string> {
  return headersForPath(rules, path).values;
}

/** Every `max-age` directive (not `s-maxage`) in a Cache-Control value. */
export function maxAges(cacheControl: string | undefined): string[] {
  return (cacheControl ?? '').split(',').map((d) => d.trim()).filter((d) => /^max-age\s*=/i.test(d));
}
