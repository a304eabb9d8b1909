import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { ApiTokenBundle } from '../../connections/credentials/credential-store.ts';
import { getConnectionView, listConnectionViews } from '../../connections/managed/connection-view.ts';
import { createTokenConnection } from '../../connections/managed/create-connection.ts';
import { markDeleting, setScanInterval } from '../../connections/managed/delete-connection.ts';
import type { ManagedConnectionDeps } from '../../connections/managed/managed-deps.ts';
import { purgeConnection } from '../../connections/managed/purge-connection.ts';
import { reverifyStored, updateCredentials } from '../../connections/managed/update-credentials.ts';
import { grantWriteConsent, revokeWriteConsent } from '../../connections/managed/write-consent.ts';
import type { ScanTrigger } from '../../db/schema-server.ts';
import { noteAudit } from '../audit-hook.ts';
import { RequestError } from '../request-error.ts';
import type { ServerDeps } from '../server-deps.ts';
import type { ServerModule } from '../server-module.ts';
import {
  Accepted,
  BitbucketConnection,
  ConfirmBody,
  ConnectionIdParams,
  ConnectionList,
  ConnectionWithPermissions,
  ConsentRedirect,
  CreateConnectionBody,
  Created,
  CredentialsBody,
  DataCenterConnection,
  DeleteQuery,
  PatchConnectionBody,
  WriteConsent,
  WriteConsentBody,
} from './connections-schemas.ts';

// The Integrations window of Zscaler's and Palo Alto's guides as an API: add a connection (token
// method; OAuth has its own consent flow), list them with their status and last sync, reconnect,
// change credentials, delete (purged in the background), the separate write consent, and the
// per-connection schedule. Every change is verified against Atlassian before anything is stored,
// and no answer carries a secret (of a key, its last 4 characters).

const TAGS = ['connections'];

export const connectionsModule: ServerModule = {
  name: 'connections',
  register(app, deps) {
    const managed = managedDeps(deps);
    const view = async (id: string) => {
      const found = await getConnectionView(deps.db, id, deps.settings, deps.now());
      if (!found) {
        throw new RequestError('connection_not_found', `no connection ${id}`, {
          fix: 'list the connections with GET /api/v1/connections',
        });
      }
      return found;
    };
    const asCreated = async (id: string) => {
      const { permissions, ...connection } = await view(id);
      return { connection, permissions };
    };

    app.post(
      '/api/v1/connections',
      {
        config: { access: 'connections:manage', audit: 'connection.create' },
        schema: {
          tags: TAGS,
          summary: 'Add a connection (token method): verified against Atlassian first, then its first scan',
          body: CreateConnectionBody,
          response: { 201: Created },
        },
      },
      async (request, reply) => {
        const body = request.body;
        // Every kind: verified and saved, audited, its first scan requested, answered 201.
        const add = async (bundle: ApiTokenBundle, details: Record<string, unknown>) => {
          const by = userIdOf(request);
          const created = await createTokenConnection(managed, bundle, by);
          noteAudit(request, {
            subject: `connection:${created.connectionId}`,
            connectionId: created.connectionId,
            details: { method: 'api-token', ...details },
          });
          await requestScan(deps, request.log, created.connectionId, 'first', by);
          return reply.code(201).send(await asCreated(created.connectionId));
        };
        // A Bitbucket workspace (`kind: "bitbucket"`, validated by the body schema's first branch).
        const bitbucket = BitbucketConnection.safeParse(body);
        if (bitbucket.success) {
          const { workspace, accessToken, adminEmail, apiToken } = bitbucket.data;
          return add(
            { method: 'api-token', adminEmail, apiToken, bitbucket: { workspace, accessToken } },
            { kind: 'bitbucket', workspace },
          );
        }
        // A Data Center instance (`kind: "data-center"`): its base URL and personal access token.
        const dataCenter = DataCenterConnection.safeParse(body);
        if (dataCenter.success) {
          const { baseUrl, personalAccessToken } = dataCenter.data;
          return add(
            { method: 'api-token', dataCenter: { baseUrl, personalAccessToken } },
            { kind: 'data-center', baseUrl },
          );
        }
        if ('kind' in body) {
          throw new RequestError(
            'invalid_body',
            `a ${body.kind === 'data-center' ? 'Data Center' : 'Bitbucket'} connection is added with method "api-token" or none`,
          );
        }
        if (body.method !== 'api-token') {
          throw new RequestError(
            'invalid_body',
            'an OAuth connection is created through its consent step: open GET /api/v1/connections/oauth/start',
          );
        }
        const { method: _method, ...given } = body;
        return add({ method: 'api-token', ...given }, { sites: given.siteUrls?.length ?? 'discovered' });
      },
    );

    app.get(
      '/api/v1/connections',
      {
        config: { access: 'connections:read' },
        schema: {
          tags: TAGS,
          summary:
            'The connections, their domains, status and last sync, and the domain that needs a look most',
          response: { 200: ConnectionList },
        },
      },
      async () => listConnectionViews(deps.db, deps.settings, deps.now()),
    );

    app.get(
      '/api/v1/connections/:id',
      {
        config: { access: 'connections:read' },
        schema: {
          tags: TAGS,
          summary: 'One connection with its last permission check',
          params: ConnectionIdParams,
          response: { 200: ConnectionWithPermissions },
        },
      },
      async (request) => view(request.params.id),
    );

    app.post(
      '/api/v1/connections/:id/reconnect',
      {
        config: { access: 'connections:manage', audit: 'connection.reconnect' },
        schema: {
          tags: TAGS,
          summary: 'Reconnect: verify the token again, or give OAuth consent again',
          params: ConnectionIdParams,
          body: ConfirmBody,
          response: { 200: Created, 202: ConsentRedirect },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        requireConfirm(request.body.confirm, `reconnecting ${id}`);
        const current = await view(id);
        noteAudit(request, {
          subject: `connection:${id}`,
          connectionId: id,
          details: { method: current.method },
        });
        if (current.method === 'oauth') {
          return reply
            .code(202)
            .send({ consentUrl: `/api/v1/connections/oauth/start?connectionId=${encodeURIComponent(id)}` });
        }
        const by = userIdOf(request);
        await reverifyStored(managed, id, by);
        await requestScan(deps, request.log, id, 'reconnect', by);
        return reply.code(200).send(await asCreated(id));
      },
    );

    app.put(
      '/api/v1/connections/:id/credentials',
      {
        config: { access: 'connections:manage', audit: 'connection.credentials.update' },
        schema: {
          tags: TAGS,
          summary:
            'Replace the API token or org API key; the new one is verified first and the old kept if it fails',
          params: ConnectionIdParams,
          body: CredentialsBody,
          response: { 200: Created },
        },
      },
      async (request) => {
        const { id } = request.params;
        const { confirm, ...patch } = request.body;
        if (
          !patch.apiToken &&
          !patch.orgApiKey &&
          !patch.adminEmail &&
          !patch.accessToken &&
          !patch.personalAccessToken &&
          !patch.baseUrl
        ) {
          throw new RequestError(
            'missing_credentials',
            'give apiToken, orgApiKey, adminEmail, (a Bitbucket workspace) accessToken or (a Data Center instance) personalAccessToken or baseUrl to change',
          );
        }
        requireConfirm(confirm, `replacing the credentials of ${id}`);
        const by = userIdOf(request);
        await updateCredentials(managed, id, patch, by);
        noteAudit(request, {
          subject: `connection:${id}`,
          connectionId: id,
          details: {
            changed: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined),
          },
        });
        await requestScan(deps, request.log, id, 'reconnect', by);
        return asCreated(id);
      },
    );

    app.delete(
      '/api/v1/connections/:id',
      {
        config: { access: 'connections:manage', audit: 'connection.delete' },
        schema: {
          tags: TAGS,
          summary:
            'Delete the connection: its credentials at once, all its data in the background (the audit log keeps the fact)',
          params: ConnectionIdParams,
          querystring: DeleteQuery,
          response: { 202: Accepted },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        requireConfirm(request.query.confirm === 'true', `deleting ${id} and all its data`);
        const current = await view(id);
        await markDeleting(deps.db, id, deps.now());
        noteAudit(request, {
          subject: `connection:${id}`,
          connectionId: id,
          details: { orgName: current.orgName, domains: current.domains.map((d) => d.host) },
        });
        purgeInBackground(deps, request.log, id, userIdOf(request));
        return reply.code(202).send({ id, state: 'deleting' as const });
      },
    );

    app.post(
      '/api/v1/connections/:id/write-consent',
      {
        config: { access: 'connections:write-consent', audit: 'connection.write-consent.grant' },
        schema: {
          tags: TAGS,
          summary:
            "Grant the write consent: a site admin's API token (a Data Center instance: a system administrator's personal access token), used only for app actions",
          params: ConnectionIdParams,
          body: WriteConsentBody,
          response: { 200: WriteConsent },
        },
      },
      async (request) => {
        const { id } = request.params;
        const granted = await grantWriteConsent(managed, id, request.body, userIdOf(request));
        noteAudit(request, {
          subject: `connection:${id}`,
          connectionId: id,
          details:
            'adminEmail' in request.body ? { adminEmail: request.body.adminEmail } : { kind: 'data-center' },
        });
        return { writeConsent: { granted: true, ...(granted.last4 ? { last4: granted.last4 } : {}) } };
      },
    );

    app.delete(
      '/api/v1/connections/:id/write-consent',
      {
        config: { access: 'connections:write-consent', audit: 'connection.write-consent.revoke' },
        schema: {
          tags: TAGS,
          summary: 'Revoke the write consent (its token is deleted)',
          params: ConnectionIdParams,
          response: { 200: WriteConsent },
        },
      },
      async (request) => {
        const { id } = request.params;
        const revoked = await revokeWriteConsent(managed, id);
        noteAudit(request, { subject: `connection:${id}`, connectionId: id, details: { revoked } });
        return { writeConsent: { granted: false } };
      },
    );

    app.patch(
      '/api/v1/connections/:id',
      {
        config: { access: 'connections:manage', audit: 'connection.update' },
        schema: {
          tags: TAGS,
          summary: "Override the connection's scan schedule (at least 15 minutes; null: the platform's)",
          params: ConnectionIdParams,
          body: PatchConnectionBody,
          response: { 200: ConnectionWithPermissions },
        },
      },
      async (request) => {
        const { id } = request.params;
        await setScanInterval(deps.db, id, request.body.scanIntervalSeconds, deps.now());
        noteAudit(request, {
          subject: `connection:${id}`,
          connectionId: id,
          details: { scanIntervalSeconds: request.body.scanIntervalSeconds },
        });
        return view(id);
      },
    );
  },
};

function managedDeps(deps: ServerDeps): ManagedConnectionDeps {
  return {
    db: deps.db,
    secretBox: deps.secretBox,
    allowHosts: deps.settings.allowHosts,
    baseUrls: deps.settings.baseUrls,
    now: deps.now,
  };
}

function userIdOf(request: FastifyRequest): string | null {
  return request.principal?.user.id ?? null;
}

function requireConfirm(confirm: boolean | undefined, what: string): void {
  if (confirm !== true) {
    throw new RequestError('confirmation_required', `${what} needs confirmation`);
  }
}

/**
 * The scan a change calls for. The change itself is done and reported; a scan that cannot be
 * queued now (one is running already) is logged, and the schedule takes it up.
 */
async function requestScan(
  deps: ServerDeps,
  log: FastifyBaseLogger,
  connectionId: string,
  trigger: ScanTrigger,
  by: string | null,
): Promise<void> {
  try {
    await deps.scans.request({ connectionId, trigger, by });
  } catch (error) {
    log.warn({ connectionId, trigger, code: (error as { code?: unknown }).code }, 'scan not requested');
  }
}

/**
 * The purge runs after the answer, in this process (a later issue moves it onto the job queue);
 * a queued or running scan is cancelled first so that it does not write into what is purged.
 * Failures are logged: the profile stays `deleting`, and deleting it again is refused (404) until
 * an operator looks, which the log line says.
 */
function purgeInBackground(deps: ServerDeps, log: FastifyBaseLogger, id: string, by: string | null): void {
  const run = async () => {
    // On PostgreSQL the purge is a job (retried if a process dies mid-purge).
    if (deps.scans.purgeConnection) return deps.scans.purgeConnection({ connectionId: id, by });
    const running = await deps.db
      .selectFrom('scans')
      .select('id')
      .where('connection_id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .execute();
    for (const scan of running) {
      await deps.scans.cancel({ connectionId: id, scanId: scan.id, by }).catch(() => undefined);
    }
    await purgeConnection(deps.db, id);
    deps.events.publish({
      type: 'connection.deleted',
      connectionId: id,
      data: {},
      at: deps.now().toISOString(),
    });
    log.info({ connectionId: id }, 'connection purged');
  };
  run().catch((error: unknown) => {
    log.error(
      { connectionId: id, err: error },
      'connection purge failed; the connection stays in state deleting',
    );
  });
}
