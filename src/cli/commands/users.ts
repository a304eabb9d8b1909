import type { Command } from 'commander';
import { collect } from '../options/collect.ts';
import type { CommandContext } from '../run-cli.ts';
import type { UsersCreateFlags, UsersListFlags } from './users-run.ts';

// `palisade users`: add people and list them from the command line, on the server's database —
// the way in when nobody can sign in yet (the first owner, a locked-out team). (Work in users-run.ts.)

export function registerUsers(program: Command, ctx: CommandContext): void {
  const users = program.command('users').summary("add and list the people who use Palisade's server");
  users
    .command('create')
    .summary('add a person: with a password from stdin, or print a one-time invite link')
    .requiredOption('--email <email>', 'their e-mail address (they sign in with it)')
    .requiredOption('--name <name>', 'their name, as the audit log shows it')
    .requiredOption('--role <role>', 'owner, admin, analyst or viewer')
    .option('--right <right>', 'a right granted explicitly: apps:revoke (repeatable)', collect)
    .option('--password-stdin', 'read the password from stdin (at least 12 characters) instead of inviting')
    .option('--public-url <url>', 'the URL people open, for the invite link (default http://127.0.0.1:8080)')
    .option(
      '--db <path|url>',
      'the server database (PALISADE_DB or DATABASE_URL; default: the embedded database)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  palisade users create --email ana@example.com --name Ana --role owner\n  printf %s "$PASSWORD" | palisade users create --email ci@example.com --name CI --role viewer --password-stdin\n',
    )
    .action(async (flags: UsersCreateFlags) => {
      const { usersCreate } = await import('./users-run.ts');
      ctx.setExitCode(await usersCreate(flags, ctx));
    });
  users
    .command('list')
    .summary('list the people, their roles and rights')
    .option(
      '--db <path|url>',
      'the server database (PALISADE_DB or DATABASE_URL; default: the embedded database)',
    )
    .addHelpText('after', '\nExample:\n  palisade users list\n')
    .action(async (flags: UsersListFlags) => {
      const { usersList } = await import('./users-run.ts');
      ctx.setExitCode(await usersList(flags, ctx));
    });
}
