import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../api/queries.ts';

// Live updates: one EventSource on GET /api/v1/events (Server-Sent Events, same origin, the
// session cookie) for the signed-in layout. Each event type invalidates the queries whose data it
// changes, so open pages refetch what is on screen without a reload. The browser reconnects by
// itself (the server sends `retry:`).

export const EVENT_TYPES = [
  'connection.status',
  'scan.progress',
  'scan.finished',
  'connection.deleted',
] as const;
export type LiveEventType = (typeof EVENT_TYPES)[number];

export interface LiveEvent {
  type: LiveEventType;
  connectionId: string;
  scanId: string | null;
  at: string;
  [field: string]: unknown;
}

/** Which query families each event makes stale (first key part, see api/queries.ts). */
export const INVALIDATES: Record<LiveEventType, readonly (readonly string[])[]> = {
  'connection.status': [queryKeys.connections],
  'scan.progress': [queryKeys.connections, queryKeys.scans],
  'scan.finished': [
    queryKeys.connections,
    queryKeys.scans,
    queryKeys.findings,
    queryKeys.reports,
    queryKeys.overview,
    queryKeys.compliance,
  ],
  'connection.deleted': [queryKeys.connections, queryKeys.scans, queryKeys.findings, queryKeys.reports],
};

export function applyLiveEvent(client: QueryClient, event: LiveEvent): void {
  for (const queryKey of INVALIDATES[event.type]) void client.invalidateQueries({ queryKey });
}

/** Subscribes while mounted; `onEvent` sees every event after the invalidation (e.g. a toast). */
export function useLiveEvents(onEvent?: (event: LiveEvent) => void): void {
  const client = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/api/v1/events');
    const listeners = EVENT_TYPES.map((type) => {
      const listener = (message: MessageEvent<string>) => {
        let data: Record<string, unknown>;
        try {
          data = JSON.parse(message.data) as Record<string, unknown>;
        } catch {
          return;
        }
        const event = { ...data, type } as LiveEvent;
        applyLiveEvent(client, event);
        onEvent?.(event);
      };
      source.addEventListener(type, listener);
      return [type, listener] as const;
    });
    return () => {
      for (const [type, listener] of listeners) source.removeEventListener(type, listener);
      source.close();
    };
  }, [client, onEvent]);
}
