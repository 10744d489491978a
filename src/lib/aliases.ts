// Alias URLs: each alias of a topic gets a redirect page at /<alias-slug>/, unless that URL is
// already a topic, a site route, or claimed by an earlier alias (first topic by title wins).
import { reservedRouteOf } from '../pipeline/loadSite.ts';
import { slugifySegment } from '../pipeline/slug.ts';
import type { TopicSlug } from '../../graph/types.ts';
import type { Site } from './site.ts';

export interface AliasRedirect {
  /** URL path segment of the alias, e.g. `pruning`. */
  path: string;
  to: TopicSlug;
}

export function aliasRedirects(site: Pick<Site, 'topics' | 'bySlug'>): AliasRedirect[] {
  const taken = new Set<string>([...site.bySlug.keys(), 'index']);
  const redirects: AliasRedirect[] = [];
  for (const topic of site.topics) {
    for (const alias of topic.data.aliases) {
      const path = slugifySegment(alias);
      if (!path || taken.has(path) || reservedRouteOf(path)) continue;
      taken.add(path);
      redirects.push({ path, to: topic.slug });
    }
  }
  return redirects;
}
