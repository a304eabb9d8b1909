import { useQuery } from '@tanstack/react-query';
import { ApiError, type ApiResponse, api, setCsrfToken } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';

// Who is signed in: GET /api/v1/session (null when nobody is), which also hands the CSRF token to
// the API client. `useMe()` is what pages use to show or disable what the person may not do.

export type Session = ApiResponse<'GET /api/v1/session'>;
export type Permission = Session['permissions'][number];
export type Me = Session['user'];

export async function loadSession(): Promise<Session | null> {
  try {
    const session = await api('GET /api/v1/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: loadSession, staleTime: 60_000 });
}

export interface MeHelpers {
  user: Me;
  permissions: readonly Permission[];
  /** Whether the person holds the permission (a role's or a right). */
  can(permission: Permission): boolean;
  /** Why an action is disabled, for its tooltip; undefined when it is allowed. */
  whyNot(permission: Permission): string | undefined;
}

export function meHelpers(session: Session): MeHelpers {
  const held = new Set<string>(session.permissions);
  return {
    user: session.user,
    permissions: session.permissions,
    can: (permission) => held.has(permission),
    whyNot: (permission) => {
      if (held.has(permission)) return undefined;
      if (permission === 'apps:revoke') {
        return 'You need the apps:revoke right, which an owner or admin grants to a person (no role includes it).';
      }
      return `Your role (${session.user.role}) does not allow this (it needs ${permission}).`;
    },
  };
}

/** The signed-in person; only inside the signed-in layout (RequireSession guarantees a session). */
export function useMe(): MeHelpers {
  const { data } = useSession();
  if (!data) throw new Error('useMe() is used outside the signed-in part of the UI');
  return meHelpers(data);
}
