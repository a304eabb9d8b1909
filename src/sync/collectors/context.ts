import type { SiteRef } from '../../atlassian/api.ts';
import { isAtlassianError } from '../../atlassian/errors.ts';
import type { Dataset } from '../../inventory/datasets/index.ts';
import type { CollectorContext } from '../collector.ts';
import { CollectorError } from './errors.ts';

// What collectors need from their context, checked once with a clear error.

export function requireOrgId(ctx: CollectorContext, dataset: string): string {
  if (!ctx.orgId)
    throw new CollectorError('missing_context', dataset, 'no organization id (org credentials)');
  return ctx.orgId;
}

export function requireSite(ctx: CollectorContext, dataset: string): SiteRef {
  if (!ctx.site) throw new CollectorError('missing_context', dataset, 'no site to collect from');
  return ctx.site;
}

/**
 * The records of a dataset this collector depends on, typed by its schema. A dependency that was
 * not collected (no credential, forbidden, not on this site's plan) reads as empty: the collector
 * then falls back to its costlier or narrower path, never fails because of it.
 */
export async function recordsOf<T>(ctx: CollectorContext, dataset: Dataset<T>, scope?: string): Promise<T[]> {
  let items: Awaited<ReturnType<CollectorContext['items']>>;
  try {
    items = await ctx.items(dataset.name, scope);
  } catch {
    return [];
  }
  const out: T[] = [];
  for (const item of items) {
    const parsed = dataset.schema.safeParse(item.data);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** Whether an error is the client's "not found" (a parent deleted between listing and reading it). */
export function isNotFound(error: unknown): boolean {
  return isAtlassianError(error) && error.code === 'not_found';
}

/**
 * Whether an error is a response the client could not use at all (a field Palisade relies on is
 * missing outside any list item). A collector reading one response per parent skips that parent
 * and goes on; the sync has already noted it, and the dataset ends `partial`.
 */
export function isUnusable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'schema_drift';
}

export function isForbidden(error: unknown): boolean {
  return isAtlassianError(error) && error.code === 'forbidden';
}

export function isRejected(error: unknown): boolean {
  return isAtlassianError(error) && error.code === 'request_rejected';
}

/** Whether an unauthenticated call was refused with a 401: the site refuses anonymous callers. */
export function isAnonymousRefused(error: unknown): boolean {
  return isAtlassianError(error) && error.code === 'anonymous_refused';
}

/** Whether an error says the credential may not do this, or that there is none of the kind needed. */
export function isNotPermitted(error: unknown): boolean {
  return isAtlassianError(error) && (error.code === 'forbidden' || error.code === 'credential_missing');
}
