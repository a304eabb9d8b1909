import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { connectionsQuery } from '../../api/queries.ts';
import { SEVERITY_COLOR, STATUS_LABEL } from './findings-filters.ts';

// Badges keep the theme's text colour on a tinted background: coloured text on the light variant
// is under WCAG AA contrast for yellow and orange.

/** A tinted badge in the theme's text colour, never truncated. */
export function TintBadge({ color, children }: { color: string; children: ReactNode }) {
  return (
    <Badge variant="light" color={color} c="var(--mantine-color-text)" miw="max-content">
      {children}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <TintBadge color={SEVERITY_COLOR[severity] ?? 'gray'}>{severity}</TintBadge>;
}

const STATUS_COLOR: Record<string, string> = {
  open: 'red',
  regressed: 'grape',
  in_progress: 'blue',
  resolved: 'green',
  dismissed: 'gray',
};

export function StatusBadge({ status }: { status: string }) {
  return <TintBadge color={STATUS_COLOR[status] ?? 'gray'}>{STATUS_LABEL[status] ?? status}</TintBadge>;
}

/** cloud id → host (acme.atlassian.net) from the connections; `org` is the organization. */
export function useSiteNames(): (site: string) => string {
  const connections = useQuery(connectionsQuery());
  const names = new Map<string, string>();
  for (const c of connections.data?.connections ?? [])
    for (const d of c.domains) names.set(d.cloudId, d.host);
  return (site) => (site === 'org' ? 'Organization' : (names.get(site) ?? site));
}

export function useSiteOptions(): { value: string; label: string }[] {
  const connections = useQuery(connectionsQuery());
  const options = [{ value: 'org', label: 'Organization' }];
  for (const c of connections.data?.connections ?? []) {
    for (const d of c.domains) options.push({ value: d.cloudId, label: d.host });
  }
  return options;
}
