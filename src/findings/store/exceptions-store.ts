import type { Kysely } from 'kysely';
import { z } from 'zod';
import { fromJsonColumn, toJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import type { RuleExceptionsTable } from '../../db/schema-findings.ts';
import { exceptionSchema, type RuleException } from '../exceptions.ts';
import { FindingsStoreError } from './errors.ts';

// The organization's exceptions (accepted risks). Expired ones are kept: the evaluation reports
// them with the failures they no longer cover, so they can be renewed or dropped deliberately.

/** Validates (`exceptionSchema`, expiry after creation) and stores; an existing id is replaced. */
export async function saveException(
  db: Kysely<Database>,
  connectionId: string,
  input: unknown,
): Promise<RuleException> {
  const parsed = exceptionSchema.safeParse(input);
  if (!parsed.success) throw new FindingsStoreError('invalid_exception', z.prettifyError(parsed.error));
  const e = parsed.data;
  if (Date.parse(e.expiresAt) <= Date.parse(e.createdAt)) {
    throw new FindingsStoreError('invalid_exception', 'expiresAt must be after createdAt');
  }
  const row: RuleExceptionsTable = {
    id: e.id,
    connection_id: connectionId,
    rule_id: e.ruleId,
    resources: e.resources ? toJsonColumn(e.resources) : null,
    justification: e.justification,
    owner: e.owner,
    created_at: e.createdAt,
    expires_at: e.expiresAt,
  };
  const { id: _id, ...update } = row;
  await db
    .insertInto('rule_exceptions')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(update))
    .execute();
  return e;
}

export async function listExceptions(db: Kysely<Database>, connectionId: string): Promise<RuleException[]> {
  const rows = await db
    .selectFrom('rule_exceptions')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toException);
}

export async function deleteException(
  db: Kysely<Database>,
  connectionId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('rule_exceptions')
    .where('connection_id', '=', connectionId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function toException(row: RuleExceptionsTable): RuleException {
  return {
    id: row.id,
    ruleId: row.rule_id,
    ...(row.resources !== null ? { resources: fromJsonColumn<string[]>(row.resources) } : {}),
    justification: row.justification,
    owner: row.owner,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** An exception by id, whatever its connection (the server's routes name exceptions by id alone). */
export async function findException(
  db: Kysely<Database>,
  id: string,
): Promise<{ connectionId: string; exception: RuleException } | undefined> {
  const row = await db.selectFrom('rule_exceptions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { connectionId: row.connection_id, exception: toException(row) } : undefined;
}
