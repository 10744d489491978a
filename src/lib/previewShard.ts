// Which shard of the preview index holds a page: shared by the build (which writes the shards) and
// the browser (which fetches one), so the two can never disagree. Pages are keyed by their URL path
// (src/routes.ts `pageKey`), so links to the home page and to permalinks find their preview too.

/** One topic in the preview index: title, category, summary (short keys keep the shards small). */
export interface PreviewEntry {
  t: string;
  c?: string;
  s?: string;
}

/** Preview entries per shard the build aims for: a shard stays a few KB gzipped at any site size. */
export const TOPICS_PER_SHARD = 64;

/** How many shards a site of `topics` pages gets: a power of two, at least one. */
export function previewShardCount(topics: number): number {
  let shards = 1;
  while (shards * TOPICS_PER_SHARD < topics) shards *= 2;
  return shards;
}

/** FNV-1a hash of the page key, modulo the shard count. */
export function previewShard(key: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

/** The shards' contents: each page's entry in the shard its key hashes to (what the build writes). */
export function previewShards(entries: Iterable<readonly [key: string, entry: PreviewEntry]>, shards: number): Record<string, PreviewEntry>[] {
  const out = Array.from({ length: shards }, () => ({}) as Record<string, PreviewEntry>);
  for (const [key, entry] of entries) out[previewShard(key, shards)]![key] = entry;
  return out;
}
