import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { BanAlertResult } from '../../db/schema-actions.ts';
import { isDataCenterProduct } from '../../inventory/datasets/data-center.ts';
import { BAN_ENFORCER } from './actor.ts';
import { alertedInSnapshot, alertKey, type BanAlert, insertBanAlert } from './ban-alerts.ts';
import { type BanRecord, listBans } from './bans.ts';
import { WriteConsentRequiredError } from './errors.ts';
import { executeSteps, type StepOutcome } from './execute.ts';
import { type InstalledApp, isApp, readInstalledApps } from './installed-apps.ts';
import { planAppSteps } from './plan.ts';
import { type RunRecord, recordRefusal, recordStep } from './record.ts';
import { type WriteApi, type WriteClientOptions, writeClientFactory } from './write-client.ts';
import { type ActionConnection, requireWriteConsent } from './write-consent.ts';

// The post-sync step that keeps banned apps out: every banned app a fresh snapshot shows
// installed is uninstalled again (through UPM, with the connection's write credential, under the
// `system:ban-enforcement` actor on the authority of the ban) and raises an alert. Call it after
// each syncConnection that published a snapshot, with that snapshot's version (see README.md).
//
// A sighting counts only when the snapshot's sync began after the ban (an older snapshot still
// shows the app the ban itself removed) and the app datasets of that site were read in that sync
// (a failed dataset carries the previous snapshot's rows). Each app, site, product and snapshot
// is handled once: enforcing the same snapshot again calls nothing and alerts nothing.

export interface EnforceBansDeps extends WriteClientOptions {
  db: Kysely<Database>;
  connection: ActionConnection;
  /** The snapshot the sync just published; default the latest complete one; null = none published. */
  snapshotVersion?: number | null;
  now?: () => Date;
}

export interface SkippedSighting {
  appKey: string;
  site: string;
  product: string;
  why: string;
}

export interface BanEnforcement {
  /** The snapshot checked; null when there was none (or no ban to enforce). */
  snapshotVersion: number | null;
  bans: number;
  /** New alerts, one per banned app found on a site and product. */
  alerts: BanAlert[];
  /** Sightings not acted on, and why (stale data). */
  skipped: SkippedSighting[];
}

interface Sighting {
  app: InstalledApp;
  ban: BanRecord;
}

export async function enforceBans(deps: EnforceBansDeps): Promise<BanEnforcement> {
  const now = deps.now ?? (() => new Date());
  const connectionId = deps.connection.id;
  const bans = await listBans(deps.db, connectionId);
  const none: BanEnforcement = { snapshotVersion: null, bans: bans.length, alerts: [], skipped: [] };
  if (bans.length === 0 || deps.snapshotVersion === null) return none;
  const snapshot = await readInstalledApps(deps.db, connectionId, deps.snapshotVersion);
  if (!snapshot) return none;

  const done = await alertedInSnapshot(deps.db, connectionId, snapshot.version);
  const skipped: SkippedSighting[] = [];
  const sightings: Sighting[] = [];
  for (const ban of bans) {
    // Equal-millisecond ISO strings compare equal; a sync that began the moment of the ban is after it.
    if (snapshot.createdAt < ban.bannedAt) continue;
    for (const app of snapshot.apps.filter((a) => isApp(a, ban.appKey))) {
      if (done.has(alertKey(ban.appKey, app.site.cloudId, app.product))) continue;
      if (app.stale) {
        skipped.push({
          appKey: app.appKey,
          site: app.site.url,
          product: app.product,
          why: 'the app datasets of this site failed in this snapshot: its rows are an earlier snapshot’s',
        });
        continue;
      }
      sightings.push({ app, ban });
    }
  }
  const result: BanEnforcement = {
    snapshotVersion: snapshot.version,
    bans: bans.length,
    alerts: [],
    skipped,
  };
  if (sightings.length === 0) return result;

  const at = now();
  const runId = randomUUID();
  const byBan = new Map<string, Sighting[]>();
  for (const s of sightings) byBan.set(s.ban.appKey, [...(byBan.get(s.ban.appKey) ?? []), s]);

  let credentials: ReturnType<typeof requireWriteConsent> | undefined;
  let consentError: WriteConsentRequiredError | undefined;
  try {
    const dataCenter = sightings.some((s) => isDataCenterProduct(s.app.product));
    credentials = requireWriteConsent(deps.connection, true, dataCenter);
  } catch (error) {
    if (!(error instanceof WriteConsentRequiredError)) throw error;
    consentError = error;
  }
  let api: WriteApi | undefined;
  try {
    for (const [appKey, group] of byBan) {
      const ban = group[0]!.ban;
      const run: RunRecord = {
        db: deps.db,
        runId,
        connectionId,
        actor: BAN_ENFORCER,
        action: 'enforce-ban',
        appKey,
        at,
      };
      const details = { snapshotVersion: snapshot.version, bannedBy: ban.actor.name, banReason: ban.reason };
      const steps = planAppSteps(
        'uninstall',
        group.map((s) => s.app),
      );
      // Without write consent nothing is sent (manual steps need none); the alert says why the app is still there.
      const refused = consentError !== undefined && steps.some((s) => s.request);
      let outcomes: StepOutcome[];
      if (refused) {
        await recordRefusal(run, consentError!, details);
        outcomes = steps.map((s) => ({
          ...s,
          result: s.request ? 'failed' : 'manual_required',
          error: null,
        }));
      } else {
        if (credentials && !api && steps.some((s) => s.request)) api = writeClientFactory(deps)(credentials);
        outcomes = await executeSteps(api, steps);
      }
      for (const step of outcomes) {
        const actionId = refused ? null : await recordStep(run, step, details);
        if (step.result === 'not_installed') continue; // gone before we got there: nothing reappeared
        const alert = toAlert(step, ban, snapshot.version, at, actionId, refused ? consentError : undefined);
        if (await insertBanAlert(deps.db, alert)) result.alerts.push(alert);
      }
    }
  } finally {
    await api?.close();
  }
  return result;
}

function toAlert(
  step: StepOutcome,
  ban: BanRecord,
  snapshotVersion: number,
  at: Date,
  actionId: string | null,
  consentError: WriteConsentRequiredError | undefined,
): BanAlert {
  // Planned from an installed app's sighting: a step without a product is a programming error.
  if (step.product === null) throw new Error('a ban enforcement step names no product');
  const name =
    step.appName && step.appName !== step.appKey ? `${step.appName} (${step.appKey})` : step.appKey;
  const seen = `Banned app ${name} reappeared on ${step.site.url} (${step.product}) in snapshot ${snapshotVersion}`;
  let resultOf: BanAlertResult;
  let what: string;
  if (consentError) {
    resultOf = step.request ? 'write_consent_required' : 'manual_required';
    what = step.request
      ? `not uninstalled: ${consentError.message}`
      : `uninstall it by hand: ${step.manual?.reason ?? ''}`;
  } else if (step.result === 'succeeded') {
    resultOf = 'uninstalled';
    what = 'uninstalled again';
  } else if (step.result === 'manual_required') {
    resultOf = 'manual_required';
    what = `uninstall it by hand: ${step.manual?.reason ?? ''} Steps: ${(step.manual?.steps ?? []).join(' ')}`;
  } else {
    resultOf = 'failed';
    what = `the uninstall failed: ${step.error?.message ?? 'unknown error'}`;
  }
  return {
    id: randomUUID(),
    connectionId: ban.connectionId,
    appKey: ban.appKey,
    appName: step.appName,
    site: { cloudId: step.site.cloudId, url: step.site.url },
    product: step.product,
    snapshotVersion,
    detectedAt: at.toISOString(),
    result: resultOf,
    message: `${seen}: ${what}`,
    actionId,
    ban: { by: ban.actor.name, reason: ban.reason },
  };
}
