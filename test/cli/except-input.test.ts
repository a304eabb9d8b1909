import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { palisade } from './in-process.ts';
import { type DemoSimulator, startDemoSimulator } from './support.ts';

// `palisade except` records only what it can hold to: a resource that exists, an expiry on the
// calendar and within the cap, and an exception not already recorded.

const RULE = 'org_no_dormant_admins';

let demo: DemoSimulator;
let dir: string;
let key: string;

const db = () => join(dir, 'palisade.db');
const except = (...args: string[]) =>
  palisade(
    [
      'except',
      '--db',
      db(),
      '--rule',
      RULE,
      '--justification',
      'On leave until March',
      '--owner',
      'Security',
      ...args,
    ],
    { cwd: dir },
  );

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-except-'));
  const scan = await palisade(
    ['scan', ...demo.scanArgs, '--format', 'json', '--output-dir', dir, '--db', db(), '--quiet'],
    {
      cwd: dir,
    },
  );
  assert.equal(scan.code, 0, scan.stderr);
  const candidates = await palisade(['except', '--db', db(), '--rule', RULE, '--candidates'], { cwd: dir });
  key = candidates.stdout.split('\n')[0]?.split(/\s+/)[0] ?? '';
  assert.match(key, /^org:user:/);
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an expiry in year 9999 is refused with the allowed range', async () => {
  const run = await except('--resource', key, '--expires', '9999-12-31');
  assert.equal(run.code, 1);
  assert.match(
    run.stderr,
    /--expires 9999-12-31 is too far away — pass a date from tomorrow to \d{4}-\d{2}-\d{2} \(at most 3660 days\)/,
  );
});

test('a day that is not on the calendar is refused, not rolled over', async () => {
  const run = await except('--resource', key, '--expires', '2027-02-30');
  assert.equal(run.code, 1);
  assert.match(run.stderr, /--expires "2027-02-30" is not a date \(or not a day of the calendar\)/);
});

test('a resource that does not exist is refused with the nearest key', async () => {
  const typo = key.slice(0, -1);
  const run = await except('--resource', typo);
  assert.equal(run.code, 1);
  assert.equal(
    run.stderr,
    `palisade: --resource ${typo} names no resource of ${RULE} in snapshot 1 — did you mean ${key}? (palisade except --rule ${RULE} --candidates lists the failing ones)\n`,
  );
});

test('the same exception recorded twice is refused the second time, naming the first', async () => {
  const first = await except('--resource', key);
  assert.equal(first.code, 0, first.stderr);
  const id = /Recorded exception (\S+)/.exec(first.stdout)?.[1] ?? '';
  const again = await except('--resource', key, '--valid-days', '30');
  assert.equal(again.code, 1);
  assert.match(
    again.stderr,
    new RegExp(`the same exception is already recorded: ${id}, expires .* --remove ${id}`),
  );
});
