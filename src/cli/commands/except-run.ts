import { randomUUID } from 'node:crypto';
import { deleteException, listExceptions, saveException } from '../../findings/store/exceptions-store.ts';
import { catalogue } from '../../rules/catalogue/index.ts';
import { resourceKey } from '../../rules/result.ts';
import { evaluateOffline } from '../../scan/evaluate-offline.ts';
import { CliError } from '../cli-error.ts';
import { didYouMean } from '../options/did-you-mean.ts';
import { parseExpiry } from '../options/parse-expiry.ts';
import type { CommandContext } from '../run-cli.ts';
import { defaultDatabase } from '../store/default-database.ts';
import { openStore } from '../store/open-store.ts';
import { pickConnection, pickSnapshot } from '../store/pick-connection.ts';
import { DEFAULT_VALID_DAYS } from './except.ts';

// `palisade except`: accept a failing check for a while (a break-glass account outside SSO, an
// intentionally public space), with a justification, an owner and an expiry. Covered failures
// show as `excepted`; when it expires they come back as `fail`. Without --resource it covers
// every resource of the rule, which must be asked for explicitly (--all-resources).

export interface ExceptFlags {
  db?: string;
  connection?: string;
  rule?: string;
  resource?: string[];
  allResources?: boolean;
  justification?: string;
  owner?: string;
  expires?: string;
  validDays?: string;
  list?: boolean;
  candidates?: boolean;
  remove?: string;
}

export async function except(flags: ExceptFlags, ctx: CommandContext): Promise<void> {
  const { deps } = ctx;
  const store = await openStore(flags.db ?? defaultDatabase(deps), { mustExist: true });
  try {
    const connection = await pickConnection(store.db, store.location, flags.connection);
    const now = deps.now();
    if (flags.list) {
      const all = await listExceptions(store.db, connection.id);
      if (all.length === 0) deps.stdout.write('No exception recorded.\n');
      for (const e of all) {
        const state = Date.parse(e.expiresAt) <= now.getTime() ? 'EXPIRED' : 'current';
        deps.stdout.write(
          `${e.id}  ${e.ruleId}  ${e.resources?.join(', ') ?? 'all resources'}\n    owner ${e.owner}, expires ${e.expiresAt} (${state}): ${e.justification}\n`,
        );
      }
      return;
    }
    if (flags.remove !== undefined) {
      const removed = await deleteException(store.db, connection.id, flags.remove);
      if (!removed)
        throw new CliError(
          'exception_not_found',
          `no exception ${flags.remove} — see palisade except --list`,
        );
      deps.stdout.write(`Removed exception ${flags.remove}.\n`);
      return;
    }
    if (!flags.rule) throw new CliError('usage', 'pass --rule <id> (or --list)');
    const rule = catalogue.find((e) => e.rule.meta.id === flags.rule)?.rule;
    if (!rule)
      throw new CliError(
        'rule_not_found',
        `there is no rule "${flags.rule}" — see docs/baseline.md for the rule ids`,
      );

    const ruleResults = async () => {
      const snapshot = await pickSnapshot(store.db, connection, undefined);
      const results = await evaluateOffline(store.db, connection.id, snapshot.version, now);
      return { snapshot, results: results.filter((r) => r.ruleId === rule.meta.id) };
    };
    if (flags.candidates) {
      const { snapshot, results } = await ruleResults();
      const failing = results.filter((r) => r.status === 'fail');
      if (failing.length === 0)
        deps.stdout.write(`${rule.meta.id} has no failing resource in snapshot ${snapshot.version}.\n`);
      for (const r of failing) deps.stdout.write(`${resourceKey(r.resource)}  ${r.message}\n`);
      return;
    }
    const resources = flags.resource ?? [];
    if (resources.length === 0 && !flags.allResources) {
      throw new CliError(
        'usage',
        'name the resources the exception covers with --resource (see --candidates), or pass --all-resources',
      );
    }
    if (!flags.justification)
      throw new CliError('usage', 'an exception needs --justification "why the risk is accepted"');
    if (!flags.owner) throw new CliError('usage', 'an exception needs --owner "who answers for it"');
    const expiresAt = parseExpiry(flags, now, DEFAULT_VALID_DAYS).toISOString();
    if (resources.length > 0) {
      // A key that names nothing would cover nothing, silently: the rule's results in the latest
      // snapshot are the resources that exist (whatever their status).
      const { snapshot, results } = await ruleResults();
      const known = new Set(results.map((r) => resourceKey(r.resource)));
      const unknown = resources.find((k) => !known.has(k));
      if (unknown !== undefined) {
        throw new CliError(
          'invalid_input',
          `--resource ${unknown} names no resource of ${rule.meta.id} in snapshot ${snapshot.version}${didYouMean(unknown, known)} (palisade except --rule ${rule.meta.id} --candidates lists the failing ones)`,
        );
      }
    }
    const same = (await listExceptions(store.db, connection.id)).find(
      (e) =>
        e.ruleId === rule.meta.id &&
        Date.parse(e.expiresAt) > now.getTime() &&
        [...(e.resources ?? [])].sort().join('\n') === [...new Set(resources)].sort().join('\n'),
    );
    if (same) {
      throw new CliError(
        'invalid_input',
        `the same exception is already recorded: ${same.id}, expires ${same.expiresAt} — remove it first (palisade except --remove ${same.id}) to record it anew`,
      );
    }
    let saved: Awaited<ReturnType<typeof saveException>>;
    try {
      saved = await saveException(store.db, connection.id, {
        id: randomUUID(),
        ruleId: rule.meta.id,
        ...(resources.length > 0 ? { resources } : {}),
        justification: flags.justification,
        owner: flags.owner,
        createdAt: now.toISOString(),
        expiresAt,
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'invalid_exception') {
        const detail = (error as Error).message.replace(/\s*\n\s*/g, '; ');
        throw new CliError('invalid_input', `the exception is invalid: ${detail}`);
      }
      throw error;
    }
    deps.stdout.write(
      `Recorded exception ${saved.id} for ${saved.ruleId} (${saved.resources?.length ?? 'all'} resource(s)), expires ${saved.expiresAt}.\n` +
        'Run palisade report to see the failures it covers as excepted.\n',
    );
  } finally {
    await store.close();
  }
}
