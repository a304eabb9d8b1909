import type { Kysely } from 'kysely';
import type { DestinationStream } from 'pino';
import type { BaseUrls } from '../atlassian/urls.ts';
import type { SecretBox } from '../connections/credentials/secret-box.ts';
import type { Database } from '../db/schema.ts';
import type { EventBus } from '../jobs/events.ts';
import type { ScanService } from '../jobs/scan-service.ts';
import type { Notifier } from '../notify/notifier.ts';
import type { NotifySettings } from '../notify/notify-settings.ts';

// Everything the server needs, passed in (DESIGN.md convention 5): `palisade serve` builds it from
// the environment, tests build it by hand with their own clock, database and log stream.

export interface OAuthAppSettings {
  clientId: string;
  clientSecret: string;
  /** The callback registered in Atlassian's developer console, e.g. https://palisade.example.com/api/v1/connections/oauth/callback */
  redirectUrl: string;
}

export interface ServerSettings {
  /** The URL people open (PALISADE_PUBLIC_URL); cookies are `Secure` when it is https. */
  publicUrl: string;
  /** Non-Atlassian hosts outbound calls may reach (the simulator, a proxy, Data Center). */
  allowHosts: readonly string[];
  baseUrls: BaseUrls;
  /** How often each connection is rescanned (PALISADE_SCAN_INTERVAL), unless it overrides it. */
  scanIntervalMs: number;
  /** A sync slower than this is `excessive` (default 30 minutes). */
  excessiveSyncMs: number;
  /** The OAuth 2.0 (3LO) app; absent: the OAuth method answers that it is not configured. */
  oauth?: OAuthAppSettings | undefined;
  /** The built web UI (web/dist) served at `/`; absent or not built: the API and its server pages only. */
  webDist?: string | undefined;
  /** E-mail (SMTP), the hosts channels may call; absent: no e-mail, Slack only. */
  notify?: NotifySettings | undefined;
}

export interface ServerDeps {
  db: Kysely<Database>;
  now: () => Date;
  settings: ServerSettings;
  /** Seals and opens stored credentials. */
  secretBox: SecretBox;
  scans: ScanService;
  events: EventBus;
  /** Where JSON log lines go (default: stdout); tests pass a stream they read. */
  logStream?: DestinationStream | undefined;
  logLevel?: string | undefined;
  /** Notifications' delivery runner (the owner mails and channel tests kick it); absent: queued only. */
  notifier?: Notifier | undefined;
}
