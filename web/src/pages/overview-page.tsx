import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { connectionsQuery } from '../api/queries.ts';
import { formatDateTime } from '../components/format.ts';
import { PageTitle } from '../components/page-title.tsx';
import { SimpleTable } from '../components/simple-table.tsx';

export function OverviewPage() {
  const connections = useQuery(connectionsQuery());
  return (
    <>
      <PageTitle>Overview</PageTitle>
      <SimpleTable
        query={connections}
        caption="Connections and their last sync"
        empty="No organization is connected yet: add one under Integrations."
        rows={(data) => data.connections}
        rowKey={(c) => c.id}
        columns={[
          { header: 'Organization', cell: (c) => c.orgName },
          { header: 'Domains', cell: (c) => c.domains.length },
          { header: 'Last Synced', cell: (c) => formatDateTime(c.lastSync?.at) },
          { header: 'Status', cell: (c) => <Badge variant="light">{c.status.state}</Badge> },
        ]}
      />
    </>
  );
}
