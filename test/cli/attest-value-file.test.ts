import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ATTESTATION_SUBJECTS, SUBJECT_NAMES } from '../../src/rules/attestation-subjects.ts';
import { palisade } from './in-process.ts';

// `attest --value-file` with a file that is missing, endless, too large or not plain data: one
// line naming the file and the problem, exit 1, checked before any database is opened.

const dir = mkdtempSync(join(tmpdir(), 'palisade-attest-value-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const attest = (valueArgs: string[]) =>
  palisade(
    [
      'attest',
      '--subject',
      'authentication-policies',
      ...valueArgs,
      '--note',
      'read in admin.atlassian.com',
      '--author',
      'Riley Chen',
    ],
    { cwd: dir },
  );

function assertOneLine(run: { code: number; stderr: string }, pattern: RegExp): void {
  assert.equal(run.code, 1);
  assert.match(run.stderr, pattern);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
}

test('a --value-file that does not exist says "no such file"', async () => {
  const run = await attest(['--value-file', join(dir, 'policies.yaml')]);
  assertOneLine(run, /--value-file \S*policies\.yaml: no such file/);
});

test('/dev/zero or a file over 1 MiB is refused by its size', async () => {
  assertOneLine(await attest(['--value-file', '/dev/zero']), /\/dev\/zero: larger than the 1024 KiB/);
  const huge = join(dir, 'huge.yaml');
  writeFileSync(huge, `a: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
  assertOneLine(await attest(['--value-file', huge]), /huge\.yaml: larger than the 1024 KiB/);
});

test('a YAML tag such as !!js/function is one clear error', async () => {
  const tagged = join(dir, 'tagged.yaml');
  writeFileSync(tagged, 'policies: !!js/function "function () { return 1 }"\n');
  assertOneLine(
    await attest(['--value-file', tagged]),
    /tagged\.yaml: it uses a YAML tag \(!!js\/function\)/,
  );
});

test('--value with --value-file says they exclude each other', async () => {
  const file = join(dir, 'value.json');
  writeFileSync(file, '[]');
  assertOneLine(
    await attest(['--value', '[]', '--value-file', file]),
    /--value and --value-file exclude each other/,
  );
});

test('attest --subjects prints, for each subject, an example value its schema accepts and that schema', async () => {
  const run = await palisade(['attest', '--subjects'], { cwd: dir });
  assert.equal(run.code, 0);
  for (const name of SUBJECT_NAMES) {
    const short = name.replace(/^attested\./, '');
    const block = run.stdout.split(/\n(?=\S)/).find((b) => b.startsWith(`${short} `));
    assert.ok(block, `${short} is listed`);
    const example = /^ {4}example: (.*)$/m.exec(block)?.[1];
    const schema = /^ {4}schema: {2}(.*)$/m.exec(block)?.[1];
    assert.ok(example && schema, `${short} has an example and a schema`);
    assert.ok(ATTESTATION_SUBJECTS[name].schema.safeParse(JSON.parse(example)).success, short);
    assert.equal(JSON.parse(schema).type, 'object');
  }
});
