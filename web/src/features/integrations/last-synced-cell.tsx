import { Text, Tooltip } from '@mantine/core';
import { formatDateTime } from '../../components/format.ts';
import type { LastSync } from './types.ts';

// Last Synced: N/A before the first sync; red with the reason in a tooltip (also reachable by
// keyboard and read by screen readers) when the sync took excessively long or is overdue.

export function LastSyncedText({ lastSync }: { lastSync: LastSync | null }) {
  if (!lastSync) return <Text span>N/A</Text>;
  const when = formatDateTime(lastSync.at);
  if (!lastSync.excessive) return <Text span>{when}</Text>;
  const reason = lastSync.reason ?? 'The last sync took excessively long.';
  return (
    <Tooltip label={reason} multiline maw={320} events={{ hover: true, focus: true, touch: true }}>
      <Text
        span
        tabIndex={0}
        fw={600}
        c="var(--mantine-color-red-text)"
        data-excessive="true"
        aria-label={`${when} (excessive: ${reason})`}
      >
        {when}
      </Text>
    </Tooltip>
  );
}
