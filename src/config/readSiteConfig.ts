// Reading the vault's `atlas.yaml` against the site configuration schema, every problem reported
// at its line with the field it concerns. A vault without the file gets the defaults.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Diagnostic } from '../pipeline/diagnostics.ts';
import { parseYaml } from '../pipeline/yaml.ts';
import { SITE_CONFIG_FILE, siteConfigSchema, type SiteConfig } from './siteConfig.ts';

export interface LoadedSiteConfig {
  config: SiteConfig;
  /** The site's name: `title`, else the vault folder's name. */
  title: string;
  /** The file as the author sees it (relative to the working directory), when there is one. */
  file: string | undefined;
  diagnostics: Diagnostic[];
  /** Line of the value at a path such as ['header', 0, 'link'], for messages about resolved values. */
  lineOf(path: readonly PropertyKey[]): number;
}

export function readSiteConfig(contentDir: string, displayPath: (vaultRelative: string) => string): LoadedSiteConfig {
  const path = join(contentDir, SITE_CONFIG_FILE);
  const defaults = siteConfigSchema.parse({});
  const folderTitle = basename(contentDir) || 'Notes';
  if (!existsSync(path)) return { config: defaults, title: folderTitle, file: undefined, diagnostics: [], lineOf: () => 1 };

  const file = displayPath(SITE_CONFIG_FILE);
  const yaml = parseYaml(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), 1);
  const diagnostics: Diagnostic[] = yaml.errors.map((e) => ({
    severity: 'error',
    rule: 'site-config',
    file,
    line: e.line,
    column: e.column,
    message: `invalid YAML in the site configuration: ${e.message}`,
  }));
  if (diagnostics.length) return { config: defaults, title: folderTitle, file, diagnostics, lineOf: yaml.lineOf };
  const result = siteConfigSchema.safeParse(yaml.value ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const key of keys) {
        const fieldPath = key === undefined ? issue.path : [...issue.path, key];
        const field = fieldPath.map(String).join('.') || '(top level)';
        const message = issue.code === 'unrecognized_keys' ? `unknown setting "${field}" — see README "Configuration" for the settings` : issue.message;
        diagnostics.push({ severity: 'error', rule: 'site-config', file, line: yaml.lineOf(fieldPath), column: 1, message: `site configuration "${field}": ${message}` });
      }
    }
    return { config: defaults, title: folderTitle, file, diagnostics, lineOf: yaml.lineOf };
  }
  return { config: result.data, title: result.data.title ?? folderTitle, file, diagnostics, lineOf: yaml.lineOf };
}
