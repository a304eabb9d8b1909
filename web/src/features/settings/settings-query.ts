import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

// The Settings page's own query keys (nothing else in the UI refreshes them).

export const settingsKeys = {
  settings: ['settings'] as const,
  tokens: ['tokens'] as const,
  channels: ['notification-channels'] as const,
  preferences: ['notification-preferences'] as const,
  events: ['notification-events'] as const,
  deadLetters: ['dead-letters'] as const,
};

export const serverSettingsQuery = () =>
  queryOptions({
    queryKey: settingsKeys.settings,
    queryFn: ({ signal }) => api('GET /api/v1/settings', { signal }),
    staleTime: 300_000,
  });

/** "6 h", "30 min", "1 d": an interval in seconds as people read it. */
export function formatInterval(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
