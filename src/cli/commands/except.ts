import type { Command } from 'commander';
import { EXIT_OK } from '../exit-codes.ts';
import { collect } from '../options/collect.ts';
import type { CommandContext } from '../run-cli.ts';
import type { ExceptFlags } from './except-run.ts';

// `palisade except`: accept a failing check for a while, with a justification, an owner and an
// expiry. (Work in except-run.ts.)

export const DEFAULT_VALID_DAYS = 90;

export function registerExcept(program: Command, ctx: CommandContext): void {
  program
    .command('except')
    .summary('accept a failing check for a while (justification, owner, expiry), or list exceptions')
    .option('--list', 'list the exceptions recorded')
    .option('--candidates', "with --rule: list the rule's failing resources and their keys")
    .option('--remove <id>', 'delete an exception')
    .option('--db <path|url>', 'the database the scans kept (PALISADE_DB; default: the embedded database)')
    .option('--connection <id>', 'which connection, when the database holds several')
    .option('--rule <id>', 'the rule, e.g. org_no_dormant_admins')
    .option('--resource <key>', 'a resource key from --candidates (repeatable)', collect)
    .option('--all-resources', 'cover every resource of the rule')
    .option('--justification <text>', 'why the risk is accepted (10 characters at least)')
    .option('--owner <name>', 'who answers for it')
    .option('--expires <date>', 'when it lapses, e.g. 2026-03-31')
    .option('--valid-days <n>', `or how many days it holds (default ${DEFAULT_VALID_DAYS})`)
    .addHelpText(
      'after',
      '\nExample:\n  palisade except --rule org_no_dormant_admins --candidates\n' +
        '  palisade except --rule org_no_dormant_admins --resource org:user:5b10… \\\n' +
        '    --justification "Break-glass account, used only in an emergency" --owner "Security team" --valid-days 180\n',
    )
    .action(async (flags: ExceptFlags) => {
      const { except } = await import('./except-run.ts');
      await except(flags, ctx);
      ctx.setExitCode(EXIT_OK);
    });
}
