import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openTestDatabase } from '../../db/testing/test-database.ts';
import { startTestServer } from '../testing/test-server.ts';

// The web UI on the API's origin: built files as they are, every other page path the app's
// index.html (so shared links open), /api paths the API's JSON 404, and no file outside the build.

async function serverWith(t: import('node:test').TestContext, build: boolean) {
  const dist = mkdtempSync(join(tmpdir(), 'palisade-dist-'));
  t.after(() => rmSync(dist, { recursive: true, force: true }));
  if (build) {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><title>Palisade app</title><div id="root"></div>',
    );
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log("app")');
  }
  const database = await openTestDatabase('sqlite');
  t.after(() => database.close());
  const server = await startTestServer(database, { settings: { webDist: dist } });
  t.after(() => server.app.close());
  return server.app;
}

test('pages of the app answer its index.html, its assets are served and cached, /api stays JSON', async (t) => {
  const app = await serverWith(t, true);
  for (const url of ['/', '/findings?severity=critical', '/apps/some-app', '/setup?token=abc']) {
    const page = await app.inject({ method: 'GET', url });
    assert.equal(page.statusCode, 200, url);
    assert.match(page.body, /Palisade app/, url);
    assert.equal(page.headers['cache-control'], 'no-cache', url);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/, url);
  }
  const asset = await app.inject({ method: 'GET', url: '/assets/index-abc.js' });
  assert.equal(asset.statusCode, 200);
  assert.equal(asset.body, 'console.log("app")');
  assert.match(String(asset.headers['cache-control']), /immutable/);
  const api = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
  assert.equal(api.statusCode, 404);
  assert.equal(api.json().error.code, 'route_not_found');
});

test('a path that climbs out of the build answers the app, never a file beside it', async (t) => {
  const app = await serverWith(t, true);
  for (const url of [
    '/..%2f..%2fetc%2fpasswd',
    '/assets/..%2f..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/etc/passwd',
  ]) {
    const answer = await app.inject({ method: 'GET', url });
    assert.ok(answer.statusCode === 200 || answer.statusCode === 404, url);
    assert.doesNotMatch(answer.body, /root:|"name": "palisade"/, url);
  }
});

test('without a build the pages say how to build it, and the setup link keeps its server form', async (t) => {
  const app = await serverWith(t, false);
  const page = await app.inject({ method: 'GET', url: '/findings' });
  assert.equal(page.statusCode, 503);
  assert.match(page.body, /npm run build:web/);
  const setup = await app.inject({ method: 'GET', url: '/setup?token=abc' });
  assert.equal(setup.statusCode, 200);
  assert.match(setup.body, /<label for="email">Email<\/label>/);
});
