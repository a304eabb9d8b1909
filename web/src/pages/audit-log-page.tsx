import { Button, Code, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';
import { useMe } from '../auth/session.ts';
import { formatDateTime } from '../components/format.ts';
import { PageTitle } from '../components/page-title.tsx';
import { PermissionNote } from '../components/permission-note.tsx';
import { QueryError } from '../components/query-error.tsx';
import { AuditFilterForm } from '../features/audit-log/audit-filter-form.tsx';
import { type AuditFilters, apiQueryOf, csvHref, filtersOf } from '../features/audit-log/audit-filters.ts';

const PAGE = 50;

export function AuditLogPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  // Cursors of the pages before this one (Previous goes back through them).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const allowed = me.can('audit:read');
  const auditLog = useQuery({
    queryKey: [...queryKeys.auditLog, filters, cursor],
    queryFn: ({ signal }) =>
      api('GET /api/v1/audit-log', {
        query: { ...apiQueryOf(filters), limit: PAGE, ...(cursor ? { cursor } : {}) },
        signal,
      }),
    enabled: allowed,
    placeholderData: keepPreviousData,
  });
  const users = useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => api('GET /api/v1/users', { signal }),
    enabled: allowed && me.can('users:read'),
  });
  if (!allowed) {
    return (
      <>
        <PageTitle>Audit log</PageTitle>
        <PermissionNote reason={me.whyNot('audit:read')} />
      </>
    );
  }
  const items = auditLog.data?.items ?? [];
  const actors = new Map<string, string>();
  for (const u of users.data?.users ?? []) actors.set(u.id, u.name);
  for (const a of items) actors.set(a.actor.id, a.actor.name ?? a.actor.id);
  const apply = (next: AuditFilters) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(next)) if (value) search.set(name, value);
    setCursors([undefined]);
    setParams(search);
  };
  return (
    <>
      <PageTitle
        actions={
          <Button component="a" href={csvHref(filters)} download variant="default">
            Export CSV
          </Button>
        }
      >
        Audit log
      </PageTitle>
      <Stack>
        <AuditFilterForm
          key={params.toString()}
          value={filters}
          actors={[...actors].map(([value, label]) => ({ value, label }))}
          actions={[...new Set(items.map((a) => a.action))].sort()}
          onApply={apply}
        />
        {auditLog.isPending ? (
          <Loader aria-label="Loading the audit log" />
        ) : auditLog.isError ? (
          <QueryError error={auditLog.error} />
        ) : items.length === 0 ? (
          <Text c="dimmed">No entry matches.</Text>
        ) : (
          <>
            <Text size="sm" c="dimmed" data-testid="audit-total">
              {auditLog.data.total} entries
            </Text>
            <Table.ScrollContainer minWidth={760}>
              <Table striped>
                <Table.Caption>Changes, newest first</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Who</Table.Th>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Subject</Table.Th>
                    <Table.Th>From</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{formatDateTime(a.at)}</Table.Td>
                      <Table.Td>{a.actor.name ?? a.actor.id}</Table.Td>
                      <Table.Td>
                        <Code>{a.action}</Code>
                      </Table.Td>
                      <Table.Td style={{ wordBreak: 'break-all' }}>{a.subject}</Table.Td>
                      <Table.Td>{a.source?.address ?? a.source?.via ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="flex-end">
              <Button
                variant="default"
                disabled={cursors.length < 2}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                Previous page
              </Button>
              <Button
                variant="default"
                disabled={!auditLog.data.nextCursor}
                onClick={() => {
                  const next = auditLog.data.nextCursor;
                  if (next) setCursors((c) => [...c, next]);
                }}
              >
                Next page
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </>
  );
}
