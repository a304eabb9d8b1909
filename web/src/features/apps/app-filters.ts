import type { ApiQuery } from '../../api/client.ts';

// The inventory's filters live in the URL (a view can be shared) with the API's own names.

export type AppsQuery = ApiQuery<'GET /api/v1/apps'>;

export const BANDS = ['critical', 'high', 'medium', 'low', 'unknown'] as const;
export const FRAMEWORKS = ['connect', 'forge', 'oauth-3lo', 'system', 'plugin'] as const;
export const CLASSIFICATIONS = [
  { value: 'approved', label: 'Approved' },
  { value: 'under_review', label: 'Under review' },
  { value: 'banned', label: 'Banned' },
] as const;

const MULTI = ['band', 'framework', 'classification'] as const;

export function appsQueryOf(search: URLSearchParams): AppsQuery {
  const query: AppsQuery = {};
  for (const name of MULTI) {
    const values = search.getAll(name).filter(Boolean);
    if (values.length) query[name] = values;
  }
  const q = search.get('q');
  if (q) query.q = q;
  const installedBy = search.get('installedBy');
  if (installedBy === 'user' || installedBy === 'admin') query.installedBy = installedBy;
  return query;
}

/** The URL's search with one filter replaced (the findings page's rule). */
export { withFilter as withAppsFilter } from '../findings/findings-filters.ts';
