import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AuditSource, recordAudit } from '../audit/audit-log.ts';
import type { AuditNote } from './fastify-types.ts';
import type { ServerDeps } from './server-deps.ts';

// Every change made by a person or a token goes to the audit log: a route that changes something
// declares its action (`config.audit`, route-table.ts makes it mandatory), its handler may add the
// subject and details (`noteAudit`), and this hook writes the entry once the change succeeded —
// before the answer is sent, so a change whose entry cannot be written is not reported as done.

export function noteAudit(request: FastifyRequest, note: AuditNote): void {
  request.auditNote = { ...request.auditNote, ...note };
}

export function sourceOf(request: FastifyRequest): AuditSource {
  const principal = request.principal;
  const agent = request.headers['user-agent'];
  return {
    address: request.ip,
    ...(typeof agent === 'string' ? { userAgent: agent.slice(0, 200) } : {}),
    via: principal
      ? principal.via.kind === 'session'
        ? 'session'
        : `token:${principal.via.tokenId}`
      : 'anonymous',
  };
}

export function recordChanges(app: FastifyInstance, deps: ServerDeps): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const action = request.routeOptions.config?.audit;
    if (!action || reply.statusCode >= 400) return payload;
    const note = request.auditNote ?? {};
    await recordAudit(deps.db, {
      actor: request.principal?.user.id ?? note.actor ?? 'anonymous',
      action,
      subject: note.subject ?? request.routeOptions.url ?? request.url.split('?')[0] ?? request.url,
      connectionId: note.connectionId ?? null,
      details: note.details ?? {},
      source: sourceOf(request),
      at: deps.now(),
    });
    return payload;
  });
}
