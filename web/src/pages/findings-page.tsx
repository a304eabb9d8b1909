import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { findingsQuery } from '../api/queries.ts';
import { formatDateTime } from '../components/format.ts';
import { PageTitle } from '../components/page-title.tsx';
import { SimpleTable } from '../components/simple-table.tsx';

export function FindingsPage() {
  const findings = useQuery(findingsQuery({ limit: 100 }));
  return (
    <>
      <PageTitle>Findings</PageTitle>
      <SimpleTable
        query={findings}
        caption="Findings, most severe first"
        empty="No findings: connect an organization and let its first scan finish."
        rows={(data) => data.items}
        rowKey={(f) => f.id}
        columns={[
          { header: 'Severity', cell: (f) => <Badge variant="light">{f.severity}</Badge> },
          { header: 'Title', cell: (f) => f.title },
          { header: 'Status', cell: (f) => f.status },
          { header: 'First seen', cell: (f) => formatDateTime(f.firstSeen) },
        ]}
      />
    </>
  );
}
