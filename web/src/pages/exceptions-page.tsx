import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';
import { formatDateTime } from '../components/format.ts';
import { PageTitle } from '../components/page-title.tsx';
import { SimpleTable } from '../components/simple-table.tsx';

export function ExceptionsPage() {
  const exceptions = useQuery({
    queryKey: queryKeys.exceptions,
    queryFn: ({ signal }) => api('GET /api/v1/exceptions', { signal }),
  });
  return (
    <>
      <PageTitle>Exceptions</PageTitle>
      <SimpleTable
        query={exceptions}
        caption="Exceptions (accepted risks)"
        empty="No exceptions recorded."
        rows={(data) => data.items}
        rowKey={(e) => e.id}
        columns={[
          { header: 'Rule', cell: (e) => e.ruleId },
          { header: 'Justification', cell: (e) => e.justification },
          { header: 'Owner', cell: (e) => e.owner },
          { header: 'Expires', cell: (e) => formatDateTime(e.expiresAt) },
          { header: 'State', cell: (e) => e.state },
        ]}
      />
    </>
  );
}
