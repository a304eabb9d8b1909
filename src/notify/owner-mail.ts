import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ruleMetasOf } from '../findings/store/rule-metas.ts';
import { latestSnapshot } from '../inventory/snapshots.ts';
import { appsOfSnapshot, type EvaluatedApp } from '../scan/apps-of-snapshot.ts';
import type { Links } from './links.ts';
import { NotifyError } from './notify-error.ts';
import { outboxRow } from './outbox.ts';

// E-mail an asset's owner (Palo Alto's "e-mail asset owners"): from a finding or an app, a
// templated message with what Palisade saw and the remediation, sent to the address given (or the
// app installer's, when Palisade knows it) through the outbox like every other e-mail.

export interface OwnerMailDeps {
  db: Kysely<Database>;
  now: () => Date;
  links: Links;
}

export interface Sender {
  name: string;
  email: string;
}

export interface ComposedMail {
  to: string;
  subject: string;
  text: string;
  connectionId: string;
}

export async function composeFindingMail(
  deps: OwnerMailDeps,
  input: { findingId: string; to?: string | undefined; note?: string | undefined; sender: Sender },
): Promise<ComposedMail> {
  const f = await deps.db
    .selectFrom('finding_workflow as f')
    .innerJoin('connections as c', 'c.id', 'f.connection_id')
    .selectAll('f')
    .select('c.name as connection_name')
    .where('f.id', '=', input.findingId)
    .executeTakeFirst();
  if (!f) throw new NotifyError('finding_not_found', `no finding ${input.findingId}`);
  if (!input.to) {
    throw new NotifyError(
      'owner_unknown',
      'Palisade does not know the e-mail of this resource’s owner: give it as `to`',
    );
  }
  const meta = (await ruleMetasOf(deps.db, f.connection_id)).get(f.rule_id);
  const resource = f.resource_name ?? f.resource_id;
  const lines = [
    'Hello,',
    '',
    `${input.sender.name} (${input.sender.email}) asks you, as the owner of ${f.resource_type} "${resource}", to fix a security finding Palisade reported in ${f.connection_name}.`,
    ...(input.note ? ['', input.note] : []),
    '',
    `Finding: ${f.title}`,
    `Severity: ${f.severity}`,
    `Resource: ${f.resource_type} ${resource}${f.site !== 'org' ? ` (site ${f.site})` : ''}`,
    `What Palisade saw: ${f.message}`,
    ...(meta?.risk ? ['', `Why it matters: ${meta.risk}`] : []),
    '',
    'How to fix it in the admin UI:',
    ...numbered(meta?.remediation.ui ?? ['Open the resource and correct the setting the finding names.']),
    ...(meta?.remediation.api ? ['', 'Through the REST API:', ...numbered(meta.remediation.api)] : []),
    ...(meta?.references.length
      ? ['', 'References:', ...meta.references.map((r) => `- ${r.title}: ${r.url}`)]
      : []),
    ...closing(`The finding in Palisade: ${deps.links.finding(f.id)}`, input.sender),
  ];
  return {
    to: input.to,
    subject: `[Palisade] Action needed: ${f.title} — ${resource}`,
    text: lines.join('\n'),
    connectionId: f.connection_id,
  };
}

export async function composeAppMail(
  deps: OwnerMailDeps,
  input: {
    appKey: string;
    connectionId?: string | undefined;
    to?: string | undefined;
    note?: string | undefined;
    sender: Sender;
  },
): Promise<ComposedMail & { installer: string | null }> {
  const found = await findApp(deps, input.appKey, input.connectionId);
  const { app, connectionId, connectionName } = found;
  const installers = [
    ...new Set(app.installations.map((i) => i.installer?.name).filter((n): n is string => Boolean(n))),
  ];
  // Atlassian's app and audit APIs name the installer (account id and name), never an e-mail.
  if (!input.to) {
    throw new NotifyError(
      'owner_unknown',
      `Palisade does not know the e-mail of ${app.name}’s installer${installers.length ? ` (${installers.join(', ')})` : ''}: give it as \`to\``,
    );
  }
  const failing = app.checks.filter((c) => c.status === 'fail');
  const metas = failing.length > 0 ? await ruleMetasOf(deps.db, connectionId) : new Map();
  const factors = app.risk.factors
    .filter((f) => f.status === 'applied' && f.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 5);
  const lines = [
    'Hello,',
    '',
    `${input.sender.name} (${input.sender.email}) asks you to review the app ${app.name}${app.vendorName ? ` by ${app.vendorName}` : ''} in ${connectionName}${installers.length ? `, installed by ${installers.join(', ')}` : ''}.`,
    ...(input.note ? ['', input.note] : []),
    '',
    `Risk: ${app.risk.band} (score ${app.risk.score} of 100)`,
    ...(factors.length ? ['Why:', ...factors.map((f) => `- ${f.summary}`)] : []),
    `Permissions (scopes): ${app.scopes.join(', ') || 'none readable'}`,
    'Installed on:',
    ...app.installations.map(
      (i) =>
        `- ${i.siteName ?? i.siteId} (${i.product})${i.installedAt ? `, since ${i.installedAt.slice(0, 10)}` : ''}${i.installer?.name ? `, by ${i.installer.name}` : ''}`,
    ),
    ...(failing.length
      ? [
          '',
          'Checks it fails:',
          ...failing.map((c) => {
            const meta = metas.get(c.ruleId);
            const fix = meta?.remediation.ui[0];
            return `- ${meta?.title ?? c.ruleId}: ${c.message}${fix ? `\n  Fix: ${fix}` : ''}`;
          }),
        ]
      : []),
    '',
    'What to do:',
    ...numbered([
      'Confirm the app is still needed and that its permissions match what it does for you.',
      'If it is not needed, uninstall it: site administration → Apps → Manage apps → the app → Uninstall.',
      `If it is needed, tell ${input.sender.name} who owns it and why, so it can be approved.`,
    ]),
    ...closing(`The app in Palisade: ${deps.links.app(app.appKey)}`, input.sender),
  ];
  return {
    to: input.to,
    subject: `[Palisade] Please review the app ${app.name}`,
    text: lines.join('\n'),
    connectionId,
    installer: installers[0] ?? null,
  };
}

async function findApp(
  deps: OwnerMailDeps,
  appKey: string,
  connectionId: string | undefined,
): Promise<{ app: EvaluatedApp; connectionId: string; connectionName: string }> {
  let q = deps.db.selectFrom('connections').select(['id', 'name']).orderBy('name').orderBy('id');
  if (connectionId !== undefined) q = q.where('id', '=', connectionId);
  for (const c of await q.execute()) {
    const latest = await latestSnapshot(deps.db, c.id);
    if (!latest) continue;
    const app = (await appsOfSnapshot(deps.db, c.id, latest.version, deps.now())).find(
      (a) => a.appKey === appKey,
    );
    if (app) return { app, connectionId: c.id, connectionName: c.name };
  }
  throw new NotifyError(
    'app_not_found',
    `no app ${appKey} in the latest scan of ${connectionId !== undefined ? `connection ${connectionId}` : 'any connection'}`,
  );
}

function closing(link: string, sender: Sender): string[] {
  return ['', link, '', `Reply to this e-mail to reach ${sender.name}.`, ''];
}

function numbered(steps: readonly string[]): string[] {
  return steps.map((s, i) => `${i + 1}. ${s}`);
}

/** Queues the composed e-mail; answers the outbox row's id. */
export async function queueOwnerMail(
  db: Kysely<Database>,
  now: Date,
  mail: ComposedMail,
  replyTo: string,
): Promise<string> {
  const row = outboxRow(
    { recipient: mail.to },
    mail.connectionId,
    { kind: 'mail', subject: mail.subject, text: mail.text, replyTo },
    now,
  );
  await db.insertInto('notification_outbox').values(row).execute();
  return row.id;
}
