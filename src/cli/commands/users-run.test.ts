import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDatabase } from '../../db/create-database.ts';
import { signIn } from '../../people/sign-in.ts';
import { readCliEnv } from '../cli-env.ts';
import { runCli } from '../run-cli.ts';

async function palisade(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: readCliEnv({}),
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    cwd,
    now: () => new Date('2026-06-01T09:00:00.000Z'),
  });
  return { code, stdout, stderr };
}

test('palisade users create without a password prints a one-time invite link, and users list shows the person', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-users-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'palisade.db');
  const created = await palisade(
    [
      'users',
      'create',
      '--email',
      'Ana@Example.com',
      '--name',
      'Ana',
      '--role',
      'owner',
      '--db',
      db,
      '--public-url',
      'https://palisade.example.com/',
    ],
    dir,
  );
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, /Added Ana <ana@example\.com> as owner\./);
  assert.match(created.stdout, /https:\/\/palisade\.example\.com\/invite\?token=[A-Za-z0-9_-]{43}/);
  assert.match(created.stdout, /expires 2026-06-08T09:00:00\.000Z/);
  const listed = await palisade(['users', 'list', '--db', db], dir);
  assert.match(listed.stdout, /ana@example\.com {2}Ana {2}owner {2}\(invited, no password yet\)/);
  const bad = await palisade(
    ['users', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'boss', '--db', db],
    dir,
  );
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--role boss is not a role/);
  const taken = await palisade(
    ['users', 'create', '--email', 'ana@example.com', '--name', 'A', '--role', 'viewer', '--db', db],
    dir,
  );
  assert.equal(taken.code, 1);
  assert.match(taken.stderr, /exists already/);
});

test('palisade users create --password-stdin makes a person who can sign in at once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-users-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'palisade.db');
  const { usersCreate } = await import('./users-run.ts');
  let stdout = '';
  const added: string[] = [];
  const code = await usersCreate(
    { email: 'ci@example.com', name: 'CI', role: 'viewer', passwordStdin: true, db },
    {
      deps: {
        env: readCliEnv({}),
        stdout: { write: (x: string) => (stdout += x) },
        stderr: { write: () => {} },
        cwd: dir,
        now: () => new Date(),
      },
      secrets: {
        add: (...v: (string | undefined)[]) => added.push(...v.filter((x): x is string => !!x)),
        addBasic: () => {},
        scrub: (x: string) => x,
      },
      debug: () => false,
      setExitCode: () => {},
    },
    async () => 'a piped long password\n',
  );
  assert.equal(code, 0);
  assert.doesNotMatch(stdout, /invite/i);
  assert.deepEqual(added, ['a piped long password']);
  const handle = createDatabase({ file: db });
  t.after(() => handle.close());
  const { user } = await signIn(
    handle.db,
    new Date(),
    { email: 'ci@example.com', password: 'a piped long password' },
    {},
  );
  assert.equal(user.role, 'viewer');
});
