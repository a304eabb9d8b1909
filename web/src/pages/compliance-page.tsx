import { Button, Group, Loader, Select, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { connectionsQuery, queryKeys } from '../api/queries.ts';
import { PageTitle } from '../components/page-title.tsx';
import { QueryError } from '../components/query-error.tsx';
import { complianceCsv } from '../features/compliance/compliance-csv.ts';
import { downloadText } from '../features/compliance/download.ts';
import { FrameworkTable } from '../features/compliance/framework-table.tsx';

export function CompliancePage() {
  const connections = useQuery(connectionsQuery());
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const compliance = useQuery({
    queryKey: [...queryKeys.compliance, connectionId],
    queryFn: ({ signal }) =>
      api('GET /api/v1/compliance', { query: connectionId ? { connectionId } : {}, signal }),
  });
  const [tab, setTab] = useState<string | null>(null);
  const list = connections.data?.connections ?? [];
  const data = compliance.data;
  const active = tab ?? data?.frameworks[0]?.id ?? null;
  const exportCsv = () => {
    if (!data) return;
    const suffix = connectionId ? `-${connectionId.replace(/[^A-Za-z0-9._-]/g, '_')}` : '';
    downloadText(complianceCsv(data), `palisade-compliance${suffix}.csv`);
  };
  return (
    <>
      <PageTitle
        actions={
          <Group align="flex-end">
            {list.length > 1 ? (
              <Select
                label="Connection"
                data={[
                  { value: '', label: 'All connections' },
                  ...list.map((c) => ({ value: c.id, label: c.orgName })),
                ]}
                value={connectionId ?? ''}
                onChange={(v) => setConnectionId(v ? v : null)}
                allowDeselect={false}
                w={240}
              />
            ) : null}
            <Button variant="default" onClick={exportCsv} disabled={!data}>
              Export CSV
            </Button>
          </Group>
        }
      >
        Compliance
      </PageTitle>
      {compliance.isPending ? (
        <Loader aria-label="Loading compliance" />
      ) : compliance.isError ? (
        <QueryError error={compliance.error} />
      ) : (
        <>
          {compliance.data.connections.every((c) => c.snapshotVersion === null) ? (
            <Text c="dimmed" mb="sm">
              No scan has finished yet: every check is not evaluated.
            </Text>
          ) : null}
          <Tabs value={active} onChange={setTab} keepMounted={false}>
            <Tabs.List>
              {compliance.data.frameworks.map((f) => (
                <Tabs.Tab key={f.id} value={f.id}>
                  {f.title} ({f.percent}%)
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {compliance.data.frameworks.map((f) => (
              <Tabs.Panel key={f.id} value={f.id} pt="md">
                <FrameworkTable framework={f} />
              </Tabs.Panel>
            ))}
          </Tabs>
        </>
      )}
    </>
  );
}
