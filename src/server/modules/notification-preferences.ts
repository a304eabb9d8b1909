import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { EVENT_TYPES } from '../../notify/events.ts';
import { getPreferences, type Preferences, setPreferences } from '../../notify/preferences-store.ts';
import { noteAudit } from '../audit-hook.ts';
import { RequestError } from '../request-error.ts';
import type { ServerDeps } from '../server-deps.ts';
import type { ServerModule } from '../server-module.ts';
import { EventType, PreferencesBody, PreferencesView } from './notification-schemas.ts';

// The signed-in person's own notifications: which events reach their e-mail, from which severity,
// at once or as an hourly digest. Owners and admins receive every event (high and above, digest)
// until they choose otherwise; analysts and viewers nothing. docs/notifications.md.

const EVENT_DESCRIPTIONS: Record<(typeof EVENT_TYPES)[number], string> = {
  'domain.ready': "A connection's first scan finished: its domain is ready",
  'scan.failed': 'A scan failed (with the reason)',
  'connection.reconnect_needed':
    'A connection needs reconnecting (its credential or consent stopped working)',
  'findings.new': 'New or regressed findings at or above the severity threshold, each with its link',
  'app.high_risk': 'A new app (or an app newly) at high or critical risk',
  'app.scopes_changed': "An app's permissions (scopes) changed since the previous scan",
  'app.ban_reinstalled': 'A banned app was installed again (and what enforcement did)',
  'credential.expiring': 'An API token Palisade scans with expires within 14 days',
};

function person(request: FastifyRequest) {
  const p = request.principal;
  if (!p) throw new RequestError('authentication_required', 'nobody is signed in');
  return { id: p.user.id, role: p.user.role, email: p.user.email };
}

function view(deps: ServerDeps, prefs: Preferences, email: string): z.infer<typeof PreferencesView> {
  return { ...prefs, email, emailConfigured: deps.settings.notify?.smtp !== undefined };
}

export const notificationPreferencesModule: ServerModule = {
  name: 'notification-preferences',
  register(app, deps) {
    app.get(
      '/api/v1/notification-events',
      {
        config: { access: 'account' },
        schema: {
          tags: ['notifications'],
          summary: 'The events Palisade notifies about, for channels and preferences',
          response: {
            200: z.object({ items: z.array(z.object({ type: EventType, description: z.string() })) }),
          },
        },
      },
      async () => ({ items: EVENT_TYPES.map((type) => ({ type, description: EVENT_DESCRIPTIONS[type] })) }),
    );
    app.get(
      '/api/v1/notification-preferences',
      {
        config: { access: 'account' },
        schema: {
          tags: ['notifications'],
          summary: 'What reaches your e-mail: events, severity threshold, digest',
          response: { 200: PreferencesView },
        },
      },
      async (request) => {
        const me = person(request);
        return view(deps, await getPreferences(deps.db, me), me.email);
      },
    );
    app.put(
      '/api/v1/notification-preferences',
      {
        config: { access: 'account', audit: 'notification-preferences.update' },
        schema: {
          tags: ['notifications'],
          summary: 'Choose what reaches your e-mail (fields left out keep their value)',
          body: PreferencesBody,
          response: { 200: PreferencesView },
        },
      },
      async (request) => {
        const me = person(request);
        const prefs = await setPreferences(deps.db, deps.now(), me, request.body);
        noteAudit(request, { subject: `user:${me.id}`, details: { ...request.body } });
        return view(deps, prefs, me.email);
      },
    );
  },
};
