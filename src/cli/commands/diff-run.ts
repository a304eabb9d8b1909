import { diffResults, type ResultChange, type ResultDiff } from '../../findings/diff-results.ts';
import { catalogue } from '../../rules/catalogue/index.ts';
import { type Severity, severityRank } from '../../rules/severity.ts';
import { evaluateOffline } from '../../scan/evaluate-offline.ts';
import { CliError } from '../cli-error.ts';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.ts';
import type { CommandContext } from '../run-cli.ts';
import { parseFailOn } from '../scan/scan-request.ts';
import { defaultDatabase } from '../store/default-database.ts';
import { openStore } from '../store/open-store.ts';
import { parseVersion, pickConnection, pickSnapshot, previousSnapshot } from '../store/pick-connection.ts';

// `palisade diff`: what changed between two snapshots of a connection — new, regressed, resolved
// and changed results — evaluated offline with today's rules. By default the latest snapshot
// against the one before it. With --fail-on, new or regressed failures of that severity exit 2.

export interface DiffFlags {
  db?: string;
  connection?: string;
  from?: string;
  to?: string;
  json?: boolean;
  failOn?: string;
  failOnUnknown?: string;
}

const KINDS = ['new', 'regressed', 'resolved', 'changed'] as const;

export async function diff(flags: DiffFlags, ctx: CommandContext): Promise<number> {
  const { deps } = ctx;
  const failOn = parseFailOn(flags.failOn ?? deps.env.PALISADE_FAIL_ON);
  const failOnUnknown = parseFailOn(
    flags.failOnUnknown ?? deps.env.PALISADE_FAIL_ON_UNKNOWN,
    '--fail-on-unknown',
  );
  const toVersion = parseVersion('--to', flags.to);
  const fromVersion = parseVersion('--from', flags.from);
  if (fromVersion !== undefined && toVersion !== undefined && fromVersion >= toVersion) {
    throw new CliError(
      'usage',
      fromVersion === toVersion
        ? `--from and --to both name snapshot ${toVersion} — pass two different snapshots`
        : `--from ${fromVersion} is newer than --to ${toVersion}: the order is reversed — pass --from ${toVersion} --to ${fromVersion}`,
    );
  }
  const store = await openStore(flags.db ?? defaultDatabase(deps), { mustExist: true });
  try {
    const connection = await pickConnection(store.db, store.location, flags.connection);
    const to = await pickSnapshot(store.db, connection, toVersion);
    const from =
      fromVersion !== undefined
        ? await pickSnapshot(store.db, connection, fromVersion)
        : await previousSnapshot(store.db, connection.id, to.version);
    if (!from) {
      throw new CliError(
        'no_snapshot',
        `connection ${connection.id} has one complete snapshot (${to.version}) — scan again with the same --db to compare`,
      );
    }
    const at = (s: typeof to) => new Date(s.completedAt ?? s.createdAt);
    const before = await evaluateOffline(store.db, connection.id, from.version, at(from));
    const after = await evaluateOffline(store.db, connection.id, to.version, at(to));
    const result = diffResults(before, after);
    const severityOf = new Map(catalogue.map((e) => [e.rule.meta.id, e.rule.meta.severity]));
    const titleOf = new Map(catalogue.map((e) => [e.rule.meta.id, e.rule.meta.title]));
    const sites = new Map(connection.sites.map((s) => [s.cloudId, new URL(s.url).host]));
    if (flags.json) {
      deps.stdout.write(
        `${JSON.stringify({ connection: connection.id, from: from.version, to: to.version, ...result }, null, 2)}\n`,
      );
    } else {
      deps.stdout.write(
        renderDiff(result, { from: from.version, to: to.version, severityOf, titleOf, sites }),
      );
    }
    const atOrAbove = (ruleId: string, severity: Severity) =>
      severityRank(severityOf.get(ruleId) ?? 'low') <= severityRank(severity);
    const worse = failOn
      ? [...result.new, ...result.regressed].filter((c) => atOrAbove(c.ruleId, failOn))
      : [];
    if (worse.length > 0 && !flags.json) {
      deps.stdout.write(`\n${worse.length} new or regressed failure(s) at or above ${failOn}: exit code 2\n`);
    }
    const undecided = failOnUnknown
      ? // Decided before, undecided now: diffResults lists them as changed (fail or pass → unknown).
        result.changed.filter(
          (c) =>
            c.current?.status === 'unknown' &&
            c.previous !== null &&
            c.previous.status !== 'unknown' &&
            atOrAbove(c.ruleId, failOnUnknown),
        )
      : [];
    if (undecided.length > 0 && !flags.json) {
      deps.stdout.write(
        `\n${undecided.length} result(s) at or above ${failOnUnknown} undecided now that were decided before (--fail-on-unknown ${failOnUnknown}): exit code 2\n`,
      );
    }
    return worse.length > 0 || undecided.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    await store.close();
  }
}

export interface RenderContext {
  from: number;
  to: number;
  severityOf: ReadonlyMap<string, Severity>;
  titleOf: ReadonlyMap<string, string>;
  sites: ReadonlyMap<string, string>;
}

function line(c: ResultChange, r: RenderContext): string {
  const severity = (r.severityOf.get(c.ruleId) ?? 'low').toUpperCase().padEnd(8);
  const where = c.resource.scope === 'org' ? 'org' : (r.sites.get(c.resource.scope) ?? c.resource.scope);
  const state = `${c.previous?.status ?? 'absent'} → ${c.current?.status ?? 'gone'}`;
  const message = c.current?.message ?? c.previous?.message ?? r.titleOf.get(c.ruleId) ?? '';
  // Same status: say what moved, so that no change reads as two identical lines.
  const sameStatus = c.previous !== null && c.current !== null && c.previous.status === c.current.status;
  const what =
    sameStatus && c.previous?.message !== c.current?.message
      ? `${c.current?.status}; was: ${c.previous?.message}`
      : sameStatus && c.evidence
        ? `${c.current?.status}; evidence changed: ${c.evidence.map((e) => `${e.field} ${short(e.previous)} → ${short(e.current)}`).join(', ')}`
        : state;
  return `  ${severity} ${where}: ${message} (${what}) [${c.ruleId}]`;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

export function renderDiff(diff: ResultDiff, r: RenderContext): string {
  const out = [
    `Snapshot ${r.from} → ${r.to}: ${diff.new.length} new, ${diff.regressed.length} regressed, ${diff.resolved.length} resolved, ${diff.changed.length} changed`,
  ];
  for (const kind of KINDS) {
    const changes = [...diff[kind]].sort(
      (a, b) =>
        severityRank(r.severityOf.get(a.ruleId) ?? 'low') -
          severityRank(r.severityOf.get(b.ruleId) ?? 'low') || a.key.localeCompare(b.key),
    );
    if (changes.length === 0) continue;
    out.push('', `${kind[0]?.toUpperCase()}${kind.slice(1)}:`);
    for (const c of changes) out.push(line(c, r));
  }
  return `${out.join('\n')}\n`;
}
