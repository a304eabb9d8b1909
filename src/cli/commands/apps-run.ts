import {
  APPS_REVOKE,
  type AppActionRequest,
  formatActionOutcome,
  runAppAction,
} from '../../app-risk/actions/index.ts';
import type { Credentials } from '../../atlassian/credentials.ts';
import { ATLASSIAN_BASE_URLS } from '../../atlassian/urls.ts';
import { kindOfSites } from '../../connections/managed/connection-view.ts';
import { exitCodeOf } from '../../errors.ts';
import type { EvaluatedApp } from '../../scan/apps-of-snapshot.ts';
import { appsOfSnapshot } from '../../scan/apps-of-snapshot.ts';
import { CliError } from '../cli-error.ts';
import { EXIT_MANUAL_REQUIRED, EXIT_OK } from '../exit-codes.ts';
import { parseAllowHost, parseBaseUrl } from '../options/parse-url.ts';
import type { CommandContext } from '../run-cli.ts';
import { givenTokens } from '../scan/scan-request.ts';
import { defaultDatabase } from '../store/default-database.ts';
import { openStore } from '../store/open-store.ts';
import { pickConnection, pickSnapshot } from '../store/pick-connection.ts';
import { siteScope } from '../store/site-scope.ts';

// `palisade apps list|show|disable|uninstall|ban`: the installed apps of the latest snapshot with
// their risk and its factors, and the actions on them. Actions change the tenant, so they need
// write consent — a site admin's credential given for changes only (--write-email and
// --write-api-token, never the scan's read credential; on a Data Center instance a system
// administrator's personal access token, --data-center-write-token) — and --dry-run shows the
// requests first.

export interface StoreFlags {
  db?: string;
  connection?: string;
}

export interface ActionFlags extends StoreFlags {
  site?: string[];
  product?: string[];
  dryRun?: boolean;
  writeEmail?: string;
  writeApiToken?: string;
  dataCenterWriteToken?: string;
  actor?: string;
  allowHost?: string[];
  adminApiUrl?: string;
  reason?: string;
}

async function withApps<T>(
  flags: StoreFlags,
  ctx: CommandContext,
  use: (apps: EvaluatedApp[], snapshot: number, siteUrl: (cloudId: string) => string) => T,
): Promise<T> {
  const store = await openStore(flags.db ?? defaultDatabase(ctx.deps), { mustExist: true });
  try {
    const connection = await pickConnection(store.db, store.location, flags.connection);
    const snapshot = await pickSnapshot(store.db, connection, undefined);
    const apps = await appsOfSnapshot(store.db, connection.id, snapshot.version, ctx.deps.now());
    const urls = new Map(connection.sites.map((s) => [s.cloudId, s.url]));
    return use(apps, snapshot.version, (cloudId) => urls.get(cloudId) ?? cloudId);
  } finally {
    await store.close();
  }
}

export async function listApps(flags: StoreFlags & { json?: boolean }, ctx: CommandContext): Promise<void> {
  await withApps(flags, ctx, (apps, snapshot) => {
    if (flags.json) {
      ctx.deps.stdout.write(`${JSON.stringify(apps.map(summaryOf), null, 2)}\n`);
      return;
    }
    ctx.deps.stdout.write(
      `${apps.length} apps in snapshot ${snapshot}, riskiest first (score, band, review state; BANNED: on the deny-list but installed):\n`,
    );
    for (const a of apps) {
      const sites = new Set(a.installations.map((i) => i.siteId)).size;
      ctx.deps.stdout.write(
        `${String(a.risk.score).padStart(3)} ${a.risk.band.padEnd(8)} ${a.classification.state.padEnd(13)} ${a.appKey}  ${a.name}` +
          `${a.vendorName ? ` (${a.vendorName})` : ''} — ${a.framework}, ${sites} site(s)${a.ban ? ' BANNED' : ''}\n`,
      );
    }
  });
}

/** What `apps list --json` prints per app: the fields a pipeline filters on. */
function summaryOf(a: EvaluatedApp) {
  return {
    key: a.appKey,
    name: a.name,
    vendor: a.vendorName,
    framework: a.framework,
    state: a.classification.state,
    risk: { score: a.risk.score, band: a.risk.band },
    sites: [...new Set(a.installations.map((i) => i.siteId))],
    scopes: a.scopes,
    banned: a.ban,
  };
}

export async function showApp(
  key: string,
  flags: StoreFlags & { json?: boolean },
  ctx: CommandContext,
): Promise<void> {
  await withApps(flags, ctx, (apps, _snapshot, siteUrl) => {
    const app =
      apps.find((a) => a.appKey === key) ?? apps.find((a) => a.appKey.toLowerCase() === key.toLowerCase());
    if (!app)
      throw new CliError('app_not_found', `no app "${key}" in the latest snapshot — see palisade apps list`);
    if (flags.json) {
      ctx.deps.stdout.write(`${JSON.stringify(app, null, 2)}\n`);
      return;
    }
    const r = app.risk;
    const lines = [
      `${app.name} (${app.appKey})`,
      `  vendor        ${app.vendorName ?? 'unknown'}`,
      `  framework     ${app.framework}, ${app.distribution}`,
      ...(app.ban
        ? [
            `  BANNED        ${app.ban.reason} — by ${app.ban.bannedBy} on ${app.ban.bannedAt.slice(0, 10)}; installed again`,
          ]
        : []),
      `  review state  ${app.classification.state}${app.classification.justification ? ` — ${app.classification.justification}` : ''}`,
      `  scopes        ${app.scopesReadable ? app.scopes.join(', ') || 'none' : 'not readable'}`,
      `  egress        ${app.egress.kind}${app.egress.domains.length > 0 ? `: ${app.egress.domains.join(', ')}` : ''}`,
      '  installed on',
      ...app.installations.map(
        (i) =>
          `    ${siteUrl(i.siteId)} ${i.product} v${i.version ?? '?'}${i.enabled === false ? ' (disabled)' : ''}, ` +
          `${i.installedAt ?? 'date unknown'} by ${i.installer?.name ?? i.installer?.accountId ?? 'unknown'} (${i.installKind})`,
      ),
      `  risk          ${r.score} (${r.band})${r.override ? ` — overridden by ${r.override.actor}: ${r.override.justification}` : ''}`,
      ...[...r.factors]
        .filter((f) => f.status !== 'info')
        .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
        .map(
          (f) =>
            `    ${f.contribution >= 0 ? '+' : ''}${f.contribution}`.padEnd(12) +
            `${f.id}${f.status === 'unknown' ? ' (unknown)' : ''}: ${f.summary}`,
        ),
    ];
    const failing = [...app.checks, ...app.policyViolations].filter((c) => c.status === 'fail');
    if (failing.length > 0) {
      lines.push('  failing checks');
      for (const c of failing) lines.push(`    ${c.ruleId}: ${c.message}`);
    }
    ctx.deps.stdout.write(`${lines.join('\n')}\n`);
  });
}

export async function act(
  name: 'disable' | 'uninstall' | 'ban',
  appKey: string,
  flags: ActionFlags,
  ctx: CommandContext,
): Promise<number> {
  const { deps, secrets } = ctx;
  const email = flags.writeEmail ?? deps.env.PALISADE_WRITE_EMAIL;
  const token = flags.writeApiToken ?? deps.env.PALISADE_WRITE_API_TOKEN;
  const dataCenterTokens = givenTokens(
    flags.dataCenterWriteToken !== undefined ? [flags.dataCenterWriteToken] : undefined,
    deps.env.PALISADE_DATA_CENTER_WRITE_TOKEN,
  );
  secrets.addBasic(email, token);
  secrets.add(token, ...dataCenterTokens);
  // Before the store is opened: no write credential at all is the first thing to say.
  if ((email === undefined || token === undefined) && dataCenterTokens.length === 0) {
    throw new CliError(
      'missing_credentials',
      `apps ${name} changes the tenant and needs write consent — pass ${SITE_WRITE_FLAGS}, or on a Data Center instance --data-center-write-token (PALISADE_DATA_CENTER_WRITE_TOKEN) of a system administrator`,
    );
  }
  const allowHosts = [
    ...new Set([...deps.env.PALISADE_ALLOW_HOSTS, ...(flags.allowHost ?? []).map(parseAllowHost)]),
  ];
  const adminApi = flags.adminApiUrl ?? deps.env.PALISADE_ADMIN_API_URL;
  const products = (flags.product ?? []).map((p) => {
    if (p !== 'jira' && p !== 'confluence')
      throw new CliError('usage', `--product "${p}" must be jira or confluence`);
    return p;
  });

  const store = await openStore(flags.db ?? defaultDatabase(deps), { mustExist: true });
  try {
    const connection = await pickConnection(store.db, store.location, flags.connection);
    const dataCenter = kindOfSites(connection.sites) === 'data-center';
    // A dry run too: it shows the requests the write credential would send, and any refusal.
    const writeCredentials = dataCenter
      ? dataCenterWriteCredentials(name, dataCenterTokens, products)
      : siteWriteCredentials(name, email, token);
    const sites = (flags.site ?? []).map((s) => siteScope(connection, s, '--site'));
    const request: AppActionRequest =
      name === 'ban'
        ? { action: 'ban', appKey, reason: flags.reason ?? '', dryRun: flags.dryRun === true }
        : {
            action: name,
            appKey,
            ...(sites.length > 0 ? { sites } : {}),
            ...(products.length > 0 ? { products } : {}),
            dryRun: flags.dryRun === true,
          };
    const actorName = flags.actor ?? (dataCenter ? undefined : email) ?? 'palisade-cli';
    const outcome = await runAppAction(
      {
        db: store.db,
        connection: { id: connection.id, writeCredentials },
        // Whoever holds an admin's write credential may use it: the CLI's operator has the right.
        actor: { id: `cli:${actorName}`, name: actorName, rights: [APPS_REVOKE] },
        allowHosts,
        ...(adminApi
          ? { baseUrls: { api: parseBaseUrl('--admin-api-url', adminApi, ATLASSIAN_BASE_URLS.api) } }
          : {}),
        now: deps.now,
      },
      request,
    );
    deps.stdout.write(`${formatActionOutcome(outcome)}\n`);
    // A failed step's error decides the exit code, as if it had been thrown.
    const failed = outcome.steps.find((s) => s.result === 'failed');
    if (outcome.result === 'failed') return exitCodeOf(failed?.error ?? null);
    if (outcome.result === 'manual_required') {
      // Nothing changed on those sites: a pipeline must not read this as done.
      const manual = outcome.steps.filter((s) => s.result === 'manual_required').length;
      deps.stderr.write(
        `palisade: apps ${name} ${appKey}: not done on ${manual} installation${manual === 1 ? '' : 's'} — Atlassian has no API for it, an admin must follow the steps above (exit code ${EXIT_MANUAL_REQUIRED})\n`,
      );
      return EXIT_MANUAL_REQUIRED;
    }
    return EXIT_OK;
  } finally {
    await store.close();
  }
}

const SITE_WRITE_FLAGS =
  '--write-email and --write-api-token (PALISADE_WRITE_EMAIL / PALISADE_WRITE_API_TOKEN) of a site admin';

/** A Cloud connection's write consent: a site admin's e-mail and API token. */
function siteWriteCredentials(
  name: string,
  email: string | undefined,
  token: string | undefined,
): Credentials {
  if (email === undefined || token === undefined) {
    throw new CliError(
      'missing_credentials',
      `apps ${name} changes the tenant and needs write consent — pass ${SITE_WRITE_FLAGS}`,
    );
  }
  return { site: { kind: 'basic', email, apiToken: token } };
}

/**
 * A Data Center instance's write consent: a system administrator's personal access token, which
 * its UPM takes as Bearer (a Cloud admin's e-mail and API token mean nothing there).
 */
function dataCenterWriteCredentials(name: string, tokens: string[], products: string[]): Credentials {
  if (products.length > 0) {
    throw new CliError('usage', 'a Data Center instance runs one product — leave out --product');
  }
  const [token, ...more] = tokens;
  if (token === undefined) {
    throw new CliError(
      'missing_credentials',
      `apps ${name} changes the Data Center instance and needs write consent — pass --data-center-write-token (PALISADE_DATA_CENTER_WRITE_TOKEN) of a system administrator`,
    );
  }
  if (more.length > 0) {
    throw new CliError(
      'usage',
      `PALISADE_DATA_CENTER_WRITE_TOKEN holds ${tokens.length} tokens — an action changes one instance: give its token alone, or pass --data-center-write-token`,
    );
  }
  return { dataCenterToken: token };
}
