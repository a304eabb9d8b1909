import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import type { AttestationsTable } from '../../db/schema-findings.ts';
import { type Attestation, parseAttestation } from '../../rules/attestation.ts';

// Attestations an organization's admins recorded. Every one is kept (an auditor asks what was
// attested when); the engine uses the latest per subject and scope (src/rules/attestation.ts).

/**
 * Validates (`parseAttestation`: shape, value against the subject's schema, expiry after the
 * attestation) and stores. Throws `RuleEngineError('invalid_attestation')`; an existing id is replaced.
 */
export async function saveAttestation(
  db: Kysely<Database>,
  connectionId: string,
  input: unknown,
): Promise<Attestation> {
  const a = parseAttestation(input);
  const row: AttestationsTable = {
    id: a.id,
    connection_id: connectionId,
    subject: a.subject,
    scope: a.scope,
    value: toJsonColumn(a.value ?? null),
    evidence: toJsonColumn(a.evidence),
    author_id: a.author.id,
    author_name: a.author.name,
    attested_at: a.attestedAt,
    expires_at: a.expiresAt,
  };
  const { id: _id, ...update } = row;
  await db
    .insertInto('attestations')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(update))
    .execute();
  return a;
}

export async function listAttestations(db: Kysely<Database>, connectionId: string): Promise<Attestation[]> {
  const rows = await db
    .selectFrom('attestations')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('attested_at')
    .orderBy('id')
    .execute();
  return rows.map(toAttestation);
}

export async function deleteAttestation(
  db: Kysely<Database>,
  connectionId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('attestations')
    .where('connection_id', '=', connectionId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function toAttestation(row: AttestationsTable): Attestation {
  return {
    id: row.id,
    subject: row.subject as Attestation['subject'],
    scope: row.scope,
    value: fromJsonColumn(row.value),
    evidence: fromJsonColumn<Attestation['evidence']>(row.evidence),
    author: { id: row.author_id, name: row.author_name },
    attestedAt: row.attested_at,
    expiresAt: row.expires_at,
  };
}

/** An attestation by id, whatever its connection (the server's routes name attestations by id alone). */
export async function findAttestation(
  db: Kysely<Database>,
  id: string,
): Promise<{ connectionId: string; attestation: Attestation } | undefined> {
  const row = await db.selectFrom('attestations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { connectionId: row.connection_id, attestation: toAttestation(row) } : undefined;
}
