// The build cache: what the last build learned about each note, so the next build redoes only what
// changed. Per note (by vault path), keyed by a digest of the file's bytes:
//   read       the note's identity, frontmatter and anchors (no re-parse to build the index)
//   transform  its link records and the rest of src/pipeline/noteShard.ts's TransformedNote, with
//              the log of lookups it made (src/pipeline/lookupLog.ts): valid while every lookup
//              gets the same answer
//   render     its HTML, valid under the same render key (query results and the notes it embeds)
// and for the whole vault the graph analytics and layout, keyed by the graph's structure.
// The whole cache is keyed by the generator (its source files and dependency lockfile), the
// deployment settings and the site configuration: change any of them and the build starts cold.
// Stored with node:v8 serialization in one file per content folder and output folder, under
// ATLAS_CACHE (default node_modules/.cache/efficiency-atlas); ATLAS_CACHE=off disables it. The file
// is a sequence of frames (a header, then the notes a batch at a time), each written and read on
// its own: at 100,000 notes the cache is about 1.9 GB, and as one buffer it was held whole in
// memory at the end of every build, and above 2 GiB could not be read back at all (readFileSync's
// limit), so every build of a larger vault would have silently been cold.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { KnowledgeGraph, TopicAttributes } from '../../graph/knowledgeGraph.ts';
import type { ReadResult, RenderedNote, TransformedNote } from './noteShard.ts';

export const CACHE_FORMAT = 2;

/** Notes per frame of the cache file: a few megabytes of v8 serialization each. */
const NOTES_PER_FRAME = 500;

export interface CachedNote {
  /** Digest of the file's bytes. */
  source: string;
  /** The file's size and modification time when it was read (the dev server trusts them). */
  stat?: string;
  read: ReadResult;
  transform?: TransformedNote;
  render?: { key: string; note: RenderedNote };
}

/** Per-topic graph attributes computed from the graph's structure alone. */
export type GraphAnalytics = Record<string, Pick<TopicAttributes, 'pagerank' | 'community' | 'inDegree' | 'outDegree'>>;
export type GraphLayout = Record<string, Pick<TopicAttributes, 'x' | 'y' | 'size'>>;

interface Stored {
  format: number;
  stamp: string;
  notes: Map<string, CachedNote>;
  analytics: { key: string; nodes: GraphAnalytics } | undefined;
  layout: { key: string; nodes: GraphLayout } | undefined;
  /** Digest of everything a transform may look up (all notes' names, anchors, attachments…). */
  lookups: string | undefined;
}

export class BuildCache {
  /** What the previous build left (empty on a cold build). */
  readonly previous: ReadonlyMap<string, CachedNote>;
  /** What this build records; becomes `previous` for the next. */
  readonly notes = new Map<string, CachedNote>();
  analytics: Stored['analytics'];
  layout: Stored['layout'];
  lookups: Stored['lookups'];
  readonly #previousGraph: Pick<Stored, 'analytics' | 'layout'>;
  /** The last build's lookup digest: when equal, every transform's lookups have the same answers. */
  readonly previousLookups: string | undefined;

  readonly stamp: string;
  readonly file: string | undefined;
  /**
   * Whether a later build reads what this one records: false for a static build with the cache
   * off, which then keeps no per-note records (at 100,000 pages, memory the build needs).
   */
  readonly remembers: boolean;

  constructor(stamp: string, file: string | undefined, stored?: Stored, { remembers = true }: { remembers?: boolean } = {}) {
    this.stamp = stamp;
    this.file = file;
    this.remembers = remembers;
    this.previous = stored?.notes ?? new Map();
    this.#previousGraph = { analytics: stored?.analytics, layout: stored?.layout };
    this.previousLookups = stored?.lookups;
    // Carried forward until this build computes its own, so a dev-server build that deferred
    // them still hands the last ones on.
    this.analytics = stored?.analytics;
    this.layout = stored?.layout;
  }

  /** The last build's analytics and layout whatever the structure (the dev server's stand-in while it recomputes). */
  get lastGraph(): { analytics: GraphAnalytics | undefined; layout: GraphLayout | undefined } {
    return { analytics: this.#previousGraph.analytics?.nodes, layout: this.#previousGraph.layout?.nodes };
  }

  /** True when the previous build left anything to reuse. */
  get warm(): boolean {
    return this.previous.size > 0;
  }

  analyticsFor(key: string): GraphAnalytics | undefined {
    const a = this.#previousGraph.analytics;
    return a?.key === key ? a.nodes : undefined;
  }

  layoutFor(key: string): GraphLayout | undefined {
    const l = this.#previousGraph.layout;
    return l?.key === key ? l.nodes : undefined;
  }

  /** Analytics and layout computed after this build (the dev server's background work). */
  learnGraph(work: { analytics: NonNullable<Stored['analytics']>; layout: NonNullable<Stored['layout']> }): void {
    this.analytics = work.analytics;
    this.layout = work.layout;
  }

  /** Writes this build's records (atomically: a crash mid-write leaves the old cache). */
  save(): void {
    if (!this.file) return;
    const header: StoredHeader = { format: CACHE_FORMAT, stamp: this.stamp, notes: this.notes.size, analytics: this.analytics, layout: this.layout, lookups: this.lookups };
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeFrame(fd, header);
      let batch: Array<[string, CachedNote]> = [];
      for (const entry of this.notes) {
        batch.push(entry);
        if (batch.length === NOTES_PER_FRAME) {
          writeFrame(fd, batch);
          batch = [];
        }
      }
      if (batch.length > 0) writeFrame(fd, batch);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
  }

  /** The cache for the next build in the same process (the dev server): this build's records. */
  next(): BuildCache {
    return new BuildCache(this.stamp, this.file, { format: CACHE_FORMAT, stamp: this.stamp, notes: this.notes, analytics: this.analytics, layout: this.layout, lookups: this.lookups });
  }
}

export interface CacheLocation {
  /** The cache folder; `undefined` disables the cache. */
  dir: string | undefined;
  /** What the cache file is for: the content folder and the output folder. */
  contentDir: string;
  outDir: string;
  /** The dev server: no folder, but each build's records are kept in memory for the next. */
  inMemory?: boolean;
}

/** The cache folder from ATLAS_CACHE: a path, `off`, or unset for node_modules/.cache/efficiency-atlas. */
export function cacheDir(env: Record<string, string | undefined> = process.env, root = generatorRoot()): string | undefined {
  const setting = env['ATLAS_CACHE']?.trim();
  if (setting === 'off' || setting === '0' || setting === 'false') return undefined;
  if (setting) return resolve(setting);
  return root ? join(root, 'node_modules/.cache/efficiency-atlas') : undefined;
}

/**
 * Opens the cache for this content folder and output folder. `settings` is everything besides the
 * notes that decides the output (deployment, site configuration); with the generator's own digest
 * it forms the stamp a stored cache must carry to be used.
 */
export function openBuildCache(location: CacheLocation, settings: unknown): BuildCache {
  const stamp = digest(JSON.stringify([CACHE_FORMAT, generatorDigest(), settings]));
  if (!location.dir) return new BuildCache(stamp, undefined, undefined, { remembers: location.inMemory === true });
  const file = join(location.dir, `${digest(`${resolve(location.contentDir)}\u0000${resolve(location.outDir)}`).slice(0, 24)}.bin`);
  if (!existsSync(file)) return new BuildCache(stamp, file);
  const stored = readStored(file, stamp);
  return new BuildCache(stamp, file, stored);
}

/** What the cache file's first frame holds; the notes follow, a batch per frame. */
type StoredHeader = Omit<Stored, 'notes'> & { notes: number };

/** A frame's length is written in this many bytes (little-endian): room for 2^48 bytes. */
const LENGTH_BYTES = 6;

/** A frame: its length, then the value's v8 serialization. */
function writeFrame(fd: number, value: unknown): void {
  const body = serialize(value);
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUIntLE(body.length, 0, LENGTH_BYTES);
  writeFully(fd, length);
  writeFully(fd, body);
}

function writeFully(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * The stored cache, or undefined when there is none to use: another stamp (the generator, the
 * settings or the format changed), or a damaged or truncated file, which is not an error (the
 * build is cold and rewrites it). Only the header is read when the stamp differs.
 */
function readStored(file: string, stamp: string): Stored | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    let position = 0;
    const readFrame = (): unknown => {
      const length = readExactly(fd!, LENGTH_BYTES, position, size).readUIntLE(0, LENGTH_BYTES);
      const body = readExactly(fd!, length, position + LENGTH_BYTES, size);
      position += LENGTH_BYTES + length;
      return deserialize(body);
    };
    const header = readFrame() as StoredHeader;
    if (header?.format !== CACHE_FORMAT || header.stamp !== stamp) return undefined;
    const notes = new Map<string, CachedNote>();
    while (notes.size < header.notes) {
      for (const [path, note] of readFrame() as Array<[string, CachedNote]>) notes.set(path, note);
    }
    if (position !== size || notes.size !== header.notes) return undefined;
    return { ...header, notes };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `length` bytes from `position`; throws when the file ends first (a truncated cache). */
function readExactly(fd: number, length: number, position: number, size: number): Buffer {
  if (position + length > size) throw new Error('cache file ends early');
  const bytes = Buffer.allocUnsafe(length);
  for (let done = 0; done < length; ) {
    const read = readSync(fd, bytes, done, length - done, position + done);
    if (read === 0) throw new Error('cache file ends early');
    done += read;
  }
  return bytes;
}

/** A digest of what the graph analytics and layout read: topics in order, edges with type and weight. */
export function structureDigest(graph: KnowledgeGraph): string {
  const hash = createHash('sha256');
  graph.forEachNode((node) => hash.update(node).update('\u0000'));
  hash.update('\u0001');
  graph.forEachEdge((_edge, a, source, target) => hash.update(`${source}\u0000${target}\u0000${a.type}\u0000${a.weight}\u0000`));
  return hash.digest('base64url');
}

export function digest(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url');
}

/** The generator's source folder: the repository this module belongs to. */
function generatorRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && existsSync(join(dir, 'src/pipeline'))) return dir;
    dir = dirname(dir);
  }
  return undefined;
}

let generator: string | undefined;

/**
 * A digest of everything the generator is: its source (src/, graph/, astro.config.mjs) and its
 * dependencies (package.json, package-lock.json). Any edit to them makes the next build cold.
 */
export function generatorDigest(): string {
  if (generator) return generator;
  const root = generatorRoot();
  // Not running from the repository (should not happen): never reuse anything.
  if (!root) return (generator = `uncached-${process.pid}-${Date.now()}`);
  const hash = createHash('sha256');
  const add = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) add(join(path, entry));
    } else {
      hash.update(path.slice(root.length)).update('\u0000').update(readFileSync(path)).update('\u0000');
    }
  };
  for (const part of ['src', 'graph', 'astro.config.mjs', 'package.json', 'package-lock.json']) add(join(root, part));
  return (generator = hash.digest('base64url'));
}
