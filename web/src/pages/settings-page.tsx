import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';
import { useMe } from '../auth/session.ts';
import { formatDateTime } from '../components/format.ts';
import { PageTitle } from '../components/page-title.tsx';
import { PermissionNote } from '../components/permission-note.tsx';
import { SimpleTable } from '../components/simple-table.tsx';

export function SettingsPage() {
  const me = useMe();
  const users = useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => api('GET /api/v1/users', { signal }),
    enabled: me.can('users:read'),
  });
  return (
    <>
      <PageTitle>Settings</PageTitle>
      {me.can('users:read') ? (
        <SimpleTable
          query={users}
          caption="People"
          rows={(data) => data.users}
          rowKey={(u) => u.id}
          columns={[
            { header: 'Name', cell: (u) => u.name },
            { header: 'Email', cell: (u) => u.email },
            { header: 'Role', cell: (u) => u.role },
            { header: 'Rights', cell: (u) => u.rights.join(', ') || '—' },
            { header: 'Added', cell: (u) => formatDateTime(u.createdAt) },
          ]}
        />
      ) : (
        <PermissionNote reason={me.whyNot('users:read')} />
      )}
    </>
  );
}
