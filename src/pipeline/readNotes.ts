// Stage 1 of the pipeline: every note file read, its frontmatter validated, and its identity
// decided — title, slug and URL (from its path or `permalink`) — before any body is parsed.
// `readNote` reads one file (it runs wherever the note's shard runs); `claimUrls` then gives each
// URL to the first note that asks for it, in file order. Unpublished notes (drafts,
// `publish: false`) are kept aside by name, so links to them can be rendered as plain text with a
// warning instead of failing as unresolved.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopicSlug } from '../../graph/types.ts';
import { noteMetadata, type NoteMetadata, type TopicFrontmatter } from '../content/schema.ts';
import { parsePermalink, slugFromPath } from '../routes.ts';
import type { Diagnostic, Severity } from './diagnostics.ts';
import { parseFrontmatter, splitFrontmatter, withoutControlCharacters } from './frontmatter.ts';

/** Lines (in the file) of the frontmatter values later stages report problems about. */
export interface NoteLines {
  permalink: number;
  demo: number;
  created: number;
  updated: number;
  /** Per relation type: the line of its key and of each target. */
  relations: Record<string, { key: number; targets: number[] }>;
  /** The line each FAQ answer starts on. */
  faq: number[];
}

/** One published note, read and identified; its body is parsed in the next stage. */
export interface Note {
  /** Vault-relative path with extension. */
  rel: string;
  /** Path shown to authors, relative to the working directory. */
  file: string;
  /** Vault-relative path without extension. */
  path: string;
  /** The note's identity in the knowledge graph and every index. */
  slug: TopicSlug;
  /** Its URL path after the base, without slashes (see `topicId` for when it differs from the slug). */
  urlPath: string;
  /** True when `permalink: /` asks for the home page. */
  wantsHome: boolean;
  title: string;
  meta: NoteMetadata;
  data: TopicFrontmatter;
  /** Line in the file where the body starts. */
  bodyLine: number;
  isMdx: boolean;
  lines: NoteLines;
}

/** A note with its body, as its shard keeps it. */
export interface NoteSource extends Note {
  body: string;
}

/** A note that exists but is not published: links to it become plain text. */
export interface UnpublishedNote {
  path: string;
  title: string;
  aliases: readonly string[];
  reason: 'draft' | 'publish: false';
}

export interface ReadNoteOptions {
  contentDir: string;
  displayPath(vaultRelative: string): string;
  /** Warn mode: problems with a safe fallback are warnings. */
  lenient: boolean;
  /** Categories the site allows, when it lists them. */
  categories: readonly string[] | undefined;
}

export interface ReadNoteResult {
  note?: NoteSource;
  unpublished?: UnpublishedNote;
  diagnostics: Diagnostic[];
}

/** Reads and identifies one note file. */
export function readNote(rel: string, options: ReadNoteOptions): ReadNoteResult {
  const diagnostics: Diagnostic[] = [];
  const recoverable: Severity = options.lenient ? 'warning' : 'error';
  const file = options.displayPath(rel);
  const source = readText(join(options.contentDir, rel), file, diagnostics);
  if (source === undefined) return { diagnostics };
  const split = splitFrontmatter(source);
  if (split.bodyLine === 1 && /^\uFEFF?---[ \t]*\n/.test(source)) {
    diagnostics.push({ severity: 'warning', rule: 'frontmatter', file, line: 1, column: 1, message: 'the file starts with --- but no --- line closes the frontmatter, so all of it is read as Markdown — add the closing --- line' });
  }
  const parsed = parseFrontmatter(split, file, { lenient: options.lenient });
  diagnostics.push(...parsed.diagnostics);
  const data = parsed.data;
  const meta = noteMetadata(data);
  const path = rel.replace(/\.(md|mdx)$/i, '');
  const title = meta.title ?? withoutControlCharacters(path.split('/').pop()!);
  if (data.draft || !data.publish) return { unpublished: { path, title, aliases: meta.aliases, reason: data.draft ? 'draft' : 'publish: false' }, diagnostics };

  let urlPath: string = slugFromPath(rel);
  let wantsHome = false;
  if (data.permalink !== undefined) {
    const target = parsePermalink(data.permalink);
    if (target === null) {
      diagnostics.push({ severity: recoverable, rule: 'frontmatter', file, line: parsed.lineOf(['permalink']), column: 1, message: `permalink "${data.permalink}" has no usable characters — use a path such as /my-topic/, or / for the home page` });
    } else if (target.home) {
      wantsHome = true;
    } else {
      urlPath = target.slug;
    }
  }
  if (options.categories && meta.category !== undefined && !options.categories.includes(meta.category)) {
    diagnostics.push({ severity: recoverable, rule: 'unknown-category', file, line: parsed.lineOf(['category']), column: 1, message: `category "${meta.category}" is not one of the site's categories — use one of: ${options.categories.join(', ')}, or add it to "categories" in atlas.yaml` });
  }
  const lines: NoteLines = {
    permalink: parsed.lineOf(['permalink']),
    demo: parsed.lineOf(['demo']),
    created: parsed.lineOf(['created']),
    updated: parsed.lineOf(['updated']),
    relations: Object.fromEntries(Object.entries(data.relations).map(([type, targets]) => [type, { key: parsed.lineOf(['relations', type]), targets: targets.map((_, i) => parsed.lineOf(['relations', type, i])) }])),
    faq: data.faq.map((_, i) => parsed.lineOf(['faq', i, 'a'])),
  };
  const note: NoteSource = { rel, file, path, slug: topicId(urlPath), urlPath, wantsHome, title, meta, data, body: split.body, bodyLine: split.bodyLine, isMdx: /\.mdx$/i.test(rel), lines };
  return { note, diagnostics };
}

/** Gives each URL to the first note (in file order) that asks for it; the others are errors naming both. */
export function claimUrls<N extends Note>(notes: readonly N[]): { notes: N[]; diagnostics: Diagnostic[] } {
  const owner = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const kept: N[] = [];
  for (const note of notes) {
    const taken = owner.get(note.urlPath);
    if (taken) {
      diagnostics.push({ severity: 'error', rule: 'slug-collision', file: note.file, line: note.data.permalink !== undefined && !note.wantsHome ? note.lines.permalink : 1, column: 1, message: `URL /${note.urlPath}/ is also the URL of ${taken}${lookAlike(taken, note.file)} — rename one of the files or set a permalink` });
      continue;
    }
    owner.set(note.urlPath, note.file);
    kept.push(note);
  }
  return { notes: kept, diagnostics };
}

/** Why two file names that give one URL may look like one name to the author. */
function lookAlike(a: string, b: string): string {
  // The same characters written two ways (é as one code point, or e + a combining accent) look identical.
  if (a !== b && a.normalize('NFC') === b.normalize('NFC')) return ' (the two names differ only in how accented letters are encoded: NFC and NFD)';
  if (a !== b && a.toLowerCase() === b.toLowerCase()) return ' (the two names differ only in letter case)';
  return '';
}

/**
 * A topic's identity: its URL path, except for the few paths that are names of Object.prototype
 * members (`constructor`): graph libraries keep nodes in plain objects, where such a key finds the
 * inherited member instead of the topic. Those get a trailing hyphen, which no URL path can have,
 * so the identity stays unique while the note keeps its URL.
 */
export function topicId(urlPath: string): TopicSlug {
  return (Object.prototype.hasOwnProperty.call(Object.prototype, urlPath) ? `${urlPath}-` : urlPath) as TopicSlug;
}

/** The file as text with LF line endings, or undefined (with a diagnostic) when it is not text. */
function readText(full: string, file: string, diagnostics: Diagnostic[]): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(full);
  } catch (error) {
    diagnostics.push({ severity: 'error', rule: 'unreadable', file, line: 1, column: 1, message: `cannot read this file (${(error as NodeJS.ErrnoException).code ?? String(error)}) — check its permissions` });
    return undefined;
  }
  if (bytes.includes(0)) {
    diagnostics.push({ severity: 'error', rule: 'not-text', file, line: 1, column: 1, message: 'is not a text file (it contains NUL bytes) — a .md file must be Markdown text; rename or remove it' });
    return undefined;
  }
  const text = bytes.toString('utf8');
  // Invalid UTF-8 decodes to U+FFFD; a file may also contain that character legitimately, so only
  // then is it checked strictly (rarely: the strict decoder is slow).
  if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(bytes)) {
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    diagnostics.push({ severity: 'warning', rule: 'encoding', file, line, column: 1, message: 'is not valid UTF-8; unreadable characters are shown as \uFFFD — save the file as UTF-8' });
  }
  // One line-ending convention downstream; line numbers are unchanged.
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
