import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AppActionName } from '../../db/schema-actions.ts';
import { getConnection } from '../../inventory/connections.ts';
import { isDataCenterProduct } from '../../inventory/datasets/data-center.ts';
import { type Actor, APPS_REVOKE, requireRight } from './actor.ts';
import { type BanRecord, putBan, removeBan } from './bans.ts';
import { ActionError, AppNotInInventoryError, InvalidActionRequestError } from './errors.ts';
import { executeSteps, plannedOutcomes, type StepOutcome } from './execute.ts';
import { type ActionSite, isApp, type Product, readInstalledApps } from './installed-apps.ts';
import { type ActionStep, planAppSteps, planBlockUserInstalledApps } from './plan.ts';
import { type RunRecord, recordConnectionChange, recordRefusal, recordStep } from './record.ts';
import { type WriteClientOptions, writeClientFactory } from './write-client.ts';
import { type ActionConnection, requireWriteConsent } from './write-consent.ts';

// One app action, from request to recorded outcome:
//   right (the actor holds apps:revoke) → plan (from the latest complete snapshot) → write consent
//   (when the plan calls Atlassian, and always for a ban) → dry run? return the plan : act → record.
// A refusal throws a typed ActionError after recording it; nothing is sent. Atlassian failures of
// single steps are in the outcome (one site failing does not hide what happened on the others).

export type AppActionRequest =
  | {
      action: 'disable' | 'enable' | 'uninstall';
      appKey: string;
      /** Only these sites (cloud ids); default every site where the snapshot shows the app. */
      sites?: readonly string[];
      products?: readonly Product[];
      dryRun?: boolean;
    }
  | {
      /** A deny-list entry for the connection, then an uninstall wherever the snapshot shows the app. */
      action: 'ban';
      appKey: string;
      reason: string;
      dryRun?: boolean;
    }
  | { action: 'unban'; appKey: string; dryRun?: boolean }
  | { action: 'block-user-installed-apps'; sites?: readonly string[]; dryRun?: boolean };

export interface AppActionDeps extends WriteClientOptions {
  db: Kysely<Database>;
  /** The connection and its write consent (`writeCredentials`; absent = none). */
  connection: ActionConnection;
  actor: Actor;
  now?: () => Date;
}

export type ActionOutcomeResult = 'succeeded' | 'failed' | 'manual_required' | 'no_change' | 'dry_run';

export interface AppActionOutcome {
  runId: string;
  connectionId: string;
  action: AppActionName;
  appKey: string | null;
  actor: { id: string; name: string };
  at: string;
  dryRun: boolean;
  /** failed if any step failed; else manual_required if any step needs an admin; else succeeded. */
  result: ActionOutcomeResult;
  /** The snapshot the plan was made from (null when the action needs none). */
  snapshotVersion: number | null;
  steps: StepOutcome[];
  /** The deny-list entry a ban added. */
  ban?: BanRecord;
}

const VERBS: Record<AppActionRequest['action'], string> = {
  disable: 'disable',
  enable: 'enable',
  uninstall: 'uninstall',
  ban: 'ban',
  unban: 'lift bans on',
  'block-user-installed-apps': 'block user-installed',
};

export function overallResult(steps: readonly StepOutcome[]): Exclude<ActionOutcomeResult, 'dry_run'> {
  if (steps.some((s) => s.result === 'failed')) return 'failed';
  if (steps.some((s) => s.result === 'manual_required')) return 'manual_required';
  if (steps.length > 0 && steps.every((s) => s.result === 'no_change')) return 'no_change';
  return 'succeeded';
}

interface Plan {
  steps: ActionStep[];
  snapshotVersion: number | null;
}

async function plan(db: Kysely<Database>, connectionId: string, request: AppActionRequest): Promise<Plan> {
  switch (request.action) {
    case 'unban':
      return { steps: [], snapshotVersion: null };
    case 'block-user-installed-apps': {
      const connection = await getConnection(db, connectionId);
      if (!connection) throw new InvalidActionRequestError(`there is no connection ${connectionId}`);
      const sites: ActionSite[] = connection.sites
        .filter((s) => !request.sites || request.sites.includes(s.cloudId))
        .map((s) => ({ cloudId: s.cloudId, url: s.url }));
      if (sites.length === 0) {
        throw new InvalidActionRequestError(`connection ${connectionId} has none of the sites asked for`);
      }
      return { steps: planBlockUserInstalledApps(sites), snapshotVersion: null };
    }
    case 'ban': {
      const snapshot = await readInstalledApps(db, connectionId);
      const apps = (snapshot?.apps ?? []).filter((a) => isApp(a, request.appKey));
      // A ban needs no installation: an app banned ahead of time is removed the day it appears.
      return { steps: planAppSteps('uninstall', apps), snapshotVersion: snapshot?.version ?? null };
    }
    default: {
      const snapshot = await readInstalledApps(db, connectionId);
      const apps = (snapshot?.apps ?? []).filter(
        (a) =>
          isApp(a, request.appKey) &&
          (!request.sites || request.sites.includes(a.site.cloudId)) &&
          (!request.products || request.products.includes(a.product)),
      );
      if (apps.length === 0) {
        throw new AppNotInInventoryError(
          connectionId,
          request.appKey,
          request.sites !== undefined || request.products !== undefined,
        );
      }
      return { steps: planAppSteps(request.action, apps), snapshotVersion: snapshot?.version ?? null };
    }
  }
}

function validate(request: AppActionRequest): void {
  if ('appKey' in request && request.appKey.trim() === '') {
    throw new InvalidActionRequestError('an app action needs the app key');
  }
  if (request.action === 'ban' && request.reason.trim() === '') {
    throw new InvalidActionRequestError('a ban needs a reason: it is shown with every alert the ban raises');
  }
}

export async function runAppAction(
  deps: AppActionDeps,
  request: AppActionRequest,
): Promise<AppActionOutcome> {
  const now = deps.now ?? (() => new Date());
  const at = now();
  const dryRun = request.dryRun === true;
  const appKey = 'appKey' in request ? request.appKey : null;
  const run: RunRecord = {
    db: deps.db,
    runId: randomUUID(),
    connectionId: deps.connection.id,
    actor: deps.actor,
    action: request.action,
    appKey,
    at,
  };
  const outcome = (steps: StepOutcome[], snapshotVersion: number | null): AppActionOutcome => ({
    runId: run.runId,
    connectionId: run.connectionId,
    action: request.action,
    appKey,
    actor: { id: deps.actor.id, name: deps.actor.name },
    at: at.toISOString(),
    dryRun,
    result: dryRun ? 'dry_run' : overallResult(steps),
    snapshotVersion,
    steps,
  });

  let planned: Plan;
  let credentials: ReturnType<typeof requireWriteConsent> | undefined;
  try {
    validate(request);
    requireRight(deps.actor, APPS_REVOKE, VERBS[request.action]);
    planned = await plan(deps.db, deps.connection.id, request);
    const calls = planned.steps.some((s) => s.request);
    // A ban consents to future uninstalls too (enforcement), so it needs the write credential now.
    if (calls || request.action === 'ban') {
      const dataCenter = planned.steps.some((s) => s.product !== null && isDataCenterProduct(s.product));
      credentials = requireWriteConsent(deps.connection, true, dataCenter);
    }
  } catch (error) {
    // A dry run shows the refusal the real run would meet, but records nothing.
    if (error instanceof ActionError && !dryRun) await recordRefusal(run, error);
    throw error;
  }

  if (dryRun) return outcome(plannedOutcomes(planned.steps), planned.snapshotVersion);

  let ban: BanRecord | undefined;
  if (request.action === 'ban') {
    // The entry first: if an uninstall fails below, the ban still stands and the next sync retries it.
    ban = {
      connectionId: deps.connection.id,
      appKey: request.appKey,
      reason: request.reason.trim(),
      actor: { id: deps.actor.id, name: deps.actor.name },
      bannedAt: at.toISOString(),
    };
    const entry = ban;
    await recordConnectionChange(run, async (trx) => {
      await putBan(trx, entry);
      return { result: 'succeeded', details: { reason: entry.reason, banned: true } };
    });
  }
  if (request.action === 'unban') {
    const { result } = await recordConnectionChange(run, async (trx) => {
      const lifted = await removeBan(trx, deps.connection.id, request.appKey);
      return { result: lifted ? ('succeeded' as const) : ('no_change' as const), details: { banned: false } };
    });
    return { ...outcome([], null), result };
  }

  // The client is built from the write credential only when a request is planned.
  const api =
    credentials && planned.steps.some((s) => s.request) ? writeClientFactory(deps)(credentials) : undefined;
  let steps: StepOutcome[];
  try {
    steps = await executeSteps(api, planned.steps);
  } finally {
    await api?.close();
  }
  for (const step of steps) await recordStep(run, step, ban ? { reason: ban.reason } : undefined);
  return { ...outcome(steps, planned.snapshotVersion), ...(ban ? { ban } : {}) };
}
