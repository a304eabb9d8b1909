import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startPalisade } from './long-running.ts';
import { runPalisade } from './support.ts';

// `npm start` on a fresh clone: the server on the simulated Acme organization, connected through
// the API beside its Bitbucket workspace and Data Center instances, signed into with the password
// it printed once; a second start keeps the data.

async function signIn(url: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'demo@palisade.local', password }),
  });
  assert.equal(res.status, 200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

test('the demo serves Acme connected with its domains, signed into with the printed password, and keeps it for the next start', async (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'palisade-demo-service-'));
  t.after(() => rmSync(cwd, { recursive: true, force: true }));
  for (const run of [1, 2]) {
    const demo = startPalisade(['demo', '--port', '0'], { cwd });
    t.after(() => demo.stop());
    const [, url] = await demo.waitFor(/Palisade is running at (http:\/\/127\.0\.0\.1:\d+)/, 120_000);
    const [, password] = await demo.waitFor(/with the password (\S+) \(printed only now\)/);
    assert.match(demo.stdout(), /Acme is connected: 2 domain\(s\), last scan success/);
    assert.match(demo.stdout(), /Acme \(Bitbucket\) is connected: last scan success/);
    assert.match(demo.stdout(), /\(Jira Data Center\) is connected: last scan success/);
    assert.match(demo.stdout(), /\(Confluence Data Center\) is connected: last scan success/);
    const cookie = await signIn(url ?? '', password ?? '');
    const list = (await (await fetch(`${url}/api/v1/connections`, { headers: { cookie } })).json()) as {
      connections: { orgId: string | null; status: { state: string }; domains: { products: string[] }[] }[];
    };
    // Acme's cloud organization, its Bitbucket workspace and its two Data Center instances; a second
    // start updates them (the instances at their new addresses) rather than adding others.
    assert.equal(list.connections.length, 4, `run ${run}`);
    assert.ok(list.connections.every((c) => c.status.state === 'success'));
    const acme = list.connections.find((c) => c.orgId !== null);
    assert.equal(acme?.domains.length, 2);
    assert.deepEqual(
      list.connections
        .filter((c) => c.orgId === null)
        .flatMap((c) => c.domains.flatMap((d) => d.products))
        .sort(),
      ['bitbucket', 'confluence-data-center', 'jira-data-center'],
    );
    assert.equal(await demo.stop(), 0);
  }
});

test('the demo with a database it cannot open says so and exits, its simulator stopped', async (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'palisade-demo-service-'));
  t.after(() => rmSync(cwd, { recursive: true, force: true }));
  // A folder is no SQLite file. Before the fix the simulator's listeners kept the process alive.
  const run = await runPalisade(['demo', '--port', '0', '--db', cwd], { cwd, timeoutMs: 60_000 });
  assert.notEqual(run.code, 0);
  assert.equal(run.code === null, false, 'the process exited on its own, not killed by the timeout');
  assert.match(run.stderr, /--db .* is a folder/);
});
