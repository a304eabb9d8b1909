import type { Command } from 'commander';
import { EXIT_OK } from '../exit-codes.ts';
import type { CommandContext } from '../run-cli.ts';
import type { AttestFlags } from './attest-run.ts';

// `palisade attest`: record a setting no public API exposes, with evidence, author and expiry.
// (Work in attest-run.ts.)

export const DEFAULT_VALID_DAYS = 90;

export function registerAttest(program: Command, ctx: CommandContext): void {
  program
    .command('attest')
    .summary('record a setting no API exposes (with evidence and expiry), or list them')
    .option('--subjects', 'list what can be attested, and where an admin finds each value')
    .option('--list', 'list the attestations recorded')
    .option('--db <path|url>', 'the database the scans kept (PALISADE_DB; default: the embedded database)')
    .option('--connection <id>', 'which connection, when the database holds several')
    .option('--subject <name>', 'what is attested, e.g. authentication-policies (see --subjects)')
    .option('--site <url>', 'the site, for site settings')
    .option('--value <json>', 'the value, as JSON')
    .option('--value-file <file>', 'the value, from a JSON or YAML file')
    .option('--note <text>', 'evidence: what was checked and how')
    .option('--evidence-url <url>', 'evidence: a screenshot, ticket or export')
    .option('--author <name>', 'who attests')
    .option('--author-id <id>', "the author's id or e-mail (default: the name)")
    .option('--expires <date>', 'when it lapses, e.g. 2026-03-31')
    .option('--valid-days <n>', `or how many days it holds (default ${DEFAULT_VALID_DAYS})`)
    .addHelpText(
      'after',
      '\nExample:\n  palisade attest --subject authentication-policies --value-file policies.yaml \\\n' +
        '    --note "Security → Authentication policies, 2025-06-01" --author "Riley Chen" --valid-days 90\n',
    )
    .action(async (flags: AttestFlags) => {
      const { attest } = await import('./attest-run.ts');
      await attest(flags, ctx);
      ctx.setExitCode(EXIT_OK);
    });
}
