import { z } from 'zod';
import { RISK_BANDS } from '../../app-risk/model/score.ts';
import { listConnectionViews } from '../../connections/managed/connection-view.ts';
import type { ServerModule } from '../server-module.ts';
import { catalogueOf } from './apps-catalog.ts';
import { ConnectionList } from './connections-schemas.ts';
import { ErrorBody } from './findings-schemas.ts';
import {
  type ChangeCounts,
  emptyCounts,
  FAILING_STATUSES,
  failingBySeverity,
  latestChanges,
  type SeverityCounts,
  scoreSeries,
} from './overview-query.ts';

// The first page a security team opens: per connection the posture score now and over time, what
// is failing by severity, what the last scan changed, the riskiest apps, and the domain whose last
// sync most needs a look. Every number is one the lists behind it answer: `failing.findings` is the
// total of GET /api/v1/findings?status=open,in_progress,regressed&severity=…&connectionId=…, the
// apps are GET /api/v1/apps's first items.

const TOP_APPS = 5;

const Counts = z.object({
  critical: z.number(),
  high: z.number(),
  medium: z.number(),
  low: z.number(),
  total: z.number(),
});

const Changes = z.object({
  snapshotVersion: z.number(),
  new: z.number(),
  regressed: z.number(),
  resolved: z.number(),
  changed: z.number(),
});

const RiskyApp = z.object({
  key: z.string(),
  name: z.string(),
  vendor: z.string().nullable(),
  connectionId: z.string(),
  score: z.number(),
  band: z.enum(RISK_BANDS),
});

const ConnectionOverview = z.object({
  id: z.string(),
  name: z.string(),
  posture: z
    .object({
      snapshotVersion: z.number(),
      evaluatedAt: z.string(),
      score: z.number().nullable(),
      earned: z.number(),
      possible: z.number(),
    })
    .nullable()
    .describe('the latest evaluation; null before the first scan'),
  history: z
    .array(z.object({ snapshotVersion: z.number(), evaluatedAt: z.string(), score: z.number().nullable() }))
    .describe('one point per evaluated snapshot, oldest first'),
  failing: z.object({
    findings: Counts.describe(`findings with status ${FAILING_STATUSES.join(', ')}`),
    checks: Counts.describe('distinct rules with such findings'),
  }),
  changes: Changes.nullable().describe(
    "the latest scan's changes against the one before; null before the first",
  ),
  riskiestApps: z.array(RiskyApp),
});

const OverviewAnswer = z.object({
  generatedAt: z.string(),
  connections: z.array(ConnectionOverview),
  totals: z.object({
    failing: z.object({ findings: Counts, checks: Counts }),
    changes: Changes.omit({ snapshotVersion: true }),
  }),
  riskiestApps: z.array(RiskyApp),
  worstLastSync: ConnectionList.shape.worstLastSync,
});

const Query = z.object({ connectionId: z.string().min(1).max(200).optional() });

function sum(into: SeverityCounts, counts: SeverityCounts): void {
  into.critical += counts.critical;
  into.high += counts.high;
  into.medium += counts.medium;
  into.low += counts.low;
  into.total += counts.total;
}

export const overviewModule: ServerModule = {
  name: 'overview',
  register(app, deps) {
    app.get(
      '/api/v1/overview',
      {
        config: { access: 'findings:read', readCache: true },
        schema: {
          tags: ['overview'],
          summary:
            'Per connection: posture score now and over time, failing checks by severity, changes since the last scan, riskiest apps; the worst last sync',
          querystring: Query,
          response: { 200: OverviewAnswer, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const named = request.query.connectionId;
        const now = deps.now();
        // Apps first: a named connection that does not exist answers 404 from there.
        const [apps, connections] = await Promise.all([
          catalogueOf(deps).load(named),
          connectionsOf(deps, named),
        ]);
        const ids = connections.map((c) => c.id);
        const [series, failing, changes, views] = await Promise.all([
          scoreSeries(deps.db, ids),
          failingBySeverity(deps.db, ids),
          latestChanges(deps.db, ids),
          listConnectionViews(deps.db, deps.settings, now, { connectionId: named }),
        ]);
        const appsOf = new Map(apps.map((a) => [a.connectionId, a]));
        const risky = (connectionId: string) =>
          (appsOf.get(connectionId)?.apps ?? []).map((a) => ({
            key: a.appKey,
            name: a.name,
            vendor: a.vendorName,
            connectionId,
            score: a.risk.score,
            band: a.risk.band,
          }));
        const totals = {
          failing: { findings: emptyCounts(), checks: emptyCounts() },
          changes: { new: 0, regressed: 0, resolved: 0, changed: 0 },
        };
        const out = connections.map((c) => {
          const points = series.get(c.id) ?? [];
          const last = points.at(-1);
          const fails = failing.get(c.id) ?? { findings: emptyCounts(), checks: emptyCounts() };
          const changed: ChangeCounts | null = changes.get(c.id) ?? null;
          sum(totals.failing.findings, fails.findings);
          sum(totals.failing.checks, fails.checks);
          if (changed) {
            totals.changes.new += changed.new;
            totals.changes.regressed += changed.regressed;
            totals.changes.resolved += changed.resolved;
            totals.changes.changed += changed.changed;
          }
          return {
            id: c.id,
            name: c.name,
            posture: last
              ? {
                  snapshotVersion: last.snapshotVersion,
                  evaluatedAt: last.evaluatedAt,
                  score: last.score,
                  earned: last.earned,
                  possible: last.possible,
                }
              : null,
            history: points.map((p) => ({
              snapshotVersion: p.snapshotVersion,
              evaluatedAt: p.evaluatedAt,
              score: p.score,
            })),
            failing: fails,
            changes: changed,
            // appsOfSnapshot answers riskiest first.
            riskiestApps: risky(c.id).slice(0, TOP_APPS),
          };
        });
        const riskiest = ids
          .flatMap(risky)
          .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
          .slice(0, TOP_APPS);
        return {
          generatedAt: now.toISOString(),
          connections: out,
          totals,
          riskiestApps: riskiest,
          worstLastSync: views.worstLastSync,
        };
      },
    );
  },
};

async function connectionsOf(
  deps: Parameters<ServerModule['register']>[1],
  named: string | undefined,
): Promise<{ id: string; name: string }[]> {
  let query = deps.db
    .selectFrom('connections as c')
    .leftJoin('connection_profiles as p', 'p.connection_id', 'c.id')
    .select(['c.id', 'c.name'])
    .where((eb) => eb.or([eb('p.state', 'is', null), eb('p.state', '!=', 'deleting')]))
    .orderBy('c.id');
  if (named !== undefined) query = query.where('c.id', '=', named);
  return query.execute();
}
