import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import type { UsersTable } from '../db/schema-server.ts';
import { PeopleError } from './people-error.ts';
import { isRole, RIGHTS, type Right, type Role } from './roles.ts';

// The users store: e-mail lower-cased (sign-in and uniqueness ignore case), the role, the rights
// granted explicitly. The password hash never leaves this module's row type: `User` has none.

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  rights: Right[];
  /** Whether a password is set (false: invited, not yet accepted). */
  active: boolean;
  /** When an owner or admin deactivated the account (it cannot sign in, its tokens stop); null: active. */
  disabledAt: string | null;
  createdAt: string;
  createdBy: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function checkEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (normalized.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(normalized)) {
    throw new PeopleError('invalid_input', 'email is not an e-mail address (name@example.com)');
  }
  return normalized;
}

export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw new PeopleError('invalid_input', 'name must be 1 to 200 characters');
  }
  return trimmed;
}

export function checkRights(rights: readonly string[]): Right[] {
  const unknown = rights.filter((r) => !(RIGHTS as readonly string[]).includes(r));
  if (unknown.length > 0) {
    throw new PeopleError(
      'invalid_input',
      `rights: unknown right ${unknown.join(', ')} (known: ${RIGHTS.join(', ')})`,
    );
  }
  return [...new Set(rights)].sort() as Right[];
}

export function toUser(row: UsersTable): User {
  const rights = fromJsonColumn<unknown>(row.rights);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : 'viewer',
    rights: Array.isArray(rights)
      ? rights.filter((r): r is Right => (RIGHTS as readonly string[]).includes(String(r)))
      : [],
    active: row.password_hash !== null,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  rights?: readonly string[];
  passwordHash: string | null;
  createdBy: string | null;
}

export async function insertUser(db: Kysely<Database>, now: Date, input: NewUser): Promise<User> {
  const email = checkEmail(input.email);
  const existing = await findUserRowByEmail(db, email);
  if (existing) throw new PeopleError('email_taken', `a person with the e-mail ${email} exists already`);
  const at = now.toISOString();
  const row: UsersTable = {
    id: randomUUID(),
    email,
    name: checkName(input.name),
    role: input.role,
    rights: toJsonColumn(checkRights(input.rights ?? [])),
    password_hash: input.passwordHash,
    created_at: at,
    created_by: input.createdBy,
    updated_at: at,
    disabled_at: null,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

export async function findUserRowByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
}

export async function findUserRow(db: Kysely<Database>, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getUser(db: Kysely<Database>, id: string): Promise<User | undefined> {
  const row = await findUserRow(db, id);
  return row ? toUser(row) : undefined;
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('created_at').orderBy('email').execute();
  return rows.map(toUser);
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function countOwners(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('role', '=', 'owner')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
