import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type FaultConfig, faultConfigSchema } from './http/faults.ts';

// Parses `npm run simulator -- …` arguments into start options, with errors that say what to fix.

export interface SimulatorArgs {
  source: { scenario: string } | { size: 'small' | 'large' | 'xl'; seed: number };
  host: string;
  basePort: number;
  faults: FaultConfig | undefined;
  help: boolean;
}

export const usage = `Usage: npm run simulator -- [options]

Tenant (one of):
  --scenario <name|file>   a scenario by name (simulator/scenarios/<name>.yaml) or path   [default: demo]
  --size <small|large|xl>  a generated tenant of that size
  --seed <n>               seed for --size (same seed, same tenant)                         [default: 1]

Listeners:
  --host <address>         interface to bind                                                [default: 127.0.0.1]
  --port <n>               first port; listeners take consecutive ports (0 = any free)     [default: 0]

Faults (also switchable at run time: PUT <controlUrl>/faults):
  --faults <file.json>     a fault configuration (see simulator/README.md)
  --rate-limit <r[:b]>     burst limit per credential and host: r calls/s, bucket b (default 2r)
  --latency <ms>           added to every response
  --error-rate <0..1>      share of calls answered 500

Variance (answers vary as real tenants' do, within what Atlassian documents):
  --variance               switch it on: optional fields null or absent, newer enum values,
                           extra fields, GraphQL field errors beside data
  --variance-seed <n>      same seed, same variations                                        [default: 1]
  --variance-rate <0..1>   share of fields and objects varied                                [default: 0.3]

Prints one JSON line with every base URL and the credentials to use, then serves until stopped.`;

export class UsageError extends Error {}

function number(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

function readFaults(path: string): FaultConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--faults: cannot read "${path}"`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--faults: "${path}" is not valid JSON (${(error as Error).message})`);
  }
  const parsed = faultConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--faults: "${path}": ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

export function parseSimulatorArgs(argv: string[]): SimulatorArgs {
  let values: ReturnType<typeof parse>['values'];
  function parse() {
    return parseArgs({
      args: argv,
      strict: true,
      options: {
        scenario: { type: 'string' },
        size: { type: 'string' },
        seed: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        faults: { type: 'string' },
        'rate-limit': { type: 'string' },
        latency: { type: 'string' },
        'error-rate': { type: 'string' },
        variance: { type: 'boolean' },
        'variance-seed': { type: 'string' },
        'variance-rate': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  }
  try {
    values = parse().values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.scenario && values.size) throw new UsageError('Use either --scenario or --size, not both');
  let source: SimulatorArgs['source'];
  if (values.size) {
    if (!['small', 'large', 'xl'].includes(values.size)) {
      throw new UsageError(`--size must be small, large or xl, got "${values.size}"`);
    }
    source = {
      size: values.size as 'small' | 'large' | 'xl',
      seed: values.seed ? number('seed', values.seed, 0, 2 ** 31) : 1,
    };
  } else {
    if (values.seed) throw new UsageError('--seed goes with --size (a scenario file sets its own seed)');
    source = { scenario: values.scenario ?? 'demo' };
  }

  let faults = values.faults ? readFaults(values.faults) : undefined;
  const rules: FaultConfig['rules'] = [];
  if (values.latency) rules.push({ latencyMs: number('latency', values.latency, 0, 60_000) });
  if (values['error-rate']) rules.push({ errorRate: number('error-rate', values['error-rate'], 0, 1) });
  let rateLimit: FaultConfig['rateLimit'];
  if (values['rate-limit']) {
    const [r = '', b] = values['rate-limit'].split(':');
    const perSecond = number('rate-limit', r, 0.1, 100_000);
    rateLimit = {
      perSecond,
      burst: b ? Math.round(number('rate-limit', b, 1, 1_000_000)) : Math.max(1, Math.round(perSecond * 2)),
    };
  }
  if (rules.length > 0 || rateLimit) {
    faults = {
      ...(faults ?? { rules: [] }),
      rules: [...(faults?.rules ?? []), ...rules],
      ...(rateLimit ? { rateLimit } : {}),
    };
  }
  if ((values['variance-seed'] || values['variance-rate']) && !values.variance) {
    throw new UsageError('--variance-seed and --variance-rate go with --variance');
  }
  if (values.variance) {
    faults = {
      ...(faults ?? { rules: [] }),
      variance: {
        ...faults?.variance,
        ...(values['variance-seed']
          ? { seed: Math.round(number('variance-seed', values['variance-seed'], 0, 2 ** 31)) }
          : {}),
        ...(values['variance-rate'] ? { rate: number('variance-rate', values['variance-rate'], 0, 1) } : {}),
      },
    };
  }
  return {
    source,
    host: values.host ?? '127.0.0.1',
    basePort: values.port ? Math.round(number('port', values.port, 0, 65_000)) : 0,
    faults,
    help: values.help ?? false,
  };
}
