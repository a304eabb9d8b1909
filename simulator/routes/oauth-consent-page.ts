import type { ScopeInfo } from './oauth-scopes.ts';

// The HTML the authorization server shows. Self-contained (inline CSS, no scripts, no external
// assets) and every value that came from the request is escaped: the page echoes client-supplied
// `state`, `scope` and `redirect_uri`, the classic place for reflected XSS.

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Headers for every page: no framing (click-jacking a consent screen), no caching, no scripts. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

export const HTML = 'text/html; charset=utf-8';

const STYLE = `
body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#172b4d;margin:0}
main{max-width:560px;margin:40px auto;background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(9,30,66,.25);padding:32px}
h1{font-size:20px;margin:0 0 16px}h2{font-size:14px;margin:24px 0 8px;color:#5e6c84;text-transform:uppercase}
ul{padding-left:20px}li{margin:6px 0}code{background:#f4f5f7;padding:1px 4px;border-radius:3px}
label{display:block;margin:12px 0 4px;font-weight:600}input,select{width:100%;box-sizing:border-box;padding:8px;
border:2px solid #dfe1e6;border-radius:3px;font-size:14px}.note{font-size:12px;color:#5e6c84}
.error{background:#ffebe6;border-left:4px solid #de350b;padding:8px 12px;margin:0 0 16px}
.actions{display:flex;gap:8px;justify-content:flex-end;margin-top:24px}
button{padding:8px 16px;border:0;border-radius:3px;font-size:14px;cursor:pointer}
.approve{background:#0052cc;color:#fff}.deny{background:#f4f5f7;color:#42526e}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>
`;
}

export interface ConsentPageInput {
  appName: string;
  scopes: ScopeInfo[];
  sites: { id: string; label: string }[];
  /** The authorization request, carried to the decision endpoint in hidden fields. */
  request: Record<string, string>;
  selectedSite?: string | undefined;
  email?: string | undefined;
  error?: string | undefined;
}

export function consentPage(input: ConsentPageInput): string {
  const scopes = input.scopes
    .map((s) => {
      const name = s.name === s.key ? '' : `<strong>${escapeHtml(s.name)}</strong> — `;
      return `<li>${name}${escapeHtml(s.description)} <code>${escapeHtml(s.key)}</code></li>`;
    })
    .join('\n');
  const sites = input.sites
    .map((s) => {
      const selected = s.id === input.selectedSite ? ' selected' : '';
      return `<option value="${escapeHtml(s.id)}"${selected}>${escapeHtml(s.label)}</option>`;
    })
    .join('');
  const hidden = Object.entries(input.request)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const error = input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : '';
  const title = `${input.appName} is requesting access to your Atlassian account`;
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
${error}
<form method="post" action="/authorize">
${hidden}
<h2>It would like to</h2>
<ul>
${scopes}
</ul>
<label for="site">Use app on</label>
<select id="site" name="site" required>${sites}</select>
<h2>Log in</h2>
<p class="note">This is the Atlassian Cloud simulator: it has no passwords. Log in with your e-mail address and one
of your API tokens instead.</p>
<label for="email">E-mail</label>
<input id="email" name="email" type="email" autocomplete="username" value="${escapeHtml(input.email ?? '')}">
<label for="api_token">API token</label>
<input id="api_token" name="api_token" type="password" autocomplete="current-password">
<div class="actions">
<button class="deny" type="submit" name="decision" value="deny">Deny</button>
<button class="approve" type="submit" name="decision" value="approve">Accept</button>
</div>
</form>`,
  );
}

/** The page shown when the request cannot be trusted with a redirect (unknown client, bad redirect_uri). */
export function errorPage(message: string): string {
  return page(
    'Something went wrong',
    `<h1>Something went wrong</h1>
<p class="error" role="alert">${escapeHtml(message)}</p>
<p class="note">The app that sent you here made an invalid authorization request. Go back to the app and try
again, or contact its developer.</p>`,
  );
}
