import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// `npm run simulator -- --port <taken>` answers with one line and exit 1, not a stack trace.

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

test('a --port another process holds is one line naming the port, and exit 1', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, MAIN, '--port', String(port)], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString('utf8');
      });
      child.once('error', reject);
      child.once('exit', (c) => resolve({ code: c, stderr: err }));
    });
    assert.equal(code, 1);
    assert.equal(stderr.split('\n').filter(Boolean).length, 1, stderr);
    assert.match(stderr, new RegExp(`^simulator: port ${port} is in use — .*pass another --port`));
  } finally {
    server.close();
  }
});
