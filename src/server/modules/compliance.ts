import { z } from 'zod';
import { catalogue } from '../../rules/catalogue/index.ts';
import { FRAMEWORK_IDS } from '../../rules/compliance/index.ts';
import { RESULT_STATUSES } from '../../rules/result.ts';
import { SnapshotViewError } from '../../rules/snapshot/errors.ts';
import { judgeSnapshot } from '../../scan/judge-snapshot.ts';
import type { ServerModule } from '../server-module.ts';
import {
  CHECK_STATES,
  CONTROL_STATES,
  complianceOf,
  countResults,
  type StatusCounts,
} from './compliance-query.ts';
import { connectionsIn } from './connection-scope.ts';
import { ErrorBody } from './findings-schemas.ts';

// Compliance coverage per framework (CIS v8, NIST 800-53, ISO 27001, SOC 2): each control with
// the checks that give evidence for it and how they came out in each connection's latest complete
// snapshot, judged as the report judges it (today's rules, attestations and exceptions). A GET
// stores nothing.

const Counts = z.object(
  Object.fromEntries(RESULT_STATUSES.map((s) => [s, z.number()])) as {
    [K in (typeof RESULT_STATUSES)[number]]: z.ZodNumber;
  },
);

const Check = z.object({
  ruleId: z.string(),
  title: z.string(),
  severity: z.string(),
  state: z
    .enum(CHECK_STATES)
    .describe('fail if any result fails, then unknown, excepted, pass, not_applicable'),
  results: Counts.describe('results of the rule per status, over the connections answered'),
});

const Control = z.object({
  id: z.string(),
  title: z.string(),
  group: z.string(),
  state: z.enum(CONTROL_STATES).describe('the worst of its checks; not_covered when no check speaks to it'),
  checks: z.array(Check),
});

const Framework = z.object({
  id: z.enum(FRAMEWORK_IDS),
  title: z.string(),
  version: z.string(),
  covered: z.number().describe('listed controls at least one check covers'),
  total: z.number(),
  percent: z.number(),
  passing: z.number().describe('controls whose checks all pass or do not apply'),
  failing: z.number(),
  controls: z.array(Control),
});

const ComplianceAnswer = z.object({
  generatedAt: z.string(),
  connections: z.array(
    z.object({
      id: z.string(),
      snapshotVersion: z.number().nullable().describe('the snapshot judged; null before the first scan'),
    }),
  ),
  frameworks: z.array(Framework),
});

const Query = z.object({ connectionId: z.string().min(1).max(200).optional() });

export const complianceModule: ServerModule = {
  name: 'compliance',
  register(app, deps) {
    app.get(
      '/api/v1/compliance',
      {
        config: { access: 'findings:read' },
        schema: {
          tags: ['compliance'],
          summary: "Coverage per compliance framework: each control's checks and their state",
          description:
            'Per connection its latest complete snapshot, evaluated with today’s rules, attestations and exceptions; the counts add up over the connections answered (one with connectionId).',
          querystring: Query,
          response: { 200: ComplianceAnswer, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const now = deps.now();
        const counts = new Map<string, StatusCounts>();
        const connections: { id: string; snapshotVersion: number | null }[] = [];
        for (const id of await connectionsIn(deps.db, request.query.connectionId)) {
          try {
            const judged = await judgeSnapshot(deps.db, id, { now, persist: false });
            countResults(counts, judged.results);
            connections.push({ id, snapshotVersion: judged.view.version });
          } catch (error) {
            // Not scanned yet: its checks are not evaluated, the others still count.
            if (!(error instanceof SnapshotViewError && error.code === 'no_complete_snapshot')) throw error;
            connections.push({ id, snapshotVersion: null });
          }
        }
        return {
          generatedAt: now.toISOString(),
          connections,
          frameworks: complianceOf(
            catalogue.map((e) => e.rule.meta),
            counts,
          ),
        };
      },
    );
  },
};
