import type { Command } from 'commander';
import { registerApps } from './commands/apps.ts';
import { registerAttest } from './commands/attest.ts';
import { registerDemo } from './commands/demo.ts';
import { registerDiff } from './commands/diff.ts';
import { registerExcept } from './commands/except.ts';
import { registerReport } from './commands/report.ts';
import { registerScan } from './commands/scan.ts';
import { registerSecrets } from './commands/secrets-key.ts';
import { registerServe } from './commands/serve.ts';
import { registerSimulator } from './commands/simulator.ts';
import { registerUsers } from './commands/users.ts';
import { registerWorker } from './commands/worker.ts';
import type { CommandContext } from './run-cli.ts';

// Every `palisade` command, one file each in commands/.
export function registerCommands(program: Command, ctx: CommandContext): void {
  registerScan(program, ctx);
  registerReport(program, ctx);
  registerDiff(program, ctx);
  registerApps(program, ctx);
  registerAttest(program, ctx);
  registerExcept(program, ctx);
  registerSimulator(program, ctx);
  registerServe(program, ctx);
  registerDemo(program, ctx);
  registerSecrets(program, ctx);
  registerUsers(program, ctx);
  registerWorker(program, ctx);
}
