import type { ApiResponse } from '../../api/client.ts';
import { TintBadge } from '../findings/finding-badges.tsx';

export type AppRow = ApiResponse<'GET /api/v1/apps'>['items'][number];
export type AppDetail = ApiResponse<'GET /api/v1/apps/{key}'>['app'];

const BAND_COLOR: Record<string, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'green',
  unknown: 'gray',
};

/** The risk band and score; the theme's text colour on a tint keeps AA contrast in both themes. */
export function RiskBadge({ risk }: { risk: AppRow['risk'] }) {
  return (
    <TintBadge color={BAND_COLOR[risk.band] ?? 'gray'}>
      {risk.band} {risk.score}
      {risk.overridden ? ' (set by hand)' : ''}
    </TintBadge>
  );
}

/** What the vendor trust factors say (trust.first-party, trust.development-mode, …), most weighty first. */
export function vendorTrust(app: AppRow): string {
  const trust = app.risk.factors.filter((f) => f.group === 'trust');
  if (trust.length === 0) return 'No trust signal';
  return trust.map((f) => f.summary).join('; ');
}

/** Who installed it: admins, users (a non-admin somewhere), or unknown. */
export function installers(app: AppRow): string {
  const kinds = new Set(app.installations.map((i) => i.installKind));
  if (kinds.has('user')) return 'a user (not an admin)';
  if (kinds.has('admin')) return 'admin';
  return 'unknown';
}

export function siteLabel(site: { cloudId: string; url: string | null; name: string | null }): string {
  if (site.url) return new URL(site.url).host;
  return site.name ?? site.cloudId;
}
