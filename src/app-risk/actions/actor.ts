import { ActionNotPermittedError } from './errors.ts';

// Who asks for an action. Rights come from the caller's RBAC (the server's session, the CLI's
// configured operator); this module only checks that the one an action needs is among them.

export interface Actor {
  id: string;
  name: string;
  rights: readonly string[];
}

/** The right every app action needs (DESIGN.md: revoke and ban need an explicit `apps:revoke`). */
export const APPS_REVOKE = 'apps:revoke';

/** The automatic re-uninstall of a banned app acts on the authority of the ban, under this name. */
export const BAN_ENFORCER: Actor = {
  id: 'system:ban-enforcement',
  name: 'Ban enforcement',
  rights: [APPS_REVOKE],
};

/** Throws ActionNotPermittedError naming the missing right. */
export function requireRight(actor: Actor, right: string, action: string): void {
  if (!actor.rights.includes(right)) throw new ActionNotPermittedError(actor, right, action);
}
