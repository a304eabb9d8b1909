import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';
import { useMe } from '../auth/session.ts';
import { formatDateTime } from '../components/format.ts';
import { PageTitle } from '../components/page-title.tsx';
import { PermissionNote } from '../components/permission-note.tsx';
import { SimpleTable } from '../components/simple-table.tsx';

export function AuditLogPage() {
  const me = useMe();
  const auditLog = useQuery({
    queryKey: queryKeys.auditLog,
    queryFn: ({ signal }) => api('GET /api/v1/audit-log', { query: { limit: 100 }, signal }),
    enabled: me.can('audit:read'),
  });
  return (
    <>
      <PageTitle>Audit log</PageTitle>
      {me.can('audit:read') ? (
        <SimpleTable
          query={auditLog}
          caption="Changes, newest first"
          rows={(data) => data.items}
          rowKey={(a) => a.id}
          columns={[
            { header: 'When', cell: (a) => formatDateTime(a.at) },
            { header: 'Who', cell: (a) => a.actor.name ?? a.actor.id },
            { header: 'Action', cell: (a) => a.action },
            { header: 'Subject', cell: (a) => a.subject },
          ]}
        />
      ) : (
        <PermissionNote reason={me.whyNot('audit:read')} />
      )}
    </>
  );
}
