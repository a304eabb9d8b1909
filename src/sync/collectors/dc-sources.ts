import type { ReadOf, SiteRef } from '../../atlassian/api.ts';
import { isAtlassianError } from '../../atlassian/errors.ts';
import { type DataCenterProduct, isDataCenterProduct } from '../../inventory/datasets/index.ts';
import type { CollectorContext, PartialNote } from '../collector.ts';
import { isNotFound } from './context.ts';
import { CollectorError } from './errors.ts';

// What the Data Center collectors (dc-*.ts) share: which product a site holds, the reads several
// datasets come from (Jira's application properties, Confluence's security configuration), the
// anonymous probes, and the "not exposed over REST" outcome of the resources real instances lack.

/** The Data Center product of a site: a DC site's list holds its one DC product. */
export function dataCenterProductOf(site: SiteRef, dataset: string): DataCenterProduct {
  const product = site.products.find(isDataCenterProduct);
  if (product) return product;
  throw new CollectorError('missing_context', dataset, 'the site holds no Data Center product');
}

/** Why a dataset holds nothing, or nulls, where the product exposes no REST read of it. */
export function notExposed(what: string, instead: string): PartialNote {
  return { reason: `${what} is not exposed over REST by this product or version`, missing: instead };
}

/** The answer of a read real instances may lack (404): undefined then, any other error thrown. */
export async function optionalRead<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Jira's application properties by key (value as a string; empty values kept). */
export async function jiraProperties(ctx: CollectorContext, site: SiteRef): Promise<Map<string, string>> {
  const list = await ctx.api.call('dc.jira.applicationProperties.list', { site });
  const out = new Map<string, string>();
  for (const p of list) out.set(p.key, typeof p.value === 'string' ? p.value : '');
  return out;
}

export type ConfluenceSecurity = ReadOf<'dc.confluence.securitySettings.get'>;

/** Confluence's security configuration, or undefined where the instance does not serve it. */
export function confluenceSecurity(
  ctx: CollectorContext,
  site: SiteRef,
): Promise<ConfluenceSecurity | undefined> {
  return optionalRead(() => ctx.api.call('dc.confluence.securitySettings.get', { site }));
}

/**
 * Whether an unauthenticated call is answered: true on a 2xx, false when the product refuses it
 * (401/403), the error otherwise. `call` makes the anonymous call.
 */
export async function answersAnonymously(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (isAtlassianError(error) && (error.code === 'anonymous_refused' || error.code === 'forbidden')) {
      return false;
    }
    throw error;
  }
}

/** `"true"`/`"false"` as a boolean; anything else (absent, empty) null. */
export function flag(value: string | undefined): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/** A whole number, or null for an absent or empty value. */
export function count(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** An ISO-8601 period (`P3Y`, `P30D`, `P1Y6M`) in days (years 365, months 30, weeks 7); null if unreadable. */
export function periodDays(period: string): number | null {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(period.trim());
  if (!m || period.trim() === 'P') return null;
  const [, y = '0', mo = '0', w = '0', d = '0'] = m;
  return Number(y) * 365 + Number(mo) * 30 + Number(w) * 7 + Number(d);
}
