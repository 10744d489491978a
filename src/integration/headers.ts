// dist/_headers for Netlify and Cloudflare Pages: long-lived caching for content-hashed assets,
// short caching for pages and data, and the security headers (the same CSP the pages carry).
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../lib/security.ts';

export function headersFile(base: string): string {
  const security = [
    `  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  Permissions-Policy: camera=(), microphone=(), geolocation=()',
    '  Cross-Origin-Opener-Policy: same-origin',
  ];
  return [
    `${base}*`,
    ...security,
    '  Cache-Control: public, max-age=600',
    '',
    `${base}_astro/*`,
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
    `${base}pagefind/*`,
    '  Cache-Control: public, max-age=3600',
    '',
  ].join('\n');
}

export async function writeHeadersFile({ dir, base }: { dir: URL; base: string }): Promise<void> {
  await writeFile(join(fileURLToPath(dir), '_headers'), headersFile(base));
}
