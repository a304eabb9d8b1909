import { CONSENT_SCOPES, type ConsentScope } from '../../connections/oauth/consent-scopes.ts';

// Palisade's own consent page, shown before Atlassian's: every scope requested and the data it
// collects (consent-scopes.ts), then a form that posts to /api/v1/connections/oauth/authorize.
// Self-contained (inline CSS, no scripts, no external assets); every value is escaped.

export const HTML = 'text/html; charset=utf-8';

/** No framing (click-jacking a consent step), no caching, no scripts, forms only to Palisade. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#172b4d;margin:0}
main{max-width:760px;margin:40px auto;background:#fff;border-radius:6px;padding:32px;box-shadow:0 1px 3px rgba(9,30,66,.25)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #dfe1e6;vertical-align:top}
code{background:#f4f5f7;padding:1px 4px;border-radius:3px}.note{color:#5e6c84}
button{background:#0052cc;color:#fff;border:0;border-radius:3px;padding:8px 16px;font-size:14px}`;

function row(s: ConsentScope): string {
  return `<tr><td><code>${escapeHtml(s.scope)}</code></td><td>${escapeHtml(s.product)}</td><td>${escapeHtml(
    s.permission,
  )}</td><td>${escapeHtml(s.data)}</td></tr>`;
}

export interface ConsentPageInput {
  csrfToken: string;
  connectionId: string | null;
  /** Where the form posts (the authorize route). */
  action: string;
}

export function consentPage(input: ConsentPageInput): string {
  const title = input.connectionId ? 'Reconnect Atlassian to Palisade' : 'Connect Atlassian to Palisade';
  const reconnect = input.connectionId
    ? `<input type="hidden" name="connectionId" value="${escapeHtml(input.connectionId)}">\n`
    : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<p><strong>All privileges are read-only.</strong> Palisade asks Atlassian for the permissions below and
collects only the data listed next to each. It never asks for a write or manage permission.</p>
<table>
<thead><tr><th>Permission</th><th>Product</th><th>What it lets Palisade read</th><th>Data collected</th></tr></thead>
<tbody>
${CONSENT_SCOPES.map(row).join('\n')}
</tbody>
</table>
<p class="note">OAuth cannot reach the app inventory (the Universal Plugin Manager): after connecting,
paste an API token of a site admin in the connection's credentials so Palisade can read the installed apps.</p>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="csrf_token" value="${escapeHtml(input.csrfToken)}">
${reconnect}<button type="submit">Continue to Atlassian</button>
</form>
</main></body></html>
`;
}
