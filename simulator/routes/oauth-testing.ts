import type { Harness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

// Test helpers that drive the 3LO consent flow the way a browser would.

export const CALLBACK = 'http://127.0.0.1/callback';

export function authorizeUrl(h: Harness, params: Record<string, string>): string {
  const query = new URLSearchParams({
    audience: 'api.atlassian.com',
    client_id: TINY.oauthClientId,
    redirect_uri: CALLBACK,
    response_type: 'code',
    prompt: 'consent',
    ...params,
  });
  return `${h.auth}/authorize?${query}`;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The hidden fields of the consent form, as a browser would post them back. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[decodeEntities(m[1] ?? '')] = decodeEntities(m[2] ?? '');
  }
  return fields;
}

/** Posts the consent form; the answer is not followed, so a 302 shows its Location. */
export function decide(h: Harness, fields: Record<string, string>): Promise<Response> {
  return fetch(`${h.auth}/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

export const ADA_LOGIN = { email: 'ada@acme.example', api_token: TINY.adminToken };
export const MO_LOGIN = { email: 'mo@acme.example', api_token: TINY.memberToken };

/** Consents as Ada on a site and returns the authorization code. */
export async function authorize(
  h: Harness,
  scope: string,
  options: { site?: string; state?: string; login?: Record<string, string> } = {},
): Promise<string> {
  const res = await fetch(authorizeUrl(h, { scope, state: options.state ?? 'xyz' }));
  const fields = hiddenFields(await res.text());
  const answer = await decide(h, {
    ...fields,
    ...(options.login ?? ADA_LOGIN),
    site: options.site ?? TINY.siteA,
    decision: 'approve',
  });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location)
    throw new Error(`consent answered ${answer.status}: ${await answer.text()}`);
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return code;
}

export function tokenRequest(h: Harness, body: Record<string, string>): Promise<Response> {
  return h.send('POST', `${h.auth}/oauth/token`, {
    client_id: TINY.oauthClientId,
    client_secret: TINY.oauthSecret,
    ...body,
  });
}

export interface Tokens {
  access_token: string;
  expires_in: number;
  token_type: string;
  refresh_token?: string;
  scope: string;
}

/** Consents and exchanges the code: the tokens a connected Palisade would hold. */
export async function connect(h: Harness, scope: string, site: string = TINY.siteA): Promise<Tokens> {
  const code = await authorize(h, scope, { site });
  const res = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK });
  if (res.status !== 200) throw new Error(`token exchange answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Tokens;
}
