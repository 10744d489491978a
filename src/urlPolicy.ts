// The one URL policy for everything that comes from content (Markdown links and images, raw HTML
// attributes, frontmatter references, configured header and footer links): http(s), mailto,
// relative and fragment URLs pass; every other scheme (javascript:, data:, vbscript:, file:, …)
// does not. URLs are read the way a browser reads them before deciding — control characters and
// whitespace that browsers ignore are stripped first — so `java&#9;script:` (a tab, once the HTML
// parser has decoded the entity) is caught like `javascript:`.

const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** What a browser does to an href before parsing it: trim C0 controls and spaces, drop tabs and newlines anywhere. */
export function browserNormalizedUrl(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

/** The URL's scheme, lower-cased with its colon (`javascript:`), or undefined for a relative URL. */
export function urlScheme(raw: string): string | undefined {
  const url = browserNormalizedUrl(raw);
  // A scheme is letters, digits, + - . starting with a letter, before the first : that comes
  // before any / ? # (WHATWG URL). Anything else is a relative reference.
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  return match ? `${match[1]!.toLowerCase()}:` : undefined;
}

/** True for http(s), mailto, relative and fragment URLs. */
export function isSafeUrl(raw: string): boolean {
  const url = browserNormalizedUrl(raw);
  // Any remaining control character makes the URL suspect (browsers strip some, not all).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(url)) return false;
  const scheme = urlScheme(url);
  return scheme === undefined || ALLOWED_SCHEMES.has(scheme);
}

/** The normalized URL when it is safe, else undefined. */
export function safeUrl(raw: string): string | undefined {
  return isSafeUrl(raw) ? browserNormalizedUrl(raw) : undefined;
}

/** True for absolute http(s) URLs only: what a reference or an external image must be. */
export function isHttpUrl(raw: string): boolean {
  const url = browserNormalizedUrl(raw);
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** Where content URLs are resolved to tell the site's own URLs from others: a host no site has. */
const OWN_SITE = 'https://own-site.invalid';

/**
 * The origin `raw` leads to when a page of the site uses it, resolved as a browser resolves it —
 * `//host`, `\\host`, `/\host` and whitespace around them all leave the site — or undefined when
 * it stays on the site (a relative or root-relative URL). Other schemes give the origin `null`.
 */
export function foreignOrigin(raw: string): string | undefined {
  try {
    const { origin } = new URL(raw, `${OWN_SITE}/page/`);
    return origin === OWN_SITE ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** A citation URL: http(s), or `doi:10.…/…`, which is turned into its https://doi.org/ resolver URL. */
export function citationUrl(raw: string): string | undefined {
  const url = browserNormalizedUrl(raw);
  const doi = /^doi:\s*(10\.\d{4,9}\/\S+)$/i.exec(url);
  if (doi) return `https://doi.org/${doi[1]!.split('/').map((part, i) => (i === 0 ? part : encodeURIComponent(decodeSafe(part)))).join('/')}`;
  return isHttpUrl(url) ? url : undefined;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
