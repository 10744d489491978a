// Redirect pages: each alias of a topic gets one at /<alias-slug>/ unless that URL is already a
// topic or claimed by an earlier alias (first topic by title wins); the home note's own path
// redirects to the site root. Aliases share the notes' URL space, so they can never shadow a
// generator page (those live under /-/, see src/routes.ts).
import { routeParam, slugifySegment } from '../routes.ts';
import type { TopicSlug } from '../../graph/types.ts';
import type { Site } from './site.ts';

export interface Redirect {
  /** URL path after the base, without slashes, e.g. `pruning`. */
  path: string;
  to: TopicSlug;
}

export function redirects(site: Pick<Site, 'base' | 'topics' | 'redirects' | 'home'>): Redirect[] {
  const taken = new Set<string>(site.topics.filter((t) => t !== site.home).map((t) => routeParam(site.base, t.url)));
  const out: Redirect[] = [];
  for (const r of site.redirects) {
    if (taken.has(r.path)) continue;
    taken.add(r.path);
    out.push(r);
  }
  for (const topic of site.topics) {
    for (const alias of topic.aliases) {
      const path = slugifySegment(alias);
      if (!path || taken.has(path)) continue;
      taken.add(path);
      out.push({ path, to: topic.slug });
    }
  }
  return out;
}
