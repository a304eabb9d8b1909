import type { Command } from 'commander';
import { collect } from '../options/collect.ts';
import type { CommandContext } from '../run-cli.ts';
import type { ActionFlags, StoreFlags } from './apps-run.ts';

// `palisade apps list|show|disable|uninstall|ban`: the installed apps with their risk, and the
// actions on them (write consent and --dry-run). (Work in apps-run.ts.) `revoke` is an alias of
// `uninstall`, the action's one name; "revoke" otherwise names only the right `apps:revoke`.

export function registerApps(program: Command, ctx: CommandContext): void {
  const apps = program
    .command('apps')
    .summary('installed apps with their risk; disable, uninstall or ban one');
  const withStore = (c: Command) =>
    c
      .option('--db <path|url>', 'the database the scans kept (PALISADE_DB; default: the embedded database)')
      .option('--connection <id>', 'which connection, when the database holds several');

  withStore(apps.command('list').summary('every installed app, riskiest first'))
    .option('--json', 'print JSON')
    .action(async (flags: StoreFlags & { json?: boolean }) => {
      const { listApps } = await import('./apps-run.ts');
      await listApps(flags, ctx);
    });

  withStore(apps.command('show').summary('one app: where it is installed, its scopes and its risk factors'))
    .argument('<app-key>')
    .option('--json', 'print JSON')
    .action(async (key: string, flags: StoreFlags & { json?: boolean }) => {
      const { showApp } = await import('./apps-run.ts');
      await showApp(key, flags, ctx);
    });

  const action = (name: 'disable' | 'uninstall' | 'ban', summary: string, alias?: string) => {
    const command = apps.command(name).summary(summary);
    if (alias) command.alias(alias);
    const c = withStore(command)
      .argument('<app-key>')
      .option('--dry-run', 'show what would be sent, change nothing')
      .option('--write-email <email>', "the write-consented site admin's e-mail (PALISADE_WRITE_EMAIL)")
      .option(
        '--write-api-token <token>',
        "that admin's API token (PALISADE_WRITE_API_TOKEN; prefer the variable)",
      )
      .option(
        '--data-center-write-token <token>',
        "on a Data Center instance: a system administrator's personal access token given for changes (PALISADE_DATA_CENTER_WRITE_TOKEN; prefer the variable)",
      )
      .option('--actor <name>', 'who acts, for the action log (default: the write e-mail)')
      .option(
        '--allow-host <host:port>',
        'a non-Atlassian host Palisade may call (repeatable; PALISADE_ALLOW_HOSTS)',
        collect,
      )
      .option('--admin-api-url <url>', 'the admin API base URL (PALISADE_ADMIN_API_URL)');
    if (name === 'ban') c.requiredOption('--reason <text>', 'why the app is banned (shown with every alert)');
    else {
      c.option('--site <url>', 'only on this site (repeatable; default every site it is on)', collect);
      c.option('--product <jira|confluence>', 'only in this product (repeatable)', collect);
    }
    c.addHelpText(
      'after',
      `\nExample:\n  PALISADE_WRITE_API_TOKEN=… palisade apps ${name} com.example.sketchy --write-email admin@acme.com ${name === 'ban' ? '--reason "Unvetted vendor" ' : ''}--dry-run\n`,
    );
    c.action(async (key: string, flags: ActionFlags) => {
      const { act } = await import('./apps-run.ts');
      ctx.setExitCode(await act(name, key, flags, ctx));
    });
  };
  action('disable', 'disable an app (UPM) on every site it is on');
  action('uninstall', 'uninstall an app (UPM) from every site it is on, ending its access', 'revoke');
  action('ban', 'put an app on the deny-list and uninstall it; scans with write consent remove it again');
}
