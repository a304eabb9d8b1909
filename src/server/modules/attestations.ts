import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  deleteAttestation,
  findAttestation,
  listAttestations,
  saveAttestation,
} from '../../findings/store/attestations-store.ts';
import type { Attestation } from '../../rules/attestation.ts';
import { SUBJECT_NAMES } from '../../rules/attestation-subjects.ts';
import { noteAudit } from '../audit-hook.ts';
import { RequestError } from '../request-error.ts';
import type { ServerModule } from '../server-module.ts';
import { connectionsIn, requireConnection } from './connection-scope.ts';
import { ErrorBody } from './findings-schemas.ts';

// Attestations over the API, in the store `palisade attest` writes: a setting no public API
// exposes, recorded by a person with evidence and an expiry; the engine uses the latest per
// subject and scope. The author is who records it.

const Item = z.object({
  id: z.string(),
  connectionId: z.string(),
  subject: z.string(),
  scope: z.string(),
  value: z.unknown(),
  evidence: z.object({ note: z.string(), url: z.string().optional() }),
  author: z.object({ id: z.string(), name: z.string() }),
  attestedAt: z.string(),
  expiresAt: z.string(),
  state: z.enum(['active', 'expired']),
});

const ListQuery = z.object({ connectionId: z.string().min(1).max(200).optional() });

const CreateBody = z.object({
  connectionId: z.string().min(1).max(200),
  subject: z.enum(SUBJECT_NAMES),
  scope: z.string().min(1).max(200).describe('org, or the cloud id of the site'),
  value: z.unknown().describe("the attested value, checked against the subject's schema"),
  evidence: z.object({ note: z.string().trim().min(1).max(5000), url: z.url().max(2048).optional() }),
  expiresAt: z.iso.datetime({ offset: true }),
});

const IdParams = z.object({ id: z.string().min(1).max(200) });

function shown(connectionId: string, a: Attestation, now: Date): z.infer<typeof Item> {
  return { ...a, connectionId, state: Date.parse(a.expiresAt) > now.getTime() ? 'active' : 'expired' };
}

export const attestationsModule: ServerModule = {
  name: 'attestations',
  register(app, deps) {
    app.get(
      '/api/v1/attestations',
      {
        config: { access: 'findings:read' },
        schema: {
          tags: ['attestations'],
          summary: 'Attestations, expired ones included',
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(Item) }), 404: ErrorBody },
        },
      },
      async (request) => {
        const now = deps.now();
        const items: z.infer<typeof Item>[] = [];
        for (const id of await connectionsIn(deps.db, request.query.connectionId)) {
          for (const a of await listAttestations(deps.db, id)) items.push(shown(id, a, now));
        }
        return { items };
      },
    );

    app.post(
      '/api/v1/attestations',
      {
        config: { access: 'exceptions:manage', audit: 'attestation.create' },
        schema: {
          tags: ['attestations'],
          summary: 'Attest a setting no public API exposes',
          body: CreateBody,
          response: { 201: z.object({ attestation: Item }), 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const now = deps.now();
        const user = request.principal?.user;
        if (!user) throw new RequestError('authentication_required', 'sign in to attest');
        await requireConnection(deps.db, body.connectionId);
        if (Date.parse(body.expiresAt) <= now.getTime()) {
          throw new RequestError('invalid_input', 'expiresAt must be in the future');
        }
        const saved = await saveAttestation(deps.db, body.connectionId, {
          id: randomUUID(),
          subject: body.subject,
          scope: body.scope,
          value: body.value,
          evidence: { note: body.evidence.note, ...(body.evidence.url ? { url: body.evidence.url } : {}) },
          author: { id: user.id, name: user.name },
          attestedAt: now.toISOString(),
          expiresAt: new Date(body.expiresAt).toISOString(),
        });
        noteAudit(request, {
          subject: `attestation:${saved.id}`,
          connectionId: body.connectionId,
          details: { subject: saved.subject, scope: saved.scope, expiresAt: saved.expiresAt },
        });
        return reply.code(201).send({ attestation: shown(body.connectionId, saved, now) });
      },
    );

    app.delete(
      '/api/v1/attestations/:id',
      {
        config: { access: 'exceptions:manage', audit: 'attestation.revoke' },
        schema: {
          tags: ['attestations'],
          summary: 'Revoke an attestation: the rules it backed are unknown again unless another one holds',
          params: IdParams,
          response: { 200: z.object({ attestation: Item }), 404: ErrorBody },
        },
      },
      async (request) => {
        const found = await findAttestation(deps.db, request.params.id);
        if (!found) throw new RequestError('attestation_not_found', `no attestation ${request.params.id}`);
        await deleteAttestation(deps.db, found.connectionId, found.attestation.id);
        noteAudit(request, {
          subject: `attestation:${found.attestation.id}`,
          connectionId: found.connectionId,
          details: { subject: found.attestation.subject, scope: found.attestation.scope },
        });
        return { attestation: shown(found.connectionId, found.attestation, deps.now()) };
      },
    );
  },
};
