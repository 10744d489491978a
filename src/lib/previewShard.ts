// Which shard of the preview index holds a topic: shared by the build (which writes the shards)
// and the browser (which fetches one), so the two can never disagree.

/** One topic in the preview index: title, category, summary (short keys keep the shards small). */
export interface PreviewEntry {
  t: string;
  c?: string;
  s?: string;
}

export const PREVIEW_SHARDS = 32;

/** FNV-1a hash of the slug, modulo the shard count. */
export function previewShard(slug: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < slug.length; i++) {
    hash ^= slug.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % PREVIEW_SHARDS;
}
