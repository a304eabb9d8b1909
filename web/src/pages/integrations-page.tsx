import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { connectionsQuery } from '../api/queries.ts';
import { formatDateTime } from '../components/format.ts';
import { PageTitle } from '../components/page-title.tsx';
import { SimpleTable } from '../components/simple-table.tsx';

export function IntegrationsPage() {
  const connections = useQuery(connectionsQuery());
  return (
    <>
      <PageTitle>Integrations</PageTitle>
      <SimpleTable
        query={connections}
        caption="Atlassian domains"
        empty="No Atlassian organization is connected yet."
        rows={(data) => data.connections.flatMap((c) => c.domains.map((d) => ({ connection: c, domain: d })))}
        rowKey={(r) => `${r.connection.id}/${r.domain.cloudId}`}
        columns={[
          { header: 'Domain', cell: (r) => r.domain.host },
          {
            header: 'API Key',
            cell: (r) => (r.connection.apiKey ? `••••${r.connection.apiKey.last4}` : 'OAuth'),
          },
          { header: 'First connected', cell: (r) => formatDateTime(r.connection.firstConnected.at) },
          { header: 'Last Synced', cell: (r) => formatDateTime(r.domain.lastSync?.at) },
          { header: 'Status', cell: (r) => <Badge variant="light">{r.domain.status.state}</Badge> },
        ]}
      />
    </>
  );
}
