import { randomUUID } from 'node:crypto';
import { listAttestations, saveAttestation } from '../../findings/store/attestations-store.ts';
import { exampleValue, subjectJsonSchema } from '../../rules/attestation-example.ts';
import { ATTESTATION_SUBJECTS, SUBJECT_NAMES } from '../../rules/attestation-subjects.ts';
import { CliError } from '../cli-error.ts';
import { parseExpiry } from '../options/parse-expiry.ts';
import { readValueFile } from '../options/read-value-file.ts';
import type { CommandContext } from '../run-cli.ts';
import { defaultDatabase } from '../store/default-database.ts';
import { openStore } from '../store/open-store.ts';
import { pickConnection } from '../store/pick-connection.ts';
import { siteScope } from '../store/site-scope.ts';
import { DEFAULT_VALID_DAYS } from './attest.ts';

// `palisade attest`: record a setting no public API exposes (authentication policies, external
// user policy, …) as an admin read it in the admin UI, with evidence, author and expiry. The next
// scan or report evaluates the rules that need it; once it expires they are `unknown` again.

export interface AttestFlags {
  db?: string;
  connection?: string;
  subject?: string;
  site?: string;
  value?: string;
  valueFile?: string;
  note?: string;
  evidenceUrl?: string;
  author?: string;
  authorId?: string;
  expires?: string;
  validDays?: string;
  list?: boolean;
  subjects?: boolean;
}

function subjectName(raw: string): (typeof SUBJECT_NAMES)[number] {
  const name = raw.startsWith('attested.') ? raw : `attested.${raw}`;
  const found = SUBJECT_NAMES.find((s) => s === name);
  if (!found) {
    throw new CliError(
      'usage',
      `--subject "${raw}" is not an attestation subject — see palisade attest --subjects`,
    );
  }
  return found;
}

function readValue(flags: AttestFlags): unknown {
  if (flags.value !== undefined && flags.valueFile !== undefined) {
    throw new CliError('usage', '--value and --value-file exclude each other — pass one of them');
  }
  if (flags.valueFile !== undefined) return readValueFile('--value-file', flags.valueFile);
  if (flags.value === undefined) {
    throw new CliError(
      'usage',
      'an attestation needs its value — pass --value <json> or --value-file <file>',
    );
  }
  try {
    return JSON.parse(flags.value);
  } catch (error) {
    throw new CliError('invalid_input', `--value is not valid JSON (${firstLine(error)}) — fix the value`);
  }
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

export async function attest(flags: AttestFlags, ctx: CommandContext): Promise<void> {
  const { deps } = ctx;
  if (flags.subjects) {
    for (const name of SUBJECT_NAMES) {
      const s = ATTESTATION_SUBJECTS[name];
      deps.stdout.write(
        `${name.replace(/^attested\./, '')}  (${s.scope})  ${s.title}\n    ${s.whereToFind}\n` +
          `    example: ${JSON.stringify(exampleValue(s))}\n` +
          `    schema:  ${JSON.stringify(subjectJsonSchema(s))}\n`,
      );
    }
    return;
  }
  // A value given is checked before the database is opened: a bad file is named first.
  const given =
    flags.list || (flags.value === undefined && flags.valueFile === undefined)
      ? undefined
      : { value: readValue(flags) };
  const store = await openStore(flags.db ?? defaultDatabase(deps), { mustExist: true });
  try {
    const connection = await pickConnection(store.db, store.location, flags.connection);
    if (flags.list) {
      const now = deps.now().getTime();
      const all = await listAttestations(store.db, connection.id);
      if (all.length === 0) deps.stdout.write('No attestation recorded.\n');
      for (const a of all) {
        const state = Date.parse(a.expiresAt) <= now ? 'EXPIRED' : 'current';
        deps.stdout.write(
          `${a.id}  ${a.subject.replace(/^attested\./, '')}  ${a.scope}  by ${a.author.name} on ${a.attestedAt}, expires ${a.expiresAt} (${state})\n`,
        );
      }
      return;
    }
    if (!flags.subject) throw new CliError('usage', 'pass --subject <name> (see --subjects), or --list');
    const subject = subjectName(flags.subject);
    const definition = ATTESTATION_SUBJECTS[subject];
    if (!flags.note)
      throw new CliError('usage', 'an attestation needs evidence — pass --note "what was checked and how"');
    if (!flags.author)
      throw new CliError('usage', 'an attestation needs its author — pass --author "Your Name"');
    const scope = definition.scope === 'org' ? 'org' : siteScope(connection, flags.site, '--site');
    const now = deps.now();
    let saved: Awaited<ReturnType<typeof saveAttestation>>;
    try {
      saved = await saveAttestation(store.db, connection.id, {
        id: randomUUID(),
        subject,
        scope,
        value: given ? given.value : readValue(flags),
        evidence: { note: flags.note, ...(flags.evidenceUrl ? { url: flags.evidenceUrl } : {}) },
        author: { id: flags.authorId ?? flags.author, name: flags.author },
        attestedAt: now.toISOString(),
        expiresAt: parseExpiry(flags, now, DEFAULT_VALID_DAYS).toISOString(),
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'invalid_attestation') {
        const detail = (error as Error).message.replace(/\s*\n\s*/g, '; ');
        throw new CliError(
          'invalid_input',
          `the attestation is invalid: ${detail} — fix it (palisade attest --subjects)`,
        );
      }
      throw error;
    }
    deps.stdout.write(
      `Recorded ${saved.id}: ${definition.title} (${scope}) by ${saved.author.name}, expires ${saved.expiresAt}.\n` +
        'Run palisade report to re-evaluate the rules that read it.\n',
    );
  } finally {
    await store.close();
  }
}
