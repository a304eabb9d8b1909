import type { Command } from 'commander';
import { EXIT_OK } from '../exit-codes.ts';
import type { CommandContext } from '../run-cli.ts';
import type { RotateKeyFlags } from './secrets-key-run.ts';

// `palisade secrets rotate-key`: re-encrypts every stored credential with a new key. (Work in
// secrets-key-run.ts.) Not to be confused with ../secrets.ts, the CLI's output scrubber.

export function registerSecrets(program: Command, ctx: CommandContext): void {
  const secrets = program.command('secrets').summary('the key that seals stored connection credentials');
  secrets
    .command('rotate-key')
    .summary('re-encrypt every stored credential with a new key')
    .option('--db <path|url>', 'the server database (DATABASE_URL; default: the embedded database)')
    .option(
      '--new-key-file <path>',
      'with PALISADE_SECRET_KEY: the file holding the new key (32 bytes, hex or base64, mode 0600)',
    )
    .addHelpText(
      'after',
      '\nStop palisade serve and its workers first: they hold the old key until restarted.\n' +
        '\nExample:\n  palisade secrets rotate-key\n' +
        '  openssl rand -base64 32 > new.key && chmod 600 new.key && palisade secrets rotate-key --new-key-file new.key\n',
    )
    .action(async (flags: RotateKeyFlags) => {
      const { rotateKey } = await import('./secrets-key-run.ts');
      await rotateKey(flags, ctx);
      ctx.setExitCode(EXIT_OK);
    });
}
