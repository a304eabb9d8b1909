import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

// A TCP proxy between Palisade's processes and PostgreSQL, so that a test can stage a database
// restart without touching the cluster other tests share: `cut()` drops every connection and
// stops listening (new connections are refused, as by a server that is down), `restore()` listens
// again on the same port. From the clients' side that is what a restart looks like.

export interface TcpProxy {
  port: number;
  /** Connections currently carried. */
  open(): number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  function track(socket: Socket): void {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  async function listen(): Promise<void> {
    const next = createServer((client) => {
      const upstream = createConnection(target);
      track(client);
      track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    next.listen(port, '127.0.0.1');
    await once(next, 'listening');
    const address = next.address();
    if (typeof address === 'object' && address) port = address.port;
    server = next;
  }

  async function stopListening(): Promise<void> {
    const current = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  await listen();
  return {
    get port() {
      return port;
    },
    open: () => sockets.size,
    cut: stopListening,
    restore: listen,
    close: stopListening,
  };
}
