import { Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { connectionsQuery } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { PermissionNote } from '../../components/permission-note.tsx';
import { SimpleTable } from '../../components/simple-table.tsx';
import { settingsKeys } from './settings-query.ts';

/** Jobs that failed every attempt (the dead letters), with their last error. */
export function ScanHealthSection() {
  const me = useMe();
  const reason = me.whyNot('jobs:read');
  const dead = useQuery({
    queryKey: settingsKeys.deadLetters,
    queryFn: ({ signal }) => api('GET /api/v1/jobs/dead-letter', { query: { limit: 100 }, signal }),
    enabled: !reason,
  });
  const connections = useQuery(connectionsQuery());
  if (reason) return <PermissionNote reason={reason} />;
  const nameOf = (id: string | null) =>
    id === null ? '—' : (connections.data?.connections.find((c) => c.id === id)?.orgName ?? id);
  return (
    <Stack>
      <Text size="sm">
        Jobs that failed every attempt, newest first. A scan job is retried before it lands here; on SQLite
        the in-process queue does not retry, so this list stays empty there.
      </Text>
      <SimpleTable
        query={dead}
        caption="Dead-letter jobs"
        empty="No job has failed every attempt."
        rows={(data) => data.items}
        rowKey={(j) => j.id}
        columns={[
          { header: 'Failed', cell: (j) => formatDateTime(j.failedAt) },
          { header: 'Kind', cell: (j) => j.kind },
          { header: 'Connection', cell: (j) => nameOf(j.connectionId) },
          { header: 'Scan', cell: (j) => j.scanId ?? '—' },
          { header: 'Attempts', cell: (j) => j.attempts },
          { header: 'Last error', cell: (j) => j.lastError },
        ]}
      />
    </Stack>
  );
}
