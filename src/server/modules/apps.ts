import { listBanAlerts } from '../../app-risk/actions/index.ts';
import { classifyApp } from '../../app-risk/classification/repository.ts';
import type { AppClassificationState } from '../../app-risk/model/classification.ts';
import { fingerprintOf } from '../../app-risk/model/fingerprint.ts';
import { listPolicies } from '../../app-risk/policy/repository.ts';
import { clearScoreOverride, setScoreOverride } from '../../app-risk/risk/overrides.ts';
import { noteAudit } from '../audit-hook.ts';
import { RequestError } from '../request-error.ts';
import type { ServerDeps } from '../server-deps.ts';
import type { ServerModule } from '../server-module.ts';
import { actorOf } from './apps-actor.ts';
import { catalogueOf } from './apps-catalog.ts';
import { registerAppPolicies } from './apps-policies.ts';
import {
  AppAnswer,
  AppParams,
  AppQuery,
  BanAlertList,
  BanAlertsQuery,
  ClassificationBody,
  ClearOverrideQuery,
  ListAnswer,
  ListQuery,
  OverrideBody,
} from './apps-schemas.ts';
import {
  type Located,
  locate,
  matches,
  page,
  policyTitlesOf,
  sortItems,
  toDetail,
  toItem,
} from './apps-view.ts';
import { connectionsIn } from './connection-scope.ts';
import { ErrorBody } from './findings-schemas.ts';

// Apps over the API (Zscaler's "govern apps from one place"): every connection's installed apps
// with their risk, classification and installations, one app in full (scopes and what each
// reaches, egress, installer, licence, Marketplace signals, risk factors with evidence, failing
// checks), and the organization's decisions about them — classification, score override,
// policies — in the same stores the CLI and the scans use (each store audits its change; the
// route's entry adds who asked and from where). Actions are apps-actions.ts.

const TAGS = ['apps'];

/** The model's state for a word people use: approved → sanctioned, under review → re-review… */
const STATE_OF: Readonly<Record<string, AppClassificationState>> = {
  approved: 'sanctioned',
  under_review: 're-review',
  banned: 'unsanctioned',
};

async function detailOf(deps: ServerDeps, located: Located) {
  const { policies } = await listPolicies(deps.db, located.from.connectionId);
  return toDetail(located, policyTitlesOf(policies));
}

/** The app in the connection named, or the only connection that has it; 404 otherwise. */
async function requireApp(
  deps: ServerDeps,
  key: string,
  connectionId: string | undefined,
  hint = '',
): Promise<Located> {
  const loaded = await catalogueOf(deps).load(connectionId);
  if (
    connectionId !== undefined &&
    !loaded.some((c) => c.apps.some((a) => a.appKey.toLowerCase() === key.toLowerCase()))
  ) {
    throw new RequestError(
      'app_not_found',
      `no app "${key}" in the latest snapshot of connection ${connectionId}${hint}`,
    );
  }
  return locate(loaded, key);
}

/** The app as it stands after a change (its connection's apps judged again). */
async function changed(deps: ServerDeps, located: Located) {
  await catalogueOf(deps).forget(located.from.connectionId);
  return { app: await detailOf(deps, await requireApp(deps, located.app.appKey, located.from.connectionId)) };
}

export const appsModule: ServerModule = {
  name: 'apps',
  register(app, deps) {
    const catalogue = catalogueOf(deps);

    app.get(
      '/api/v1/apps',
      {
        config: { access: 'apps:read', readCache: true },
        schema: {
          tags: TAGS,
          summary: "Every connection's installed apps, riskiest first",
          description:
            'One item per app and connection (the latest complete snapshot). Filters combine (AND); a multi-valued one matches any of its values. Page with limit and nextCursor.',
          querystring: ListQuery,
          response: { 200: ListAnswer, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const { limit, cursor, connectionId, ...filters } = request.query;
        const loaded = await catalogue.load(connectionId);
        const keep = matches(filters);
        const items = loaded.flatMap((from) => from.apps.map((a) => toItem({ app: a, from }))).filter(keep);
        return page(sortItems(items), limit, cursor);
      },
    );

    app.get(
      '/api/v1/apps/ban-alerts',
      {
        config: { access: 'apps:read' },
        schema: {
          tags: TAGS,
          summary: 'Banned apps found installed again, and what enforcement did; newest first',
          querystring: BanAlertsQuery,
          response: { 200: BanAlertList, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const { connectionId, since, limit } = request.query;
        const ids = await connectionsIn(deps.db, connectionId);
        const lists = await Promise.all(
          ids.map((id) => listBanAlerts(deps.db, id, { ...(since ? { since } : {}), limit })),
        );
        const items = lists
          .flat()
          .sort((a, b) => b.detectedAt.localeCompare(a.detectedAt) || b.id.localeCompare(a.id))
          .slice(0, limit)
          .map(({ actionId: _a, ...alert }) => alert);
        return { items };
      },
    );

    registerAppPolicies(app, deps);

    app.get(
      '/api/v1/apps/:key',
      {
        config: { access: 'apps:read' },
        schema: {
          tags: TAGS,
          summary:
            'One app: scopes and what each reaches, egress, installations (installer, date, licence), Marketplace signals, risk factors with evidence, failing checks',
          params: AppParams,
          querystring: AppQuery,
          response: { 200: AppAnswer, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const located = await requireApp(deps, request.params.key, request.query.connectionId);
        return { app: await detailOf(deps, located) };
      },
    );

    app.put(
      '/api/v1/apps/:key/classification',
      {
        config: { access: 'apps:govern', audit: 'app.classification.set' },
        schema: {
          tags: TAGS,
          summary:
            'Classify an app: approved (sanctioned), risk-accepted until a date, under review, or banned (unsanctioned)',
          description:
            'approved, under_review and banned stand for sanctioned, re-review and unsanctioned. risk-accepted needs expiresAt; risk-accepted and unsanctioned need a justification. Only an installed app can be approved (its scopes, egress and versions are recorded; a change sends it back to review).',
          params: AppParams,
          body: ClassificationBody,
          response: { 200: AppAnswer, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const { key } = request.params;
        const body = request.body;
        const located = await requireApp(
          deps,
          key,
          body.connectionId,
          ': only an installed app is classified here (ban an app ahead of time with the ban action)',
        );
        const connectionId = located.from.connectionId;
        const appKey = located.app.appKey;
        const state = STATE_OF[body.state] ?? (body.state as AppClassificationState);
        const actor = actorOf(request);
        const saved = await classifyApp(deps.db, {
          connectionId,
          appKey,
          decision: { state, justification: body.justification, expiresAt: body.expiresAt },
          actor: actor.email,
          now: deps.now(),
          fingerprint: fingerprintOf(located.app),
        });
        noteAudit(request, {
          subject: `app:${appKey}`,
          connectionId,
          details: { state: saved.state, justification: saved.justification, expiresAt: saved.expiresAt },
        });
        return changed(deps, located);
      },
    );

    app.put(
      '/api/v1/apps/:key/score-override',
      {
        config: { access: 'apps:govern', audit: 'app.score-override.set' },
        schema: {
          tags: TAGS,
          summary: "Replace an app's risk score by hand, with a justification",
          description: 'The computed score and its factors stay visible beside it (riskDetail.computed).',
          params: AppParams,
          body: OverrideBody,
          response: { 200: AppAnswer, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const body = request.body;
        const located = await requireApp(deps, request.params.key, body.connectionId);
        const connectionId = located.from.connectionId;
        const actor = actorOf(request);
        await setScoreOverride(deps.db, {
          connectionId,
          appKey: located.app.appKey,
          score: body.score,
          justification: body.justification,
          actor: actor.email,
          now: deps.now(),
          computedScore: located.app.risk.computed.score,
        });
        noteAudit(request, {
          subject: `app:${located.app.appKey}`,
          connectionId,
          details: { score: body.score, computedScore: located.app.risk.computed.score },
        });
        return changed(deps, located);
      },
    );

    app.delete(
      '/api/v1/apps/:key/score-override',
      {
        config: { access: 'apps:govern', audit: 'app.score-override.clear' },
        schema: {
          tags: TAGS,
          summary: "Remove an app's manual score: the computed one applies again",
          params: AppParams,
          querystring: ClearOverrideQuery,
          response: { 200: AppAnswer, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const { connectionId: named, justification } = request.query;
        const located = await requireApp(deps, request.params.key, named);
        const connectionId = located.from.connectionId;
        const cleared = await clearScoreOverride(deps.db, {
          connectionId,
          appKey: located.app.appKey,
          actor: actorOf(request).email,
          now: deps.now(),
          ...(justification ? { justification } : {}),
        });
        if (!cleared) {
          throw new RequestError('invalid_input', `${located.app.appKey} has no manual score to remove`);
        }
        noteAudit(request, { subject: `app:${located.app.appKey}`, connectionId, details: { cleared } });
        return changed(deps, located);
      },
    );
  },
};
