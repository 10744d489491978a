// The page at a redirect URL (an alias such as `/pruning/`, or the home note's own path): sends
// the reader to the canonical page at once (no JavaScript needed) and tells search engines which
// URL is canonical. A static build writes these files directly (src/integration/redirects.ts),
// thousands at a time; the dev server renders the same HTML from its route.
import type { Topic } from '../pipeline/loadContent.ts';
import type { Site } from './site.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function redirectPageHtml(site: Pick<Site, 'origin' | 'identity'>, topic: Pick<Topic, 'url' | 'title'>): string {
  const url = escapeHtml(topic.url);
  const canonical = escapeHtml(new URL(topic.url, site.origin + '/').href);
  const title = escapeHtml(topic.title);
  return (
    `<!DOCTYPE html><html lang="${escapeHtml(site.identity.language)}"><head><meta charset="utf-8"><title>Redirecting to ${title}</title>` +
    `<meta http-equiv="refresh" content="0; url=${url}"><link rel="canonical" href="${canonical}"><meta name="robots" content="noindex"></head>` +
    `<body><p>This page has moved. Go to <a href="${url}">${title}</a>.</p></body></html>\n`
  );
}
