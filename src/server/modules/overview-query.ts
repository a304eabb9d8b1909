import type { Kysely } from 'kysely';
import { fromJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import type { PostureScores } from '../../findings/posture-score.ts';

// The overview's numbers, each in one grouped query over every connection (never one query per
// snapshot or per connection): the posture score of every evaluation, the findings still to be
// worked by severity (the findings list's own rows), and what the latest evaluation changed.

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type SeverityCounts = Record<(typeof SEVERITIES)[number], number> & { total: number };

/** The workflow statuses of a finding still to be worked (the findings list's `status` filter). */
export const FAILING_STATUSES = ['open', 'in_progress', 'regressed'] as const;

export interface ScorePoint {
  snapshotVersion: number;
  evaluatedAt: string;
  score: number | null;
  earned: number;
  possible: number;
}

export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, total: 0 };
}

function add(counts: SeverityCounts, severity: string, n: number): void {
  if ((SEVERITIES as readonly string[]).includes(severity)) {
    counts[severity as (typeof SEVERITIES)[number]] += n;
  }
  counts.total += n;
}

/** Every evaluation's organization-wide posture score, oldest first, per connection. */
export async function scoreSeries(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, ScorePoint[]>> {
  const out = new Map<string, ScorePoint[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('finding_evaluations')
    .select(['connection_id', 'snapshot_version', 'evaluated_at', 'scores'])
    .where('connection_id', 'in', [...ids])
    .orderBy('connection_id')
    .orderBy('snapshot_version')
    .execute();
  for (const r of rows) {
    const org = fromJsonColumn<PostureScores>(r.scores).org;
    const series = out.get(r.connection_id) ?? [];
    series.push({
      snapshotVersion: Number(r.snapshot_version),
      evaluatedAt: r.evaluated_at,
      score: org.score,
      earned: org.earned,
      possible: org.possible,
    });
    out.set(r.connection_id, series);
  }
  return out;
}

/** Findings still to be worked, and the distinct checks (rules) failing, by severity. */
export async function failingBySeverity(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { findings: SeverityCounts; checks: SeverityCounts }>> {
  const out = new Map<string, { findings: SeverityCounts; checks: SeverityCounts }>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('finding_workflow')
    .select((eb) => [
      'connection_id',
      'severity',
      eb.fn.countAll().as('findings'),
      eb.fn.count('rule_id').distinct().as('checks'),
    ])
    .where('connection_id', 'in', [...ids])
    .where('status', 'in', [...FAILING_STATUSES])
    .groupBy(['connection_id', 'severity'])
    .execute();
  for (const r of rows) {
    const entry = out.get(r.connection_id) ?? { findings: emptyCounts(), checks: emptyCounts() };
    add(entry.findings, r.severity, Number(r.findings));
    add(entry.checks, r.severity, Number(r.checks));
    out.set(r.connection_id, entry);
  }
  return out;
}

export interface ChangeCounts {
  snapshotVersion: number;
  new: number;
  regressed: number;
  resolved: number;
  changed: number;
}

/** What each connection's latest evaluation changed against the one before it. */
export async function latestChanges(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, ChangeCounts>> {
  const out = new Map<string, ChangeCounts>();
  if (ids.length === 0) return out;
  const latest = await db
    .selectFrom('finding_evaluations')
    .select((eb) => ['connection_id', eb.fn.max('snapshot_version').as('version')])
    .where('connection_id', 'in', [...ids])
    .groupBy('connection_id')
    .execute();
  for (const l of latest) {
    out.set(l.connection_id, {
      snapshotVersion: Number(l.version),
      new: 0,
      regressed: 0,
      resolved: 0,
      changed: 0,
    });
  }
  if (latest.length === 0) return out;
  // Each connection's own latest version, named (a correlated subquery per change row was most
  // of the Overview's time on the xl tenant): one primary-key range per connection.
  const rows = await db
    .selectFrom('finding_changes as c')
    .select((eb) => ['c.connection_id', 'c.kind', eb.fn.countAll().as('n')])
    .where((eb) =>
      eb.or(
        latest.map((l) =>
          eb.and([
            eb('c.connection_id', '=', l.connection_id),
            eb('c.snapshot_version', '=', Number(l.version)),
          ]),
        ),
      ),
    )
    .groupBy(['c.connection_id', 'c.kind'])
    .execute();
  for (const r of rows) {
    const entry = out.get(r.connection_id);
    if (entry) entry[r.kind] += Number(r.n);
  }
  return out;
}
