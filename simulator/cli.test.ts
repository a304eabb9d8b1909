import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseSimulatorArgs, UsageError } from './cli.ts';

test('without arguments the simulator serves the demo scenario on free ports', () => {
  const args = parseSimulatorArgs([]);
  assert.deepEqual(args.source, { scenario: 'demo' });
  assert.equal(args.basePort, 0);
  assert.equal(args.faults, undefined);
});

test('a size and seed select a generated tenant', () => {
  assert.deepEqual(parseSimulatorArgs(['--size', 'large', '--seed', '7']).source, { size: 'large', seed: 7 });
});

test('fault flags combine into one configuration', () => {
  const args = parseSimulatorArgs(['--rate-limit', '10:30', '--latency', '20', '--error-rate', '0.1']);
  assert.deepEqual(args.faults, {
    rules: [{ latencyMs: 20 }, { errorRate: 0.1 }],
    rateLimit: { perSecond: 10, burst: 30 },
  });
});

test('bad arguments are refused with a message naming the flag', () => {
  assert.throws(() => parseSimulatorArgs(['--size', 'huge']), /--size must be small, large or xl/);
  assert.throws(
    () => parseSimulatorArgs(['--scenario', 'demo', '--size', 'xl']),
    /either --scenario or --size/,
  );
  assert.throws(() => parseSimulatorArgs(['--error-rate', '3']), /--error-rate must be a number from 0 to 1/);
  assert.throws(() => parseSimulatorArgs(['--bogus']), UsageError);
});

test('a fault file that is not valid JSON or has an unknown field is named in the error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{ nope');
  assert.throws(() => parseSimulatorArgs(['--faults', broken]), /broken\.json" is not valid JSON/);
  const unknown = join(dir, 'unknown.json');
  writeFileSync(unknown, JSON.stringify({ rules: [{ errorRat: 0.5 }] }));
  assert.throws(() => parseSimulatorArgs(['--faults', unknown]), /unknown\.json": rules\.0/);
  assert.throws(() => parseSimulatorArgs(['--faults', join(dir, 'missing.json')]), /cannot read/);
});

test('--variance switches varied answers on, with its seed and rate, beside other faults', () => {
  assert.deepEqual(parseSimulatorArgs(['--variance']).faults, { rules: [], variance: {} });
  assert.deepEqual(
    parseSimulatorArgs(['--variance', '--variance-seed', '7', '--variance-rate', '0.5', '--latency', '5'])
      .faults,
    { rules: [{ latencyMs: 5 }], variance: { seed: 7, rate: 0.5 } },
  );
  assert.throws(() => parseSimulatorArgs(['--variance-seed', '7']), /go with --variance/);
  assert.throws(
    () => parseSimulatorArgs(['--variance', '--variance-rate', '2']),
    /--variance-rate must be a number from 0 to 1/,
  );
});
