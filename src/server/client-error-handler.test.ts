import assert from 'node:assert/strict';
import { connect } from 'node:net';
import test, { type TestContext } from 'node:test';
import { openTestDatabase } from '../db/testing/test-database.ts';
import { startTestServer } from './testing/test-server.ts';

// What Node's HTTP parser refuses never reaches a route; the answer still has the one error shape.

async function rawExchange(port: number, request: string): Promise<{ status: number; body: unknown }> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    socket.on('close', () => resolve());
    socket.on('error', reject);
    socket.write(request);
  });
  const text = Buffer.concat(chunks).toString('utf8');
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: JSON.parse(body) };
}

async function listeningServer(t: TestContext) {
  const database = await openTestDatabase('sqlite');
  t.after(() => database.close());
  const server = await startTestServer(database);
  t.after(() => server.app.close());
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = server.app.server.address() as { port: number };
  return { server, port };
}

test('a request whose URL is over the header size limit answers 431 in the error shape', async (t) => {
  const { server, port } = await listeningServer(t);
  const answer = await rawExchange(
    port,
    `GET /api/v1/apps/${'x'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
  );
  assert.equal(answer.status, 431);
  const { error } = answer.body as { error: { code: string; message: string; requestId: string } };
  assert.equal(error.code, 'invalid_request');
  assert.match(error.message, /larger than the 16 KB/);
  assert.match(error.requestId, /^[0-9a-f-]{36}$/);
  assert.ok(
    server.logLines().some((line) => line.includes(error.requestId)),
    'the log names the refused request by the same id',
  );
});

test('a request that is not HTTP answers 400 in the error shape', async (t) => {
  const { port } = await listeningServer(t);
  const answer = await rawExchange(port, 'NOT HTTP AT ALL\r\n\r\n');
  assert.equal(answer.status, 400);
  const { error } = answer.body as { error: { code: string; message: string } };
  assert.equal(error.code, 'invalid_request');
  assert.equal(error.message, 'the request is not valid — it is not well-formed HTTP');
});
