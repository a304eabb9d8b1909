import { parseSimulatorArgs, UsageError, usage } from './cli.ts';
import { startSimulator } from './start.ts';
import { buildTenant } from './tenant/build.ts';

// `npm run simulator -- …`: starts the simulator, prints one JSON line (base URLs and
// credentials) on stdout, a readable summary on stderr when it is a terminal, and serves until
// SIGINT or SIGTERM.

async function main(): Promise<void> {
  let args: ReturnType<typeof parseSimulatorArgs>;
  try {
    args = parseSimulatorArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`simulator: ${error.message}\n\n${usage}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }

  const started = performance.now();
  const now = new Date();
  let tenant: ReturnType<typeof buildTenant>;
  try {
    tenant = buildTenant(args.source, now);
  } catch (error) {
    process.stderr.write(`simulator: ${(error as Error).message}\n`);
    process.exit(1);
  }
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({
      tenant,
      host: args.host,
      basePort: args.basePort,
      faults: args.faults,
      rebuild: () => buildTenant(args.source, now),
    });
  } catch (error) {
    // A port taken by another process is the usual cause: one line, not a stack trace.
    const e = error as NodeJS.ErrnoException & { port?: number };
    const text =
      e.code === 'EADDRINUSE'
        ? `port ${e.port ?? args.basePort} is in use — the listeners take consecutive ports from --port ${args.basePort}; pass another --port, or --port 0 for free ones`
        : `cannot start: ${e.message}`;
    process.stderr.write(`simulator: ${text}\n`);
    process.exit(1);
  }
  const startSeconds = (performance.now() - started) / 1000;

  process.stdout.write(`${JSON.stringify({ ...sim.info, startSeconds: Number(startSeconds.toFixed(2)) })}\n`);
  if (process.stderr.isTTY) {
    const lines = [
      `Atlassian Cloud simulator for "${sim.info.org.name}" ready in ${startSeconds.toFixed(1)} s`,
      ...sim.info.sites.map(
        (s) =>
          `  site ${s.name.padEnd(14)} ${s.url}  ${Object.entries(s.products)
            .map(([p, plan]) => `${p} ${plan}`)
            .join(', ')}`,
      ),
      `  admin API          ${sim.info.adminApiUrl}`,
      `  Marketplace        ${sim.info.marketplaceUrl}`,
      `  OAuth              ${sim.info.authUrl}/authorize`,
      `  control            ${sim.info.controlUrl}/tenant/summary`,
      `  sign in as         ${sim.info.credentials.admin.email} (API token in the JSON line above)`,
      'Press Ctrl+C to stop.',
    ];
    process.stderr.write(`${lines.join('\n')}\n`);
  }

  const stop = async () => {
    await sim.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
