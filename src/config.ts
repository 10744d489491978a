// Build configuration from the environment: the one place ATLAS_* variables are read.
import { resolve } from 'node:path';

export type LinkPolicy = 'error' | 'warn';

export interface AtlasConfig {
  /** Absolute path of the content folder (an Obsidian vault works as is). */
  contentDir: string;
  /** URL path prefix the site is served under, always with leading and trailing slash. */
  base: string;
  /** Absolute site origin used for canonical URLs, sitemap and feeds. */
  site: string;
  /** What an unresolved wikilink does to the build. */
  links: LinkPolicy;
}

export function normalizeBase(raw: string | undefined): string {
  const trimmed = (raw ?? '/').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

export function readConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): AtlasConfig {
  const links = (env['ATLAS_LINKS'] ?? 'error').trim();
  if (links !== 'error' && links !== 'warn') {
    throw new Error(`ATLAS_LINKS must be "error" or "warn", got "${links}"`);
  }
  return {
    contentDir: resolve(cwd, env['ATLAS_CONTENT'] ?? 'content'),
    base: normalizeBase(env['ATLAS_BASE']),
    site: (env['ATLAS_SITE'] ?? 'http://127.0.0.1:4321').replace(/\/+$/, ''),
    links,
  };
}
