import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { fromJsonColumn } from '../../db/json-column.ts';
import { ruleMetasOf } from '../../findings/store/rule-metas.ts';
import {
  getWorkflowFinding,
  listFindingHistory,
  listWorkflowFindings,
  type WorkflowFinding,
} from '../../findings/store/workflow-query.ts';
import {
  type Actor,
  addFindingComment,
  bulkUpdateWorkflow,
  type FindingChangeInput,
  updateWorkflowFinding,
} from '../../findings/store/workflow-update.ts';
import { noteAudit } from '../audit-hook.ts';
import { RequestError } from '../request-error.ts';
import type { ServerDeps } from '../server-deps.ts';
import type { ServerModule } from '../server-module.ts';
import { filterNamesSomething, toWorkflowFilter } from './findings-filter.ts';
import {
  BulkAnswer,
  BulkBody,
  CommentBody,
  ErrorBody,
  FindingAnswer,
  type FindingDetail,
  type FindingItem,
  FindingParams,
  ListAnswer,
  ListQuery,
  PatchBody,
} from './findings-schemas.ts';

// Findings worked like incidents (Palo Alto's "assess, filter, change status, close"): the list
// across connections with its filters and cursor paging, one finding with its evidence,
// remediation, references, compliance controls and history, and the changes a team makes —
// status, assignee, comments, one at a time or by filter. The scan keeps its own part of the
// workflow (src/findings/store/workflow-sync.ts): fixed findings resolve, returning ones regress.

type Item = z.infer<typeof FindingItem>;

async function withAssignees(deps: ServerDeps, findings: readonly WorkflowFinding[]): Promise<Item[]> {
  const ids = [...new Set(findings.flatMap((f) => (f.assigneeId ? [f.assigneeId] : [])))];
  const users =
    ids.length === 0
      ? []
      : await deps.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  const names = new Map(users.map((u) => [u.id, u.name]));
  return findings.map((f) => ({
    id: f.id,
    connectionId: f.connectionId,
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    status: f.status,
    dismissalReason: f.dismissalReason,
    assignee: f.assigneeId ? { id: f.assigneeId, name: names.get(f.assigneeId) ?? f.assigneeId } : null,
    exceptionId: f.exceptionId,
    area: f.area,
    product: f.product,
    site: f.site,
    resource: f.resource,
    message: f.message,
    scanState: f.scanState,
    firstSeen: f.firstSeen.at,
    firstSeenVersion: f.firstSeen.version,
    lastSeen: f.lastSeen,
    updatedAt: f.updatedAt,
  }));
}

async function detail(deps: ServerDeps, id: string): Promise<z.infer<typeof FindingDetail>> {
  const finding = await getWorkflowFinding(deps.db, id);
  const [item] = await withAssignees(deps, [finding]);
  if (!item) throw new RequestError('finding_not_found', `no finding ${id}`);
  const meta = (await ruleMetasOf(deps.db, finding.connectionId)).get(finding.ruleId);
  const stored = await deps.db
    .selectFrom('findings')
    .select('evidence')
    .where('connection_id', '=', finding.connectionId)
    .where('snapshot_version', '=', finding.evaluatedVersion)
    .where('key', '=', finding.key)
    .executeTakeFirst();
  return {
    ...item,
    description: meta?.description ?? null,
    risk: meta?.risk ?? null,
    evidence: stored?.evidence ? fromJsonColumn<Record<string, unknown>>(stored.evidence) : null,
    remediation: { ui: meta?.remediation.ui ?? [], api: meta?.remediation.api ?? [] },
    references: meta?.references ?? [],
    compliance: Object.entries(meta?.compliance ?? {}).flatMap(([framework, controls]) =>
      (controls ?? []).map((control) => ({ framework, control })),
    ),
    history: await listFindingHistory(deps.db, id),
  };
}

function actorOf(request: FastifyRequest): Actor {
  const user = request.principal?.user;
  if (!user) throw new RequestError('authentication_required', 'sign in to change a finding');
  return { id: user.id, name: user.name };
}

function changeOf(body: z.infer<typeof PatchBody> | z.infer<typeof BulkBody>['set']): FindingChangeInput {
  return {
    status: body.status,
    ...('assignee' in body ? { assigneeId: body.assignee } : {}),
    comment: body.comment,
    dismissalReason: body.dismissalReason,
    exceptionExpiresAt: body.exceptionExpiresAt,
  };
}

export const findingsModule: ServerModule = {
  name: 'findings',
  register(app, deps) {
    app.get(
      '/api/v1/findings',
      {
        config: { access: 'findings:read', readCache: true },
        schema: {
          tags: ['findings'],
          summary: 'Findings, most severe first, then first seen',
          description:
            'Filters combine (AND); a multi-valued one matches any of its values. Page with limit and nextCursor.',
          querystring: ListQuery,
          response: { 200: ListAnswer, 400: ErrorBody },
        },
      },
      async (request) => {
        const { limit, cursor, ...filters } = request.query;
        const page = await listWorkflowFindings(deps.db, toWorkflowFilter(filters), { limit, cursor });
        return {
          items: await withAssignees(deps, page.items),
          total: page.total,
          nextCursor: page.nextCursor,
        };
      },
    );

    app.get(
      '/api/v1/findings/:id',
      {
        config: { access: 'findings:read' },
        schema: {
          tags: ['findings'],
          summary: 'One finding: evidence, remediation, references, compliance controls and history',
          params: FindingParams,
          response: { 200: FindingAnswer, 404: ErrorBody },
        },
      },
      async (request) => ({ finding: await detail(deps, request.params.id) }),
    );

    app.patch(
      '/api/v1/findings/:id',
      {
        config: { access: 'findings:triage', audit: 'finding.update' },
        schema: {
          tags: ['findings'],
          summary: "Change a finding's status, assignee, or comment on it",
          description:
            'Dismissing needs dismissalReason; as accepted_risk also exceptionExpiresAt (at most a year ahead): an exception is recorded for the rule and resource, shared with palisade except.',
          params: FindingParams,
          body: PatchBody,
          response: { 200: FindingAnswer, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const body = request.body;
        if (Object.values(body).every((v) => v === undefined)) {
          throw new RequestError(
            'invalid_input',
            'nothing to change: give status, assignee, comment, dismissalReason or exceptionExpiresAt',
          );
        }
        const { finding } = await updateWorkflowFinding(
          deps.db,
          request.params.id,
          changeOf(body),
          actorOf(request),
          deps.now(),
        );
        noteAudit(request, {
          subject: `finding:${finding.id}`,
          connectionId: finding.connectionId,
          details: {
            ruleId: finding.ruleId,
            resource: finding.resource.key,
            ...(body.status !== undefined ? { status: body.status } : {}),
            ...(body.dismissalReason !== undefined ? { dismissalReason: body.dismissalReason } : {}),
            ...(body.assignee !== undefined ? { assignee: body.assignee } : {}),
            ...(body.exceptionExpiresAt !== undefined ? { exceptionId: finding.exceptionId } : {}),
          },
        });
        return { finding: await detail(deps, finding.id) };
      },
    );

    app.post(
      '/api/v1/findings/bulk',
      {
        config: { access: 'findings:triage', audit: 'finding.bulk-update' },
        schema: {
          tags: ['findings'],
          summary: 'Change the status of every finding a filter matches',
          description: 'The filter takes the list’s filters and must name at least one.',
          body: BulkBody,
          response: { 200: BulkAnswer, 400: ErrorBody },
        },
      },
      async (request) => {
        const filter = toWorkflowFilter(request.body.filter);
        if (!filterNamesSomething(filter)) {
          throw new RequestError(
            'invalid_input',
            'filter names nothing: give at least one of the list’s filters',
          );
        }
        const updated = await bulkUpdateWorkflow(
          deps.db,
          filter,
          changeOf(request.body.set),
          actorOf(request),
          deps.now(),
        );
        noteAudit(request, {
          subject: 'findings',
          ...(request.body.filter.connectionId !== undefined
            ? { connectionId: request.body.filter.connectionId }
            : {}),
          details: { filter: request.body.filter, status: request.body.set.status, updated },
        });
        return { updated };
      },
    );

    app.post(
      '/api/v1/findings/:id/comments',
      {
        config: { access: 'findings:triage', audit: 'finding.comment' },
        schema: {
          tags: ['findings'],
          summary: 'Comment on a finding',
          params: FindingParams,
          body: CommentBody,
          response: { 201: FindingAnswer, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const id = request.params.id;
        await addFindingComment(deps.db, id, request.body.text, actorOf(request), deps.now());
        const finding = await detail(deps, id);
        noteAudit(request, { subject: `finding:${id}`, connectionId: finding.connectionId, details: {} });
        return reply.code(201).send({ finding });
      },
    );
  },
};
