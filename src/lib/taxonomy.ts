// URLs of tag and category pages; the one place their shape is defined.
import { slugifySegment } from '../pipeline/slug.ts';

/** `ML/Pruning` → `ml/pruning` (nested tags keep their hierarchy). */
export function tagSlug(tag: string): string {
  return tag.split('/').map(slugifySegment).filter(Boolean).join('/') || 'tag';
}

export function tagHref(base: string, tag: string): string {
  return `${base}tags/${tagSlug(tag).split('/').map(encodeURIComponent).join('/')}/`;
}

export function categorySlug(category: string): string {
  return slugifySegment(category);
}

export function categoryHref(base: string, category: string): string {
  return `${base}categories/${encodeURIComponent(categorySlug(category))}/`;
}
