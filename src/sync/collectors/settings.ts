import type { Collector } from '../collector.ts';
import type { MarketplaceCache } from './apps-marketplace.ts';
import type { JiraGroupMembersOptions } from './jira-group-members.ts';
import type { ApiTokenCoverage } from './org-api-tokens.ts';

// What the caller of a sync decides for the collectors that take a setting (CLI flags, the store's
// Marketplace cache). A collector file exports `collector`: the collector itself, or a function
// that makes it from these settings (registry.ts lists every file's, generated).

export interface CollectorSettings {
  /** The store's Marketplace cache (src/inventory/marketplace-cache.ts). */
  marketplaceCache: MarketplaceCache;
  /**
   * Whose API tokens to read when the org API key may not read the org-wide list: one call per
   * account (default `admins`; see org-api-tokens.ts).
   */
  apiTokens?: ApiTokenCoverage;
  /** The account whose API token Palisade scans with (from discovery): its tokens are marked. */
  palisadeAccountId?: string | undefined;
  /** Which groups' members to read (default `admin-and-product`; see jira-group-members.ts). */
  groupMembers?: JiraGroupMembersOptions['groups'];
}

/** What a collector file exports as `collector`. */
export type CollectorExport = Collector | ((settings: CollectorSettings) => Collector);
