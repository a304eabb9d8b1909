import type { ServerModule } from '../server-module.ts';
import { accountModule } from './account.ts';
import { appsModule } from './apps.ts';
import { appActionsModule } from './apps-actions.ts';
import { attestationsModule } from './attestations.ts';
import { auditLogModule } from './audit-log.ts';
import { complianceModule } from './compliance.ts';
import { connectionsModule } from './connections.ts';
import { eventsModule } from './events.ts';
import { exceptionsModule } from './exceptions.ts';
import { findingsModule } from './findings.ts';
import { firstRunPagesModule } from './first-run-pages.ts';
import { healthModule } from './health.ts';
import { invitesModule } from './invites.ts';
import { jobsModule } from './jobs.ts';
import { notificationChannelsModule } from './notification-channels.ts';
import { notificationPreferencesModule } from './notification-preferences.ts';
import { oauthModule } from './oauth.ts';
import { overviewModule } from './overview.ts';
import { ownerMailModule } from './owner-mail.ts';
import { reportsModule } from './reports.ts';
import { scansModule } from './scans.ts';
import { sessionModule } from './session.ts';
import { settingsModule } from './settings.ts';
import { setupModule } from './setup.ts';
import { tokensModule } from './tokens.ts';
import { usersModule } from './users.ts';
import { webUiModule } from './web-ui.ts';

/** Every module of the API, in the order their routes are listed in the OpenAPI document. */
export const SERVER_MODULES: readonly ServerModule[] = [
  healthModule,
  setupModule,
  firstRunPagesModule,
  sessionModule,
  invitesModule,
  accountModule,
  usersModule,
  tokensModule,
  connectionsModule,
  oauthModule,
  scansModule,
  eventsModule,
  findingsModule,
  exceptionsModule,
  attestationsModule,
  reportsModule,
  appsModule,
  appActionsModule,
  overviewModule,
  auditLogModule,
  jobsModule,
  notificationChannelsModule,
  notificationPreferencesModule,
  ownerMailModule,
  settingsModule,
  complianceModule,
  // Last: its catch-all answers what no API route does.
  webUiModule,
];
