import assert from 'node:assert/strict';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { CredentialRejectedError } from '../../src/atlassian/errors.ts';
import { loadCredential, type OAuthBundle } from '../../src/connections/credentials/credential-store.ts';
import type { ManagedScanDeps } from '../../src/connections/managed/scan-request.ts';
import { scanRequestFor } from '../../src/connections/managed/scan-request.ts';
import type { ScanTrigger } from '../../src/db/schema-server.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { getConnection } from '../../src/inventory/connections.ts';
import type { ScanRecord, ScanService } from '../../src/jobs/scan-service.ts';
import { runScan } from '../../src/scan/run-scan.ts';
import { startTestServer } from '../../src/server/testing/test-server.ts';
import { locationOf, signedIn } from './oauth-support.ts';

// Zscaler's OAuth flow end to end against the simulator's authorization server, as a person does
// it: Palisade's consent page → Atlassian's consent page (approve) → callback → the connection with
// its sites → a scan → an access token refreshed with a rotated refresh token stored → the grant
// revoked at Atlassian → invalid_grant → Error "Grant expired" → Reconnect → tokens replaced, error
// cleared. No token, code or client secret ever appears in a response or a log line.

const PUBLIC_URL = 'http://127.0.0.1:8080';
const REDIRECT = `${PUBLIC_URL}/api/v1/connections/oauth/callback`;
const HOUR = 3_600_000;
// Today: discovery's clients read the wall clock (discoverConnection takes no clock), so the
// server's and the simulator's shared clock starts there and the test moves it forward.
const START = new Date(Math.floor(Date.now() / 1000) * 1000);

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    fields[decode(m[1] ?? '')] = decode(m[2] ?? '');
  return fields;
}

forEachDatabase(
  'an OAuth connection: consent, scan, rotated refresh, Grant expired, reconnect',
  async (t, database) => {
    const tenant = buildTenant({ scenario: 'demo' }, START);
    // The OAuth app registered with Palisade's callback URL, as docs/server.md tells an admin to.
    tenant.oauthClients[0]?.redirectUris.push(REDIRECT);
    let clock = () => START.getTime();
    const sim = await startSimulator({ tenant, now: () => clock() });
    t.after(() => sim.stop());
    const info = sim.info;
    const oauthApp = info.credentials.oauth;
    const baseUrls = { api: info.adminApiUrl, marketplace: info.marketplaceUrl, auth: info.authUrl };
    const allowHosts = [
      ...info.sites.map((s) => s.url),
      info.adminApiUrl,
      info.marketplaceUrl,
      info.authUrl,
    ].map((u) => new URL(u).host);
    const requested: { connectionId: string; trigger: ScanTrigger }[] = [];
    const scans: ScanService = {
      async request(input) {
        requested.push({ connectionId: input.connectionId, trigger: input.trigger });
        return { id: `scan-${requested.length}`, ...input } as unknown as ScanRecord;
      },
      cancel: async () => {
        throw new Error('not in this test');
      },
      start() {},
      stop: async () => {},
    };
    const server = await startTestServer(database, {
      now: START,
      scans,
      settings: {
        publicUrl: PUBLIC_URL,
        allowHosts,
        baseUrls,
        oauth: { clientId: oauthApp.clientId, clientSecret: oauthApp.clientSecret, redirectUrl: REDIRECT },
      },
    });
    t.after(() => server.app.close());
    clock = () => server.clock.now.getTime();
    const ada = await signedIn(database.db, server.clock.now);
    const bodies: string[] = [];
    const codes: string[] = [];

    /** Palisade's consent page → Atlassian's, approved as the admin → back to Palisade's callback. */
    async function consent(connectionId?: string): Promise<URL> {
      const startUrl = `/api/v1/connections/oauth/start${connectionId ? `?connectionId=${connectionId}` : ''}`;
      const page = await server.app.inject({ method: 'GET', url: startUrl, headers: { cookie: ada.cookie } });
      assert.equal(page.statusCode, 200);
      bodies.push(page.body);
      const form = hiddenFields(page.body);
      assert.equal(form.connectionId, connectionId);
      const go = await server.app.inject({
        method: 'POST',
        url: '/api/v1/connections/oauth/authorize',
        headers: { cookie: ada.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      });
      assert.equal(go.statusCode, 303, go.body);
      bodies.push(go.body);
      const atlassian = await fetch(locationOf(go.headers));
      const html = await atlassian.text();
      assert.equal(atlassian.status, 200, html);
      const site = /<option value="([^"]+)"/.exec(html)?.[1];
      assert.ok(site, 'the consent page offers a site');
      const decided = await fetch(`${info.authUrl}/authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          ...hiddenFields(html),
          email: info.credentials.admin.email,
          api_token: info.credentials.admin.apiToken,
          site: decode(site),
          decision: 'approve',
        }).toString(),
        redirect: 'manual',
      });
      assert.equal(decided.status, 302, await decided.text());
      const back = new URL(decided.headers.get('location') ?? '');
      assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
      codes.push(back.searchParams.get('code') ?? '');
      const done = await server.app.inject({
        method: 'GET',
        url: `${back.pathname}${back.search}`,
        headers: { cookie: ada.cookie },
      });
      assert.equal(done.statusCode, 303, done.body);
      bodies.push(done.body, String(done.headers.location));
      return locationOf(done.headers);
    }

    const scanDeps: ManagedScanDeps = {
      db: database.db,
      secretBox: server.deps.secretBox,
      allowHosts,
      baseUrls,
      now: () => server.clock.now,
      oauth: { clientId: oauthApp.clientId, clientSecret: oauthApp.clientSecret },
    };
    const scan = async (connectionId: string) =>
      runScan(
        { db: database.db, now: () => server.clock.now, allowHosts, baseUrls },
        await scanRequestFor(scanDeps, connectionId),
      );
    const stored = async (connectionId: string) => {
      const row = await database.db
        .selectFrom('connection_credentials')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('purpose', '=', 'read')
        .executeTakeFirstOrThrow();
      const credential = await loadCredential(database.db, server.deps.secretBox, connectionId, 'read');
      return { ciphertext: row.ciphertext, bundle: credential?.bundle as OAuthBundle };
    };
    const profile = (connectionId: string) =>
      database.db
        .selectFrom('connection_profiles')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .executeTakeFirstOrThrow();

    // 1. Connect.
    const landed = await consent();
    assert.equal(`${landed.origin}${landed.pathname}`, `${PUBLIC_URL}/integrations`);
    const id = landed.searchParams.get('connected');
    assert.ok(id, `connected: ${landed}`);
    const connection = await getConnection(database.db, id);
    assert.ok(connection);
    const granted = info.sites.find((s) => connection.sites.some((c) => c.cloudId === s.cloudId));
    assert.ok(granted, 'the domain from accessible-resources is the connection’s');
    assert.ok(
      connection.sites.every((s) => s.products.length > 0),
      'each site was probed for its products',
    );
    assert.equal((await profile(id)).method, 'oauth');
    assert.deepEqual(requested, [{ connectionId: id, trigger: 'first' }]);
    const first = await stored(id);
    assert.equal(first.bundle.method, 'oauth');
    assert.ok(first.bundle.tokens.refreshToken, 'offline_access gave a refresh token');
    assert.ok(first.bundle.tokens.scopes.includes('read:jira-work'));

    // 2. The first scan reads the connection with the OAuth grant and publishes a snapshot.
    const scanned = await scan(id);
    assert.ok(scanned.snapshotVersion >= 1);
    assert.equal(scanned.connection.id, id);

    // 2b. A token that expires during a scan: Atlassian refuses it (401), the client refreshes, and
    //     the rotated tokens are stored (onTokens) before the new access token is used.
    server.clock.advance(50 * 60_000);
    const midScan = await scanRequestFor(scanDeps, id);
    const beforeMid = await stored(id);
    server.clock.advance(20 * 60_000);
    const midScanned = await runScan(
      { db: database.db, now: () => server.clock.now, allowHosts, baseUrls },
      midScan,
    );
    assert.ok(midScanned.snapshotVersion > scanned.snapshotVersion);
    const afterMid = await stored(id);
    assert.notEqual(
      afterMid.bundle.tokens.refreshToken,
      beforeMid.bundle.tokens.refreshToken,
      'rotated and stored',
    );
    assert.equal(
      sim.context.state.oauthRefreshTokens.get(afterMid.bundle.tokens.refreshToken ?? '')?.used,
      false,
    );
    assert.equal(
      sim.context.state.oauthRefreshTokens.get(beforeMid.bundle.tokens.refreshToken ?? '')?.used,
      true,
    );

    // 3. Two hours later the access token has expired: the next scan refreshes it first, and the
    //    rotated refresh token is stored before anything uses the new access token.
    server.clock.advance(2 * HOUR);
    const rescanned = await scan(id);
    assert.ok(rescanned.snapshotVersion > midScanned.snapshotVersion);
    const second = await stored(id);
    assert.notEqual(second.ciphertext, afterMid.ciphertext, 'the stored credential changed');
    assert.notEqual(
      second.bundle.tokens.refreshToken,
      afterMid.bundle.tokens.refreshToken,
      'the refresh token rotated',
    );
    assert.ok(second.bundle.tokens.expiresAt > server.clock.now.getTime());
    const refreshTokens = sim.context.state.oauthRefreshTokens;
    assert.equal(
      refreshTokens.get(afterMid.bundle.tokens.refreshToken ?? '')?.used,
      true,
      'the old one is spent',
    );
    assert.equal(
      refreshTokens.get(second.bundle.tokens.refreshToken ?? '')?.used,
      false,
      'the stored one is live',
    );

    // 3b. Two scans starting at once with an expired token (two server processes): one refresh;
    //     the one that waited for the stored row uses the tokens the other stored.
    server.clock.advance(2 * HOUR);
    await fetch(`${info.controlUrl}/counters/reset`, { method: 'POST' });
    const both = await Promise.all([scanRequestFor(scanDeps, id), scanRequestFor(scanDeps, id)]);
    assert.equal(both.length, 2);
    const served = (await (await fetch(`${info.controlUrl}/counters`)).json()) as {
      calls: Record<string, number>;
    };
    assert.equal(served.calls['oauth.token.exchange'], 1, 'one refresh for both');
    const afterBoth = await stored(id);
    assert.equal(
      refreshTokens.get(afterBoth.bundle.tokens.refreshToken ?? '')?.used,
      false,
      'the grant is still live',
    );

    // 4. The person removes Palisade from their connected apps: the next refresh is invalid_grant,
    //    and the connection shows Error "Grant expired".
    const revoked = await fetch(`${info.controlUrl}/tenant/oauth/grants/revoke`, { method: 'POST' });
    assert.equal(revoked.status, 200);
    const oldRefused = await fetch(`${info.authUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'refresh_token',
        client_id: oauthApp.clientId,
        client_secret: oauthApp.clientSecret,
        refresh_token: first.bundle.tokens.refreshToken,
      }),
    });
    assert.equal(oldRefused.status, 403, 'the old refresh token is refused');
    server.clock.advance(2 * HOUR);
    await assert.rejects(scanRequestFor(scanDeps, id), (e) => {
      assert.ok(e instanceof CredentialRejectedError, `${(e as Error).name}: ${(e as Error).message}`);
      assert.match(e.message, /invalid_grant/);
      return true;
    });
    const broken = await profile(id);
    assert.equal(broken.error_reason, 'Grant expired');
    assert.equal(broken.error_at, server.clock.now.toISOString());

    // 5. Reconnect: consent again for the same connection; its tokens are replaced, the error cleared.
    const again = await consent(id);
    assert.equal(again.searchParams.get('connected'), id);
    const healed = await profile(id);
    assert.equal(healed.error_reason, null);
    assert.equal(healed.error_at, null);
    const third = await stored(id);
    assert.notEqual(third.bundle.tokens.refreshToken, second.bundle.tokens.refreshToken);
    assert.deepEqual(requested.at(-1), { connectionId: id, trigger: 'reconnect' });
    const healedScan = await scan(id);
    assert.ok(healedScan.snapshotVersion > rescanned.snapshotVersion);

    // Audit: who connected and reconnected, without a secret.
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'in', ['connection.oauth.start', 'connection.oauth.connect'])
      .execute();
    assert.equal(audit.length, 4);

    // No token, code or client secret in any response or log line.
    const secrets = [
      oauthApp.clientSecret,
      ...codes,
      ...sim.context.state.oauthAccessTokens.keys(),
      ...sim.context.state.oauthRefreshTokens.keys(),
    ].filter((s) => s.length > 0);
    assert.ok(secrets.length > 6);
    const rows = await Promise.all(
      (
        ['connection_credentials', 'connection_profiles', 'oauth_states', 'connections', 'audit_log'] as const
      ).map((table) => database.db.selectFrom(table).selectAll().execute()),
    );
    const seen = [...bodies, ...server.logLines(), JSON.stringify(audit), JSON.stringify(rows)];
    for (const secret of secrets) {
      for (const text of seen)
        assert.ok(!text.includes(secret), 'a secret leaked into a response, log line or audit entry');
    }
  },
  { timeout: 180_000 },
);
