import type { z } from 'zod';
import {
  type AppActionOutcome,
  type AppActionRequest,
  formatActionOutcome,
  runAppAction,
} from '../../app-risk/actions/index.ts';
import { loadCredential, writeCredentialsOf } from '../../connections/credentials/credential-store.ts';
import { getConnection } from '../../inventory/connections.ts';
import { noteAudit } from '../audit-hook.ts';
import { RequestError } from '../request-error.ts';
import type { ServerModule } from '../server-module.ts';
import { actorOf } from './apps-actor.ts';
import { catalogueOf } from './apps-catalog.ts';
import { ActionAnswer, ActionBody, AppParams } from './apps-schemas.ts';
import { ErrorBody } from './findings-schemas.ts';

// Disable, enable, uninstall, ban and unban an app, and the steps to block user-installed apps
// (Zscaler: "people not granted revocation rights cannot revoke or ban apps"): the route needs the
// apps:revoke right (403 right_required, checked before anything is read) and the action the
// connection's write consent — the separate site-admin credential granted at
// POST /api/v1/connections/{id}/write-consent — or 409 write_consent_required. A dry run checks
// the same and answers the exact requests it would send, sending none. Where Atlassian has no API
// (Forge apps, the "block user apps" toggle) the answer is manual_required with the steps in
// admin.atlassian.com. The action log and the audit log record every real run (src/app-risk/actions).

type Answer = z.infer<typeof ActionAnswer>['outcome'];

function shown(outcome: AppActionOutcome): Answer {
  return {
    runId: outcome.runId,
    connectionId: outcome.connectionId,
    action: outcome.action,
    appKey: outcome.appKey,
    actor: outcome.actor,
    at: outcome.at,
    dryRun: outcome.dryRun,
    result: outcome.result,
    snapshotVersion: outcome.snapshotVersion,
    summary: formatActionOutcome(outcome),
    steps: outcome.steps.map((s) => ({
      site: { cloudId: s.site.cloudId, url: s.site.url },
      product: s.product,
      appKey: s.appKey,
      appName: s.appName,
      framework: s.framework,
      result: s.result,
      request: s.request
        ? {
            method: s.request.method,
            url: s.request.url,
            ...(s.request.contentType ? { contentType: s.request.contentType } : {}),
            ...(s.request.body ? { body: s.request.body } : {}),
          }
        : null,
      manual: s.manual ?? null,
      error: s.error,
    })),
    ban: outcome.ban
      ? { reason: outcome.ban.reason, by: outcome.ban.actor.name, at: outcome.ban.bannedAt }
      : null,
  };
}

export const appActionsModule: ServerModule = {
  name: 'app-actions',
  register(app, deps) {
    app.post(
      '/api/v1/apps/:key/actions',
      {
        config: { access: 'apps:revoke', audit: 'app.action' },
        schema: {
          tags: ['apps'],
          summary:
            'Disable, enable, uninstall, ban or unban an app (needs the apps:revoke right and write consent)',
          description:
            'dryRun: the exact requests, none sent. ban needs a reason: the app is put on the deny-list, uninstalled, and uninstalled again by every later scan that finds it (GET /api/v1/apps/ban-alerts). Forge apps and block-user-installed-apps (the key in the path is not used) answer manual_required with the admin.atlassian.com steps. 409 write_consent_required: grant it at POST /api/v1/connections/{id}/write-consent.',
          params: AppParams,
          body: ActionBody,
          response: { 200: ActionAnswer, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (request) => {
        const body = request.body;
        const appKey = request.params.key;
        const connection = await getConnection(deps.db, body.connectionId);
        if (!connection) throw new RequestError('connection_not_found', `no connection ${body.connectionId}`);
        const sites = body.sites?.map((wanted) => {
          const site = connection.sites.find(
            (s) => s.cloudId === wanted || new URL(s.url).host.toLowerCase() === wanted.toLowerCase(),
          );
          if (!site) {
            throw new RequestError(
              'invalid_input',
              `sites: "${wanted}" is none of connection ${connection.id}'s sites (${connection.sites.map((s) => new URL(s.url).host).join(', ')})`,
            );
          }
          return site.cloudId;
        });
        const narrowed = {
          ...(sites ? { sites } : {}),
          ...(body.products ? { products: body.products } : {}),
        };
        const dryRun = body.dryRun;
        let action: AppActionRequest;
        switch (body.action) {
          case 'ban':
            if (!body.reason) {
              throw new RequestError(
                'invalid_input',
                'reason: a ban needs one; it is shown with every alert the ban raises',
              );
            }
            action = { action: 'ban', appKey, reason: body.reason, dryRun };
            break;
          case 'unban':
            action = { action: 'unban', appKey, dryRun };
            break;
          case 'block-user-installed-apps':
            action = { action: 'block-user-installed-apps', ...(sites ? { sites } : {}), dryRun };
            break;
          default:
            action = { action: body.action, appKey, ...narrowed, dryRun };
        }
        const write = await loadCredential(deps.db, deps.secretBox, connection.id, 'write');
        const person = actorOf(request);
        const outcome = await runAppAction(
          {
            db: deps.db,
            connection: {
              id: connection.id,
              ...(write ? { writeCredentials: writeCredentialsOf(write.bundle) } : {}),
            },
            actor: { id: person.id, name: person.name, rights: request.principal?.rights ?? [] },
            allowHosts: deps.settings.allowHosts,
            baseUrls: deps.settings.baseUrls,
            now: deps.now,
          },
          action,
        );
        if (!dryRun) await catalogueOf(deps).forget(connection.id);
        noteAudit(request, {
          subject:
            body.action === 'block-user-installed-apps' ? `connection:${connection.id}` : `app:${appKey}`,
          connectionId: connection.id,
          details: {
            action: body.action,
            dryRun,
            result: outcome.result,
            runId: outcome.runId,
            ...(body.reason ? { reason: body.reason } : {}),
          },
        });
        return { outcome: shown(outcome) };
      },
    );
  },
};
