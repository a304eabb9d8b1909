import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { discoverConnection } from '../../src/connections/discover.ts';
import type { Database } from '../../src/db/schema.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import type { RuleResult } from '../../src/rules/result.ts';
import { assess } from '../../src/scan/assess.ts';
import { syncConnection } from '../../src/sync/sync-connection.ts';
import { startSimulatedOrg } from './simulated-org.ts';

// The demo scenario scanned twice: with the admin's site credential and with the member's (an
// active staff account that administers nothing). Atlassian shows a plain user less — 403 from the
// admin endpoints, empty permission lists and fewer spaces from the space listing — and a scan must
// say so rather than read "empty" as "grants nothing": no check may pass with the member's
// credential that fails with the admin's, and the posture score may not rise.

const NOW = new Date('2026-11-01T12:00:00Z');

/** Admin-only endpoints: with discovery's answer the member's sync does not even ask. */
const ADMIN_ONLY = [
  'jira.auditRecords.list',
  'jira.roles.list',
  'jira.applicationRoles.list',
  'jira.applicationProperties.list',
  'jira.issueSecuritySchemes.list',
  'confluence.auditRecords.list',
  'upm.jira.list',
  'upm.confluence.list',
  'graphql.appInstallations.list',
];

const key = (r: RuleResult) => `${r.ruleId}|${r.resource.scope}|${r.resource.type}|${r.resource.id}`;

/** One verdict per rule, as docs/scoring.md counts them. */
function verdicts(results: readonly RuleResult[]): Map<string, string> {
  const byRule = new Map<string, Set<string>>();
  for (const r of results) byRule.set(r.ruleId, (byRule.get(r.ruleId) ?? new Set()).add(r.status));
  const out = new Map<string, string>();
  for (const [rule, s] of byRule) {
    out.set(
      rule,
      s.has('fail') ? 'fail' : s.has('unknown') ? 'unknown' : s.has('pass') ? 'pass' : 'not_applicable',
    );
  }
  return out;
}

forEachDatabase(
  'a scan with a member credential never passes a check the admin credential fails',
  async (t, { db }) => {
    const org = await startSimulatedOrg({ scenario: 'demo' }, NOW);
    try {
      const scan = async (user: 'admin' | 'member', database: Kysely<Database>) => {
        const { connection, allowHosts, baseUrls } = simConnection(org.sim.info, {
          user,
          id: `demo-${user}`,
        });
        const { access } = await discoverConnection({
          sites: connection.sites.map((s) => s.url),
          credentials: connection.credentials,
          orgId: connection.orgId ?? null,
          allowHosts,
          baseUrls,
        });
        const sync = await syncConnection({
          db: database,
          connection: { ...connection, access },
          allowHosts,
          baseUrls,
          now: () => NOW,
          collectorOptions: { apiTokens: 'all' },
        });
        assert.equal(sync.status, 'success');
        const evaluation = (await assess(database, connection.id, { now: NOW })).evaluation;
        return { access, sync, evaluation };
      };
      const siteId = (name: string) => {
        const site = org.sim.info.sites.find((s) => s.name === name);
        assert.ok(site, name);
        return site.cloudId;
      };
      const acme = siteId('acme');
      const labs = siteId('acme-labs');

      const admin = await scan('admin', db);
      await org.control.resetCounters();
      const member = await scan('member', db);
      const calls = (await org.control.counters()).calls;

      await t.test('discovery tells an org admin from a plain user, per site', () => {
        assert.equal(admin.access[acme]?.role, 'org-admin');
        assert.equal(admin.access[acme]?.confluenceAdmin, true);
        assert.equal(admin.access[labs]?.jiraAdmin, true);
        assert.equal(member.access[acme]?.role, 'user');
        assert.equal(member.access[acme]?.jiraAdmin, false);
        assert.equal(member.access[acme]?.confluenceAdmin, false);
        assert.equal(member.access[acme]?.orgAdmin, false);
        // The member has no product on acme-labs at all.
        assert.equal(member.access[labs]?.role, 'no-access');
      });

      await t.test('the admin reads every dataset whole', () => {
        for (const o of admin.sync.outcomes)
          assert.equal(o.status, 'ok', `${o.dataset}@${o.scope}: ${o.reason}`);
      });

      await t.test(
        'datasets only an administrator may read are forbidden, naming the right, without a call',
        () => {
          const outcome = (dataset: string, scope: string) =>
            member.sync.outcomes.find((o) => o.dataset === dataset && o.scope === scope);
          for (const [dataset, right] of [
            ['jira.audit', 'Jira administrator'],
            ['jira.roles', 'Jira administrator'],
            ['apps.upm-jira', 'Jira administrator'],
            ['confluence.audit', 'Confluence administrator'],
            ['apps.upm-confluence', 'Confluence administrator'],
          ] as const) {
            const o = outcome(dataset, acme);
            assert.equal(o?.status, 'forbidden', dataset);
            assert.match(o?.missingScope ?? '', new RegExp(right), dataset);
            assert.match(o?.reason ?? '', /plain user/, dataset);
          }
          for (const id of ADMIN_ONLY) assert.equal(calls[id] ?? 0, 0, `${id} was called`);
        },
      );

      await t.test('the space listing a member sees is partial: hidden permissions are counted', () => {
        const spaces = member.sync.outcomes.find(
          (o) => o.dataset === 'confluence.spaces' && o.scope === acme,
        );
        assert.equal(spaces?.status, 'partial');
        assert.equal(spaces?.missingScope, 'Confluence administrator');
        assert.match(spaces?.reason ?? '', /the permissions of \d+ of \d+ spaces came back empty/);
        // Cross-checked against the v2 listing, once.
        assert.equal(calls['confluence.spaces.list'], 1);
      });

      await t.test('no check passes for the member that fails for the admin', () => {
        const memberResults = new Map(member.evaluation.results.map((r) => [key(r), r]));
        const failing = admin.evaluation.results.filter((r) => r.status === 'fail');
        assert.ok(failing.length > 20, 'the demo fails many checks with the admin credential');
        for (const r of failing) {
          const m = memberResults.get(key(r));
          assert.notEqual(m?.status, 'pass', `${key(r)}: ${m?.message}`);
        }
        const adminVerdicts = verdicts(admin.evaluation.results);
        const memberVerdicts = verdicts(member.evaluation.results);
        for (const [rule, verdict] of adminVerdicts) {
          if (verdict !== 'fail') continue;
          assert.ok(
            ['fail', 'unknown'].includes(memberVerdicts.get(rule) ?? 'absent'),
            `${rule}: ${memberVerdicts.get(rule)} for the member`,
          );
        }
      });

      await t.test('the public DOCS space is unknown for the member, naming the right it needs', () => {
        const docs = member.evaluation.results.find(
          (r) => r.ruleId === 'conf_no_anonymous_space_access' && r.resource.id === 'DOCS',
        );
        assert.equal(docs?.status, 'unknown');
        assert.ok(
          docs?.reasons?.some(
            (x) =>
              x.code === 'dataset_partial' &&
              x.dataset === 'confluence.spaces' &&
              /Confluence administrator/.test(x.detail ?? ''),
          ),
          docs?.message,
        );
        assert.match(docs?.message ?? '', /Confluence administrator/);
      });

      await t.test('the posture score does not rise with the weaker credential', () => {
        const a = admin.evaluation.scores.org;
        const m = member.evaluation.scores.org;
        assert.ok(m.earned <= a.earned, `earned ${m.earned} > ${a.earned}`);
        assert.ok((m.score ?? 0) <= (a.score ?? 0), `score ${m.score} > ${a.score}`);
      });
    } finally {
      await org.stop();
    }
  },
  { timeout: 120_000 },
);
