import { z } from 'zod';
import { snapshotOutcomes } from '../../inventory/dataset-outcomes.ts';
import { appInputOf } from '../../report/app-risk-input.ts';
import { buildReport } from '../../report/build-report.ts';
import { REPORT_FILE_NAMES, REPORT_FORMATS, type ReportFormat, renderReport } from '../../report/formats.ts';
import type { Report } from '../../report/model.ts';
import { toDatasetOutcome } from '../../rules/snapshot/dataset-outcome.ts';
import { findDataset } from '../../rules/snapshot-view.ts';
import { judgeSnapshot } from '../../scan/judge-snapshot.ts';
import type { ServerDeps } from '../server-deps.ts';
import type { ServerModule } from '../server-module.ts';
import { requireConnection } from './connection-scope.ts';
import { ErrorBody } from './findings-schemas.ts';

// Reports from the server: a connection's latest complete snapshot (or the one asked for) judged
// as `palisade report` judges it — today's rules, attestations, exceptions and settings — and
// rendered by the CLI's renderers, as a download. Nothing is stored: a GET changes nothing (the
// scan records findings; this only reads).

const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  sarif: 'application/sarif+json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  ocsf: 'application/json; charset=utf-8',
};

const Query = z.object({
  connectionId: z.string().min(1).max(200),
  format: z.enum(REPORT_FORMATS).default('json'),
  snapshot: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});

async function reportOf(
  deps: ServerDeps,
  connectionId: string,
  version: number | undefined,
): Promise<Report> {
  const now = deps.now();
  const judged = await judgeSnapshot(deps.db, connectionId, { now, version, persist: false });
  const { view } = judged;
  const outcomes = await snapshotOutcomes(deps.db, connectionId, view.version);
  return buildReport({
    generatedAt: now,
    snapshot: {
      version: view.version,
      org: view.org,
      sites: view.sites,
      datasets: outcomes.map((o) => {
        const items = findDataset(view, o.dataset, o.scope)?.items;
        return { name: o.dataset, scope: o.scope, outcome: toDatasetOutcome(o), ...(items ? { items } : {}) };
      }),
    },
    rules: judged.metas,
    results: judged.results,
    apps: judged.apps.map(appInputOf),
  });
}

/** `palisade-report.sarif` → `palisade-report-<connection>-v<N>.sarif`, safe in a header. */
function fileName(format: ReportFormat, connectionId: string, version: number): string {
  const base = REPORT_FILE_NAMES[format];
  const dot = base.indexOf('.');
  const id = connectionId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  return `${base.slice(0, dot)}-${id}-v${version}${base.slice(dot)}`;
}

export const reportsModule: ServerModule = {
  name: 'reports',
  register(app, deps) {
    app.get(
      '/api/v1/reports',
      {
        config: { access: 'findings:read' },
        schema: {
          tags: ['reports'],
          summary: "A connection's report: JSON, CSV, SARIF 2.1.0, HTML or OCSF, as a download",
          description:
            'The latest complete snapshot, or `snapshot`, evaluated with today’s rules, attestations and exceptions (as palisade report).',
          querystring: Query,
          response: { 200: z.string(), 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const { connectionId, format, snapshot } = request.query;
        await requireConnection(deps.db, connectionId);
        const report = await reportOf(deps, connectionId, snapshot);
        return reply
          .type(CONTENT_TYPES[format])
          .header(
            'content-disposition',
            `attachment; filename="${fileName(format, connectionId, report.snapshotVersion)}"`,
          )
          .send(renderReport(report, format));
      },
    );
  },
};
