import type { Kysely } from 'kysely';
import type { SecretBox } from '../connections/credentials/secret-box.ts';
import type { Database } from '../db/schema.ts';
import { collectEvents, type ScanEnded } from './collect-events.ts';
import { createDeliveryRunner, type DeliveryRunner, type RunnerLogger } from './delivery-runner.ts';
import { dispatch } from './dispatch.ts';
import { type Links, linksOf } from './links.ts';
import type { NotifySettings } from './notify-settings.ts';
import { createTransports, type Transports } from './transports.ts';

// Notifications as one piece for a composition root (`palisade serve`, `palisade worker`): the
// hook the scan runner calls when a scan ends (events collected, queued per subscriber) and the
// delivery runner that sends what is queued.

export interface NotifierDeps {
  db: Kysely<Database>;
  now: () => Date;
  secretBox: SecretBox;
  settings: NotifySettings;
  /** PALISADE_PUBLIC_URL, read when a message is made (the server knows its port only once it listens). */
  publicUrl: () => string;
  transports?: Transports | undefined;
  logger?: RunnerLogger | undefined;
  intervalMs?: number | undefined;
}

export interface Notifier {
  /** Queues what a finished scan means to people; never throws (a notification never fails a scan). */
  afterScan(scan: ScanEnded): Promise<void>;
  runner: DeliveryRunner;
  transports: Transports;
  links(): Links;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const links = () => linksOf(deps.publicUrl());
  const transports = deps.transports ?? createTransports(deps.settings.smtp);
  const runner = createDeliveryRunner({
    db: deps.db,
    now: deps.now,
    secretBox: deps.secretBox,
    settings: deps.settings,
    links,
    transports,
    logger: deps.logger,
    intervalMs: deps.intervalMs,
  });
  return {
    runner,
    transports,
    links,
    async afterScan(scan) {
      try {
        const events = await collectEvents({ db: deps.db, now: deps.now, links: links() }, scan);
        if (events.length === 0) return;
        const reached = await dispatch(deps.db, deps.now(), events, {
          email: deps.settings.smtp !== undefined,
        });
        if (reached > 0) runner.kick();
      } catch (error) {
        deps.logger?.warn(
          {
            scanId: scan.scanId,
            connectionId: scan.connectionId,
            reason: error instanceof Error ? error.message : String(error),
          },
          'notifications for a scan could not be queued',
        );
      }
    },
  };
}
