// Where a message sends people in Palisade (under PALISADE_PUBLIC_URL). The web UI answers these
// paths; they are documented in docs/notifications.md.

export interface Links {
  connection(connectionId: string): string;
  finding(findingId: string): string;
  findings(connectionId: string): string;
  app(appKey: string): string;
  settings(): string;
}

export function linksOf(publicUrl: string): Links {
  const base = publicUrl.replace(/\/+$/, '');
  const e = encodeURIComponent;
  return {
    connection: (id) => `${base}/connections/${e(id)}`,
    finding: (id) => `${base}/findings/${e(id)}`,
    findings: (id) => `${base}/findings?connectionId=${e(id)}&status=open,regressed`,
    app: (key) => `${base}/apps/${e(key)}`,
    settings: () => `${base}/settings/notifications`,
  };
}
