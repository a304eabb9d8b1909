import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type RunningSimulator, startSimulator } from '../../simulator/start.ts';
import { renamedSitesTenant } from '../../simulator/testing/renamed-sites-tenant.ts';
import { TINY } from '../../simulator/testing/tiny-tenant.ts';
import { type Run, runPalisade } from './support.ts';

// `palisade scan` given a renamed site's old URL, on the tiny tenant: the scan follows the
// redirect to the same org's site and says so; given a URL that redirects to another
// organization's site, it stops with one line naming both hosts. The second site of the tenant
// is never given, so the report's coverage names it.

let sim: RunningSimulator;
let dir: string;
let renamed: Run;
let elsewhere: Run;

before(async () => {
  sim = await startSimulator({ tenant: renamedSitesTenant() });
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-renamed-'));
  const { info } = sim;
  const hosts = [
    ...info.sites.map((s) => s.url),
    info.adminApiUrl,
    info.marketplaceUrl,
    ...info.redirects.map((r) => r.url),
    ...info.foreignSites.map((f) => f.url),
  ].map((u) => new URL(u).host);
  const scan = (site: string, output: string) =>
    runPalisade(
      [
        'scan',
        '--site',
        site,
        '--email',
        info.credentials.admin.email,
        '--api-token',
        info.credentials.admin.apiToken,
        '--org-id',
        info.org.id,
        '--org-api-key',
        info.credentials.orgApiKey,
        '--admin-api-url',
        info.adminApiUrl,
        '--marketplace-url',
        info.marketplaceUrl,
        ...hosts.flatMap((h) => ['--allow-host', h]),
        '--format',
        'json',
        '--output',
        join(dir, output),
      ],
      { cwd: dir },
    );
  const url = (from: string) => info.redirects.find((r) => r.from === from)?.url ?? '';
  [renamed, elsewhere] = await Promise.all([
    scan(url('acme-old'), 'renamed.json'),
    scan(url('acme-partner'), 'elsewhere.json'),
  ]);
});

after(async () => {
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a renamed site’s old URL is scanned as the site it redirects to, and the scan says so', () => {
  assert.equal(renamed.code, 0, renamed.stderr);
  const siteA = sim.info.sites.find((s) => s.cloudId === TINY.siteA)?.url ?? '';
  const old = new URL(sim.info.redirects[0]?.url ?? '').host;
  assert.ok(
    renamed.stderr.includes(
      `${old} redirects to ${new URL(siteA).host}, a site of this organization: scanning ${siteA}`,
    ),
    renamed.stderr,
  );
  const report = JSON.parse(readFileSync(join(dir, 'renamed.json'), 'utf8'));
  assert.deepEqual(
    report.sites.map((s: { url: string }) => s.url),
    [siteA],
  );
  const siteB = sim.info.sites.find((s) => s.cloudId === TINY.siteB)?.url;
  assert.deepEqual(
    report.coverage
      .filter((c: { dataset: string }) => c.dataset === '*')
      .map((c: { site: string }) => c.site),
    [siteB],
  );
  assert.match(
    renamed.stdout,
    new RegExp(`Not scanned: ${new URL(siteB ?? '').host} — listed by the organization, never read`),
  );
});

test('a URL redirecting to another organization’s site stops the scan, naming both hosts and why', () => {
  assert.equal(elsewhere.code, 1, elsewhere.stderr);
  const lines = elsewhere.stderr.split('\n').filter((l) => l.length > 0);
  assert.match(
    lines.at(-1) ?? '',
    /^palisade: 127\.0\.0\.1:\d+ redirects to http:\/\/127\.0\.0\.1:\d+, which Palisade does not follow: it is not the same site, nor a site of this organization/,
  );
  assert.equal(sim.foreignState.get('globex')?.authorizationSeen, 0);
});
