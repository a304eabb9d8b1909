import { z } from 'zod';
import type { PalisadeEvent } from '../../jobs/events.ts';
import type { ServerModule } from '../server-module.ts';

// Live status for the UI: Server-Sent Events of the event bus (a connection's status changed, a
// scan made progress or finished), `event: <type>` and `data: <json>` per event. A comment every
// 15 s keeps proxies from closing an idle stream; `retry:` tells the browser how soon to
// reconnect. The subscription ends with the client's connection, so a closed tab leaks nothing.

export const HEARTBEAT_MS = 15_000;
const RETRY_MS = 5_000;

export function eventFrame(event: PalisadeEvent): string {
  const data = {
    connectionId: event.connectionId,
    scanId: event.scanId ?? null,
    at: event.at,
    ...event.data,
  };
  return `event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const eventsModule: ServerModule = {
  name: 'events',
  register(app, deps) {
    // Open streams never end on their own: at shutdown they are ended, or closing the server
    // would wait for every browser tab to leave.
    const open = new Set<() => void>();
    app.addHook('preClose', async () => {
      for (const end of [...open]) end();
    });
    app.get(
      '/api/v1/events',
      {
        config: { access: 'connections:read', stream: true },
        schema: {
          tags: ['events'],
          summary: 'Live status and scan progress (Server-Sent Events)',
          description:
            'A text/event-stream of `connection.status`, `scan.progress`, `scan.finished` and `connection.deleted` events; `data` is JSON with `connectionId`, `scanId` and the event fields.',
          response: {
            200: z.string().describe('text/event-stream'),
          },
        },
      },
      async (request, reply) => {
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'x-request-id': String(request.id),
        });
        raw.write(`retry: ${RETRY_MS}\n: connected\n\n`);
        const unsubscribe = deps.events.subscribe((event) => {
          // Between server processes only: pages learn of their own changes from their answers.
          if (event.type === 'data.changed') return;
          raw.write(eventFrame(event));
        });
        const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
        heartbeat.unref();
        let listening = true;
        const close = () => {
          if (!listening) return;
          listening = false;
          open.delete(end);
          clearInterval(heartbeat);
          unsubscribe();
        };
        const end = () => {
          close();
          raw.end();
        };
        open.add(end);
        request.raw.once('close', close);
        raw.once('close', close);
      },
    );
  },
};
