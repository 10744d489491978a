// Where and how a site is built and deployed, from the environment: the one place ATLAS_*
// variables are read. What the site *is* (its name, home note, look) is the vault's own
// configuration, `atlas.yaml` (src/config/siteConfig.ts); these settings change per deployment.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { normalizeBase } from '../routes.ts';

export type LinkPolicy = 'error' | 'warn';

export interface DeployConfig {
  /** Absolute path of the content folder (an Obsidian vault works as is). */
  contentDir: string;
  /** URL path prefix the site is served under, always with leading and trailing slash. */
  base: string;
  /** Absolute site origin used for canonical URLs, sitemap and feeds, without trailing slash. */
  site: string;
  /** ATLAS_LINKS, when set: overrides the vault's `links` setting. */
  links: LinkPolicy | undefined;
  /** Absolute path of the output folder (ATLAS_OUT, default `dist`). */
  outDir: string;
}

export class DeployConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployConfigError';
  }
}

export function readDeployConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): DeployConfig {
  const links = env['ATLAS_LINKS']?.trim() || undefined;
  if (links !== undefined && links !== 'error' && links !== 'warn') {
    throw new DeployConfigError(`ATLAS_LINKS must be "error" or "warn", got "${links}"`);
  }
  const site = (env['ATLAS_SITE'] ?? 'http://127.0.0.1:4321').trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#\s]+$/.test(site)) {
    throw new DeployConfigError(`ATLAS_SITE must be an origin such as https://example.org (no path: put the path in ATLAS_BASE), got "${site}"`);
  }
  return {
    contentDir: resolve(cwd, env['ATLAS_CONTENT'] ?? 'content'),
    base: normalizeBase(env['ATLAS_BASE']),
    site,
    links,
    outDir: resolve(cwd, env['ATLAS_OUT'] ?? 'dist'),
  };
}

/**
 * Why a static build cannot write to `outDir`, or undefined when it can. Astro bundles the pages
 * into a scratch folder and moves their assets into the output folder by renaming them; the scratch
 * folder is inside the output folder, or in the project's `.astro` folder when the output folder is
 * outside the project. A rename cannot cross filesystems, so an output folder outside the project
 * on another filesystem (a /tmp that is tmpfs, another disk, a container volume) made the build fail
 * half-way with "EXDEV: cross-device link not permitted" and a stack trace.
 */
export function outputFolderProblem(outDir: string, cwd = process.cwd(), deviceOf: (path: string) => number | bigint = deviceOfNearest): string | undefined {
  // Astro's own test for "inside the project": a plain prefix of the path.
  if (outDir.startsWith(cwd)) return undefined;
  if (deviceOf(outDir) === deviceOf(join(cwd, '.astro'))) return undefined;
  return (
    `ATLAS_OUT is ${outDir}, on another filesystem than the project (${cwd}): Astro moves built files into the output folder by renaming them, ` +
    'which cannot cross filesystems. Build into a folder on the same filesystem (the default, dist/ in the project, always is) and copy it from there.'
  );
}

/** The filesystem a path is on, or would be on once created: its nearest existing folder's. */
function deviceOfNearest(path: string): number {
  let at = path;
  while (!existsSync(at)) at = dirname(at);
  return statSync(at).dev;
}
