import { type ErrorCode, PalisadeError } from '../../errors.ts';
import type { Actor } from './actor.ts';

// Typed, coded errors of the app actions. The first group is thrown before anything is called
// (nothing changes anywhere but the action log); the second is what an Atlassian failure means
// for an action, carried in a step's outcome so that one site failing does not hide the others.

export type ActionErrorCode = Extract<
  ErrorCode,
  | 'write_consent_required'
  | 'not_permitted'
  | 'invalid_request'
  | 'app_not_in_inventory'
  | 'not_site_admin'
  | 'write_credential_rejected'
  | 'app_not_removable'
  | 'rate_limited'
  | 'atlassian_unavailable'
  | 'atlassian_error'
>;

export abstract class ActionError extends PalisadeError {
  abstract override readonly code: ActionErrorCode;

  toJSON(): { name: string; code: ActionErrorCode; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}

export type WriteConsentProblem =
  | 'absent'
  | 'absent_data_center'
  | 'oauth_without_write_scope'
  | 'oauth_cannot_manage_apps';

/**
 * The connection holds no credential that may change the tenant. Write consent is a credential
 * of its own, given for changes only; the read-only credential a sync uses is never borrowed.
 */
export class WriteConsentRequiredError extends ActionError {
  override readonly name = 'WriteConsentRequiredError';
  readonly code = 'write_consent_required' as const;
  readonly connectionId: string;
  readonly problem: WriteConsentProblem;

  constructor(connectionId: string, problem: WriteConsentProblem) {
    const why: Record<WriteConsentProblem, string> = {
      absent:
        'it has no write credential. Actions never use the read-only credential: give the connection a ' +
        "separate write credential (a site admin's API token) to consent to changes",
      absent_data_center:
        'it has no write credential. Actions never use the read-only credential: give the instance a ' +
        "separate write credential (a system administrator's personal access token) to consent to changes",
      oauth_without_write_scope:
        'its OAuth 2.0 grant includes no write scope (write:… or manage:…): reconnect granting one',
      oauth_cannot_manage_apps:
        "apps are disabled and uninstalled through the Universal Plugin Manager, which accepts only a site admin's " +
        'API token (Basic auth), never an OAuth 2.0 grant: give the connection a site admin API token as its write credential',
    };
    super(`connection ${connectionId} has no write consent for this action: ${why[problem]}`);
    this.connectionId = connectionId;
    this.problem = problem;
  }
}

export class ActionNotPermittedError extends ActionError {
  override readonly name = 'ActionNotPermittedError';
  readonly code = 'not_permitted' as const;
  readonly actorId: string;
  readonly missingRight: string;

  constructor(actor: Actor, missingRight: string, action: string) {
    super(`${actor.name} (${actor.id}) may not ${action} apps: the right "${missingRight}" is missing`);
    this.actorId = actor.id;
    this.missingRight = missingRight;
  }
}

export class InvalidActionRequestError extends ActionError {
  override readonly name = 'InvalidActionRequestError';
  readonly code = 'invalid_request' as const;
}

/** Palisade acts on what a complete snapshot shows installed; nothing shows this app. */
export class AppNotInInventoryError extends ActionError {
  override readonly name = 'AppNotInInventoryError';
  readonly code = 'app_not_in_inventory' as const;
  readonly appKey: string;

  constructor(connectionId: string, appKey: string, narrowed: boolean) {
    super(
      `no complete snapshot of connection ${connectionId} shows ${appKey} installed` +
        `${narrowed ? ' on the chosen sites and products' : ''}: sync the connection first, or check the app key`,
    );
    this.appKey = appKey;
  }
}

/**
 * UPM refused a working credential (its 401 to a user who is not an admin, or a 403): the write
 * credential's account administers neither the site nor the product.
 */
export class NotSiteAdminError extends ActionError {
  override readonly name = 'NotSiteAdminError';
  readonly code = 'not_site_admin' as const;

  constructor(siteUrl: string, product: string, detail: string) {
    super(
      `the write credential is not a site admin of ${siteUrl}: the Universal Plugin Manager refused to manage ` +
        `${product} apps for it (${detail}). Use the API token of a site administrator (or ${product} administrator)`,
    );
  }
}

/**
 * A Data Center site's UPM refused a working personal access token: its holder administers
 * neither Jira nor Confluence there.
 */
export class NotDataCenterAdminError extends ActionError {
  override readonly name = 'NotDataCenterAdminError';
  readonly code = 'not_site_admin' as const;

  constructor(siteUrl: string, product: string, detail: string) {
    super(
      `the write credential is not an administrator of ${siteUrl}: the Universal Plugin Manager refused to manage ` +
        `${product} apps for it (${detail}). Use the personal access token of a ${product} administrator`,
    );
  }
}

export class WriteCredentialRejectedError extends ActionError {
  override readonly name = 'WriteCredentialRejectedError';
  readonly code = 'write_credential_rejected' as const;

  constructor(siteUrl: string) {
    super(
      `${siteUrl} refused the write credential (revoked or expired): reconnect it with a fresh API token`,
    );
  }
}

/** UPM will not remove or disable it: a required system plugin. */
export class AppNotRemovableError extends ActionError {
  override readonly name = 'AppNotRemovableError';
  readonly code = 'app_not_removable' as const;
}

/** Any other Atlassian failure (429 after every wait, 5xx, network, a rejected request). */
export class AtlassianActionError extends ActionError {
  override readonly name = 'AtlassianActionError';
  readonly code: 'rate_limited' | 'atlassian_unavailable' | 'atlassian_error';

  constructor(code: 'rate_limited' | 'atlassian_unavailable' | 'atlassian_error', message: string) {
    super(message);
    this.code = code;
  }
}
