// The shareable search URL: `<search page>?q=…&category=…&tag=…&tag=…`. The header form submits
// `q` to the same page without JavaScript, so the page reads exactly what the form writes.
import { siteRoutes } from '../../routes.ts';

export interface SearchState {
  query: string;
  category: string | undefined;
  tags: string[];
}

export function searchPageUrl(base: string, query: string, selection: { category?: string | undefined; tags: readonly string[] }): string {
  const params = new URLSearchParams();
  if (query.trim()) params.set('q', query);
  if (selection.category) params.set('category', selection.category);
  for (const tag of selection.tags) params.append('tag', tag);
  const search = params.toString();
  return `${siteRoutes(base).search()}${search ? `?${search}` : ''}`;
}

export function readSearchUrl(search: string): SearchState {
  const params = new URLSearchParams(search);
  return {
    query: params.get('q') ?? '',
    category: params.get('category') || undefined,
    tags: params.getAll('tag').filter(Boolean),
  };
}
