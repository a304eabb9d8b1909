import { parseArgs } from 'node:util';
import { faultConfigSchema } from '../../simulator/http/faults.ts';
import { type RunningSimulator, startSimulator } from '../../simulator/start.ts';
import { generateTenant } from '../../simulator/tenant/generate.ts';
import { benchFaults } from './sim-faults.ts';

// Several simulated organizations in one process of their own (so that what they cost shows as
// their own RSS and CPU, apart from Palisade's): `--count` generated tenants of `--size`, seeds
// from `--seed`, each with its own listeners, and the burst limit `--rate-limit r:b` and latency
// `--latency ms` on (sim-faults.ts). Prints one JSON line, the SimulatorInfo of each, and serves
// until SIGTERM. Other faults are switched at run time through each control URL (PUT /faults).

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '20' },
    size: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '1' },
    'rate-limit': { type: 'string', default: '50:100' },
    latency: { type: 'string', default: '25' },
  },
});
const count = Number(values.count);
const size = values.size;
if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a whole number of at least 1');
if (size !== 'small' && size !== 'large' && size !== 'xl')
  throw new Error('--size must be small, large or xl');

const faults = faultConfigSchema.parse(
  benchFaults(values['rate-limit'] ?? '50:100', Number(values.latency ?? '25')),
);
const now = new Date();
const sims: RunningSimulator[] = [];
for (let i = 0; i < count; i++) {
  const tenant = generateTenant({ size, seed: Number(values.seed) + i, now });
  sims.push(await startSimulator({ tenant, faults }));
}
process.stdout.write(`${JSON.stringify(sims.map((s) => s.info))}\n`);

const stop = async () => {
  await Promise.all(sims.map((s) => s.stop()));
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
