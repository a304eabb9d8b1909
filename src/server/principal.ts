import type { Role } from '../people/roles.ts';

// Who is asking: a person signed in with the session cookie, or a personal API token acting with
// at most its creator's role. Resolved once per request (auth/) before the route's permission check.

export interface Principal {
  user: { id: string; email: string; name: string; role: Role; rights: readonly string[] };
  /** The role the request acts with: the person's, or the token's when lower. */
  role: Role;
  /** Rights the request acts with (a token carries its creator's rights). */
  rights: readonly string[];
  via: { kind: 'session'; sessionHash: string; csrfToken: string } | { kind: 'token'; tokenId: string };
}
