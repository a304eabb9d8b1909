import { Code, Group, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ApiResponse, api } from '../../api/client.ts';
import { connectionsQuery, queryKeys } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { SimpleTable } from '../../components/simple-table.tsx';
import { ActionError } from './action-result.tsx';
import { GuardedButton } from './guarded-button.tsx';
import { formatInterval, serverSettingsQuery } from './settings-query.ts';

type Connection = ApiResponse<'GET /api/v1/connections'>['connections'][number];

const DEFAULT = 'default';
const CHOICES = [900, 1800, 3600, 2 * 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400];

function IntervalEditor({ connection, defaultSeconds }: { connection: Connection; defaultSeconds: number }) {
  const me = useMe();
  const client = useQueryClient();
  const current =
    connection.scanIntervalSeconds === defaultSeconds ? DEFAULT : String(connection.scanIntervalSeconds);
  const [value, setValue] = useState<string>(current);
  const save = useMutation({
    mutationFn: () =>
      api('PATCH /api/v1/connections/{id}', {
        params: { id: connection.id },
        body: { scanIntervalSeconds: value === DEFAULT ? null : Number(value) },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.connections }),
  });
  const choices = [...new Set([...CHOICES, connection.scanIntervalSeconds])].sort((a, b) => a - b);
  const reason = me.whyNot('connections:manage');
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Select
          aria-label={`Scan interval of ${connection.orgName}`}
          data={[
            { value: DEFAULT, label: `Server default (${formatInterval(defaultSeconds)})` },
            ...choices
              .filter((s) => s !== defaultSeconds)
              .map((s) => ({ value: String(s), label: `Every ${formatInterval(s)}` })),
          ]}
          value={value}
          allowDeselect={false}
          disabled={Boolean(reason)}
          onChange={(v) => v && setValue(v)}
          size="xs"
          w={210}
        />
        <GuardedButton
          size="xs"
          reason={reason}
          loading={save.isPending}
          disabled={value === current}
          aria-label={`Save the schedule of ${connection.orgName}`}
          onClick={() => save.mutate()}
        >
          Save
        </GuardedButton>
      </Group>
      <ActionError error={save.error} title="The schedule was not saved" />
    </Stack>
  );
}

/** How often each connection is rescanned: its own interval, or the server's default. */
export function ScheduleSection() {
  const settings = useQuery(serverSettingsQuery());
  const connections = useQuery(connectionsQuery());
  const defaultSeconds = settings.data?.schedule.defaultIntervalSeconds;
  return (
    <Stack>
      <Text size="sm">
        Server default:{' '}
        <strong>{defaultSeconds === undefined ? '…' : `every ${formatInterval(defaultSeconds)}`}</strong>, set
        by <Code>PALISADE_SCAN_INTERVAL</Code> in the server's environment (at least 15 minutes). Each
        connection can override it.
      </Text>
      {defaultSeconds === undefined ? null : (
        <SimpleTable
          query={connections}
          caption="Scan schedule per connection"
          empty="No organization is connected yet: add one under Integrations."
          rows={(data) => data.connections}
          rowKey={(c) => c.id}
          columns={[
            { header: 'Organization', cell: (c) => c.orgName },
            { header: 'Domains', cell: (c) => c.domains.map((d) => d.host).join(', ') || '—' },
            { header: 'Rescanned', cell: (c) => `every ${formatInterval(c.scanIntervalSeconds)}` },
            {
              header: 'Change',
              cell: (c) => <IntervalEditor connection={c} defaultSeconds={defaultSeconds} />,
            },
          ]}
        />
      )}
    </Stack>
  );
}
