import { Command, CommanderError } from 'commander';
import { describeError, ERROR_KINDS, exitCodeOf } from '../errors.ts';
import { toolInfo } from '../report/tool-info.ts';
import type { CliDeps, OutputStream } from './cli-deps.ts';
import { CLI_SURFACE } from './cli-surface.ts';
import { EXIT_OK } from './exit-codes.ts';
import { stripControls } from './output/strip-controls.ts';
import { registerCommands } from './register-commands.ts';
import { createSecrets, type Secrets } from './secrets.ts';

// Runs one `palisade …` invocation: parses the arguments, runs the command, and turns every
// failure into one line on stderr (a stack trace only with --debug) and an exit code. Both
// streams pass through the secret scrubber and strip control characters (tenant data is untrusted:
// output/strip-controls.ts), whoever writes to them.

export interface CommandContext {
  deps: CliDeps;
  secrets: Secrets;
  /** Whether --debug was given (stack traces, more detail). */
  debug(): boolean;
  /** The exit code the command ends with (0 unless set). */
  setExitCode(code: number): void;
}

function scrubbed(stream: OutputStream, secrets: Secrets): OutputStream {
  return {
    write: (text: string) => stream.write(secrets.scrub(stripControls(text))),
    writeControl: (text: string) => stream.write(secrets.scrub(text)),
    isTTY: stream.isTTY,
    columns: stream.columns,
  };
}

export async function runCli(argv: readonly string[], rawDeps: CliDeps): Promise<number> {
  const secrets = createSecrets();
  const env = rawDeps.env;
  // Credentials from the environment are known before any flag is parsed.
  secrets.addBasic(env.PALISADE_EMAIL, env.PALISADE_API_TOKEN);
  secrets.addBasic(env.PALISADE_WRITE_EMAIL, env.PALISADE_WRITE_API_TOKEN);
  secrets.add(env.PALISADE_API_TOKEN, env.PALISADE_ORG_API_KEY, env.PALISADE_WRITE_API_TOKEN);
  const deps: CliDeps = {
    ...rawDeps,
    stdout: scrubbed(rawDeps.stdout, secrets),
    stderr: scrubbed(rawDeps.stderr, secrets),
  };

  let exitCode = EXIT_OK;
  const program = new Command('palisade');
  const ctx: CommandContext = {
    deps,
    secrets,
    debug: () => program.opts<{ debug?: boolean }>().debug === true || argv.includes('--debug'),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  program
    .description('Security posture and third-party app governance for Atlassian Cloud')
    .version(toolInfo().version, '-V, --version', 'print the version')
    .option('--debug', 'print stack traces and details on errors')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => deps.stdout.write(text),
      writeErr: (text) => deps.stderr.write(text),
      outputError: (text, write) => write(`palisade: ${text.replace(/^error: /, '')}`),
    });
  registerCommands(program, ctx);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end with exitCode 0; a usage error was already printed.
      return error.exitCode === 0 ? EXIT_OK : ERROR_KINDS.invalid_input.exitCode;
    }
    deps.stderr.write(`palisade: ${describeError(error, CLI_SURFACE)}\n`);
    if (ctx.debug()) {
      // The chain of causes too: a CliError often wraps the driver's or the connector's error.
      for (let e: unknown = error; e instanceof Error; e = e.cause)
        deps.stderr.write(`${e.stack ?? e.message}\n`);
    }
    return exitCodeOf(error);
  }
}
