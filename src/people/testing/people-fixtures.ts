import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { createApiToken } from '../api-tokens.ts';
import { createUser } from '../manage-users.ts';
import type { Right, Role } from '../roles.ts';

// People for tests: one per role (and one holding the apps:revoke right), each with a password and
// a personal API token, created straight in the store.

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestPerson {
  id: string;
  email: string;
  role: Role;
  rights: Right[];
  /** `Authorization` header value of the person's token (acting with their full role). */
  bearer: string;
}

export async function addPerson(
  db: Kysely<Database>,
  now: Date,
  role: Role,
  options: { email?: string; rights?: Right[]; password?: string } = {},
): Promise<TestPerson> {
  const email = options.email ?? `${role}${options.rights?.length ? '-with-rights' : ''}@example.com`;
  const { user } = await createUser(db, now, null, {
    email,
    name: `${role[0]?.toUpperCase()}${role.slice(1)} Person`,
    role,
    rights: options.rights ?? [],
    password: options.password ?? TEST_PASSWORD,
  });
  const { token } = await createApiToken(db, now, user, { name: 'test', expiresInDays: 30 });
  return { id: user.id, email: user.email, role, rights: options.rights ?? [], bearer: `Bearer ${token}` };
}

export interface TestPeople {
  owner: TestPerson;
  admin: TestPerson;
  analyst: TestPerson;
  viewer: TestPerson;
  /** A viewer holding the apps:revoke right. */
  revoker: TestPerson;
}

export async function addPeople(db: Kysely<Database>, now: Date): Promise<TestPeople> {
  return {
    owner: await addPerson(db, now, 'owner'),
    admin: await addPerson(db, now, 'admin'),
    analyst: await addPerson(db, now, 'analyst'),
    viewer: await addPerson(db, now, 'viewer'),
    revoker: await addPerson(db, now, 'viewer', { rights: ['apps:revoke'] }),
  };
}
