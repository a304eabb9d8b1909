import type { AppRecord } from './app.ts';

// What an approval is about: the app's scopes, where its data goes and its versions. Approving an
// app (sanctioned, risk-accepted) stores this fingerprint; any later difference sends the app back
// to review (APP-RISK.md: "any change to scopes, egress or version automatically sets Re-review
// pending"). A part that could not be read is null and never counts as a change: a Marketplace
// outage must not look like privilege creep.

export interface AppFingerprint {
  /** Sorted granted scopes; null when unreadable. */
  scopes: string[] | null;
  /** Sorted egress: non-Atlassian domains, `vendor-hosted` for Connect; null when unknown. */
  egress: string[] | null;
  /** Sorted distinct installed versions. */
  versions: string[];
}

export interface FingerprintChange {
  field: 'scopes' | 'egress' | 'version';
  added: string[];
  removed: string[];
}

export function fingerprintOf(app: AppRecord): AppFingerprint {
  const egress =
    app.egress.kind === 'unknown'
      ? null
      : app.egress.kind === 'vendor-hosted'
        ? ['vendor-hosted', ...app.egress.domains]
        : [...app.egress.domains];
  return {
    scopes: app.scopesReadable ? [...app.scopes].sort() : null,
    egress: egress ? [...new Set(egress)].sort() : null,
    versions: [...app.versions].sort(),
  };
}

function compare(field: FingerprintChange['field'], before: string[] | null, after: string[] | null) {
  if (before === null || after === null) return [];
  const b = new Set(before);
  const a = new Set(after);
  const added = after.filter((x) => !b.has(x));
  const removed = before.filter((x) => !a.has(x));
  return added.length > 0 || removed.length > 0 ? [{ field, added, removed }] : [];
}

/** What changed since `approved`; empty when nothing comparable changed. */
export function diffFingerprints(approved: AppFingerprint, current: AppFingerprint): FingerprintChange[] {
  return [
    ...compare('scopes', approved.scopes, current.scopes),
    ...compare('egress', approved.egress, current.egress),
    ...compare('version', approved.versions, current.versions),
  ];
}

export function describeChanges(changes: readonly FingerprintChange[]): string {
  return changes
    .map((c) => {
      const parts = [
        ...(c.added.length > 0 ? [`+${c.added.join(', +')}`] : []),
        ...(c.removed.length > 0 ? [`-${c.removed.join(', -')}`] : []),
      ];
      return `${c.field}: ${parts.join(' ')}`;
    })
    .join('; ');
}
