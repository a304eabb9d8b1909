import type { TestContext } from 'node:test';
import type { TestDatabase } from '../../src/db/testing/test-database.ts';
import { type ChannelInput, createChannel } from '../../src/notify/channels-store.ts';
import type { NotifyEvent } from '../../src/notify/events.ts';
import { createNotifier, type Notifier } from '../../src/notify/notifier.ts';
import type { NotifySettings } from '../../src/notify/notify-settings.ts';
import { type ScanFixture, scanFixture } from '../server/scans-fixture.ts';
import { type HttpReceiver, type MailServer, startHttpReceiver, startMailServer } from './receivers.ts';

// A simulated organization with a scan service whose scans notify (the hook `palisade serve`
// wires), a real SMTP server and an HTTP receiver for Slack and webhooks.

export const PUBLIC = 'https://palisade.test';
export const FROM = 'Palisade <palisade@acme.test>';

export interface NotifyWorld {
  f: ScanFixture;
  smtp: MailServer;
  http: HttpReceiver;
  settings: NotifySettings;
  notifier: Notifier;
  channel(input: ChannelInput): Promise<{ id: string; secret: string | null }>;
  /** An e-mail channel to secops@acme.test, one message per event unless told otherwise. */
  secOps(settings?: Partial<ChannelInput>): Promise<{ id: string; secret: string | null }>;
  /** Runs one scan to its end (its notifications queued), then one delivery pass. */
  scan(): Promise<void>;
  /** The webhook/Slack bodies received on a path. */
  posted(path: string): { headers: Record<string, string | string[] | undefined>; body: string }[];
}

export async function notifyWorld(t: TestContext, database: TestDatabase): Promise<NotifyWorld> {
  const f = await scanFixture(database);
  t.after(() => f.stop());
  const smtp = await startMailServer();
  t.after(() => smtp.stop());
  const http = await startHttpReceiver();
  t.after(() => http.stop());
  const settings: NotifySettings = { allowHosts: ['127.0.0.1'], smtp: { url: smtp.url, from: FROM } };
  const notifier = createNotifier({
    db: database.db,
    now: f.clock.now,
    secretBox: f.secretBox,
    settings,
    publicUrl: () => PUBLIC,
  });
  t.after(() => notifier.runner.stop());
  const service = f.service({ afterScan: notifier.afterScan });
  service.start();
  const channel = async (input: ChannelInput) => {
    const created = await createChannel(
      { db: database.db, now: f.clock.now, secretBox: f.secretBox, allowHosts: settings.allowHosts },
      input,
      null,
    );
    return { id: created.channel.id, secret: created.secret };
  };
  return {
    f,
    smtp,
    http,
    settings,
    notifier,
    channel,
    secOps(settings = {}) {
      return channel({
        kind: 'email',
        name: 'SecOps',
        recipients: ['secops@acme.test'],
        digest: false,
        ...settings,
      });
    },
    async scan() {
      await service.request({ connectionId: f.connectionId, trigger: 'manual', by: null });
      await service.idle();
      await notifier.runner.runOnce();
    },
    posted: (path) => http.requests.filter((r) => r.path === path),
  };
}

export function eventsOf(body: string): NotifyEvent[] {
  return (JSON.parse(body) as { events: NotifyEvent[] }).events;
}
