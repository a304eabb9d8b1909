import assert from 'node:assert/strict';
import { listAudit } from '../../src/audit/audit-log.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { listAttestations } from '../../src/findings/store/attestations-store.ts';
import { listExceptions, saveException } from '../../src/findings/store/exceptions-store.ts';
import { startFindingsWorld } from './findings-fixture.ts';

// Exceptions, attestations and reports over the API, sharing the CLI's stores: what the server
// records `palisade except` / `attest` list, what the CLI records the server lists, and a report
// is the latest snapshot judged with both, rendered by the CLI's renderers as a download.

interface ReportJson {
  snapshotVersion: number;
  results: {
    ruleId: string;
    status: string;
    resource: { id: string };
    exception: { owner: string } | null;
  }[];
}

const DAY = 86_400_000;

forEachDatabase('exceptions, attestations and reports share the CLI’s stores', async (t, database) => {
  const world = await startFindingsWorld(t, database);
  const { analyst, viewer } = world.people;
  const db = database.db;
  const version = await world.scan();
  const items = (await world.call(viewer, 'GET', '/api/v1/findings?limit=500')).json().items as {
    ruleId: string;
    resource: { id: string; key: string };
  }[];
  const target = items.find((f) => f.resource.key !== 'org:org:org') ?? items[0];
  assert.ok(target);
  const report = async (query: string) => world.call(viewer, 'GET', `/api/v1/reports?${query}`);

  await t.test(
    'an exception made over the API is the CLI’s, and the report shows the result excepted',
    async () => {
      const expiresAt = new Date(world.server.clock.now.getTime() + 60 * DAY).toISOString();
      const body = {
        connectionId: world.connectionId,
        ruleId: target.ruleId,
        resources: [target.resource.key],
        justification: 'Known and accepted until the migration ends',
        owner: 'Security team',
        expiresAt,
      };
      const tooLong = await world.call(analyst, 'POST', '/api/v1/exceptions', {
        ...body,
        expiresAt: new Date(world.server.clock.now.getTime() + 400 * DAY).toISOString(),
      });
      assert.equal(tooLong.statusCode, 400);
      const noRule = await world.call(analyst, 'POST', '/api/v1/exceptions', {
        ...body,
        ruleId: 'no_such_rule',
      });
      assert.equal(noRule.statusCode, 400);
      assert.match(noRule.json().error.message, /ruleId/);
      assert.equal((await world.call(viewer, 'POST', '/api/v1/exceptions', body)).statusCode, 403);
      const created = await world.call(analyst, 'POST', '/api/v1/exceptions', body);
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().exception.id;
      const cli = await listExceptions(db, world.connectionId);
      assert.deepEqual(
        cli.map((e) => [e.id, e.ruleId, e.resources, e.owner, e.expiresAt]),
        [[id, target.ruleId, [target.resource.key], 'Security team', expiresAt]],
      );
      const json = (await report(`connectionId=${world.connectionId}&format=json`)).json() as ReportJson;
      const result = json.results.find(
        (r) => r.ruleId === target.ruleId && target.resource.key.endsWith(r.resource.id),
      );
      assert.equal(result?.status, 'excepted');
      assert.equal(result?.exception?.owner, 'Security team');

      // One the CLI recorded is listed, and revoked, over the API.
      await saveException(db, world.connectionId, {
        id: 'from-the-cli',
        ruleId: target.ruleId,
        justification: 'Recorded with palisade except',
        owner: 'ops',
        createdAt: world.server.clock.now.toISOString(),
        expiresAt,
      });
      const listed = (
        await world.call(viewer, 'GET', `/api/v1/exceptions?connectionId=${world.connectionId}`)
      ).json();
      assert.deepEqual(listed.items.map((e: { id: string }) => e.id).sort(), [id, 'from-the-cli'].sort());
      assert.equal((await world.call(analyst, 'DELETE', '/api/v1/exceptions/from-the-cli')).statusCode, 200);
      const gone = await world.call(analyst, 'DELETE', '/api/v1/exceptions/from-the-cli');
      assert.equal(gone.statusCode, 404);
      assert.equal(gone.json().error.code, 'exception_not_found');
      assert.deepEqual(
        (await listExceptions(db, world.connectionId)).map((e) => e.id),
        [id],
      );
      assert.equal((await listAudit(db, { action: 'exception.create' })).length, 1);
      assert.equal((await listAudit(db, { action: 'exception.revoke' })).length, 1);
    },
  );

  await t.test('an attestation made over the API is the CLI’s, checked against its subject', async () => {
    const body = {
      connectionId: world.connectionId,
      subject: 'attested.approved-domains',
      scope: 'org',
      value: { domains: [] },
      evidence: { note: 'Checked admin.atlassian.com → Approved domains: none' },
      expiresAt: new Date(world.server.clock.now.getTime() + 90 * DAY).toISOString(),
    };
    const wrong = await world.call(analyst, 'POST', '/api/v1/attestations', {
      ...body,
      value: { domains: 'x' },
    });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().error.code, 'invalid_attestation');
    const created = await world.call(analyst, 'POST', '/api/v1/attestations', body);
    assert.equal(created.statusCode, 201, created.body);
    const { attestation } = created.json();
    assert.deepEqual(attestation.author, { id: analyst.id, name: 'Analyst Person' });
    const cli = await listAttestations(db, world.connectionId);
    assert.deepEqual(
      cli.map((a) => [a.id, a.subject, a.value]),
      [[attestation.id, 'attested.approved-domains', { domains: [] }]],
    );
    const listed = (await world.call(viewer, 'GET', '/api/v1/attestations')).json();
    assert.equal(listed.items[0].state, 'active');
    assert.equal(
      (await world.call(analyst, 'DELETE', `/api/v1/attestations/${attestation.id}`)).statusCode,
      200,
    );
    assert.equal((await listAttestations(db, world.connectionId)).length, 0);
    assert.equal(
      (await world.call(analyst, 'DELETE', `/api/v1/attestations/${attestation.id}`)).statusCode,
      404,
    );
  });

  await t.test('a report downloads in each format with its content type and file name', async () => {
    const expected = {
      json: /^application\/json/,
      csv: /^text\/csv/,
      sarif: /^application\/sarif\+json/,
      html: /^text\/html/,
      ocsf: /^application\/json/,
    };
    for (const [format, type] of Object.entries(expected)) {
      const res = await report(`connectionId=${world.connectionId}&format=${format}`);
      assert.equal(res.statusCode, 200, `${format}: ${res.body.slice(0, 200)}`);
      assert.match(String(res.headers['content-type']), type);
      assert.match(
        String(res.headers['content-disposition']),
        new RegExp(`attachment; filename="palisade-report-.+-v${version}\\.`),
      );
    }
    const json = (await report(`connectionId=${world.connectionId}`)).json() as ReportJson;
    assert.equal(json.snapshotVersion, version);
    assert.ok(json.results.some((r) => r.status === 'fail'));
    const sarif = (
      await report(`connectionId=${world.connectionId}&format=sarif&snapshot=${version}`)
    ).json();
    assert.equal(sarif.version, '2.1.0');
    assert.match((await report(`connectionId=${world.connectionId}&format=csv`)).body, /^.*rule/i);
    assert.match((await report(`connectionId=${world.connectionId}&format=html`)).body, /<html/i);
    const missing = await report(`connectionId=${world.connectionId}&snapshot=99`);
    assert.equal(missing.statusCode, 404);
    assert.equal((await report('connectionId=nobody')).statusCode, 404);
    assert.equal((await report(`connectionId=${world.connectionId}&format=pdf`)).statusCode, 400);
  });
});
