// URL slugs for topics: derived from the file's path inside the content folder, segment by segment,
// or taken from a frontmatter `permalink` (as Obsidian Publish does).
import type { TopicSlug } from '../../graph/types.ts';

/** Lower-cases and replaces every run of non-letters/digits with one hyphen; keeps Unicode letters (CJK titles stay readable). */
export function slugifySegment(segment: string): string {
  return segment
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** `techniques/Model Pruning.md` → `techniques/model-pruning`; a folder's `index.md` takes the folder's slug. */
export function slugFromPath(relativePath: string): TopicSlug {
  const withoutExt = relativePath.replace(/\\/g, '/').replace(/\.(md|mdx)$/i, '');
  const segments = withoutExt.split('/').map(slugifySegment).filter((s) => s !== '');
  if (segments.length > 1 && segments[segments.length - 1] === 'index') segments.pop();
  return (segments.length ? segments.join('/') : 'untitled') as TopicSlug;
}

/** `/Notes/My Page/` → `notes/my-page`; null when nothing usable is left. */
export function slugFromPermalink(permalink: string): TopicSlug | null {
  const segments = permalink.split('/').map(slugifySegment).filter((s) => s !== '');
  return segments.length ? (segments.join('/') as TopicSlug) : null;
}

/** Site-relative URL of a topic, e.g. base `/wiki/` + `a/b` → `/wiki/a/b/`. */
export function topicUrl(base: string, slug: TopicSlug): string {
  return `${base}${slug.split('/').map(encodeURIComponent).join('/')}/`;
}
