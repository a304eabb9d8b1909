import {
  Anchor,
  Button,
  Group,
  Loader,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { QueryError } from '../../components/query-error.tsx';
import { type AppRow, installers, RiskBadge, vendorTrust } from './app-badges.tsx';
import { appsQueryOf, BANDS, CLASSIFICATIONS, FRAMEWORKS, withAppsFilter } from './app-filters.ts';
import { appsKey } from './app-keys.ts';

const PAGE = 100;

export const appLink = (app: { key: string; connectionId: string }) =>
  `/apps/${encodeURIComponent(app.key)}?connectionId=${encodeURIComponent(app.connectionId)}`;

function Filters() {
  const [search, setSearch] = useSearchParams();
  const set = (name: string, values: string[] | string) => setSearch(withAppsFilter(search, name, values));
  const [q, setQ] = useState(search.get('q') ?? '');
  useEffect(() => setQ(search.get('q') ?? ''), [search]);
  return (
    <Paper
      withBorder
      p="sm"
      mb="md"
      component="form"
      aria-label="Filter apps"
      onSubmit={(e) => {
        e.preventDefault();
        set('q', q.trim());
      }}
    >
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="xs">
        <TextInput
          label="Search"
          placeholder="key, name, vendor"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          onBlur={() => q.trim() !== (search.get('q') ?? '') && set('q', q.trim())}
        />
        <MultiSelect
          label="Risk band"
          data={[...BANDS]}
          value={search.getAll('band')}
          onChange={(v) => set('band', v)}
          clearable
        />
        <MultiSelect
          label="Framework"
          data={[...FRAMEWORKS]}
          value={search.getAll('framework')}
          onChange={(v) => set('framework', v)}
          clearable
        />
        <MultiSelect
          label="Classification"
          data={[...CLASSIFICATIONS]}
          value={search.getAll('classification')}
          onChange={(v) => set('classification', v)}
          clearable
        />
        <Select
          label="Installed by"
          data={[
            { value: 'user', label: 'A user (not an admin)' },
            { value: 'admin', label: 'Admins only' },
          ]}
          value={search.get('installedBy')}
          onChange={(v) => set('installedBy', v ?? '')}
          clearable
        />
      </SimpleGrid>
    </Paper>
  );
}

/** The inventory: every app of every connection, riskiest first as the API orders it. */
export function AppsList() {
  const [search] = useSearchParams();
  const query = useMemo(() => appsQueryOf(search), [search]);
  const apps = useInfiniteQuery({
    queryKey: [...appsKey, 'list', query],
    queryFn: ({ signal, pageParam }) =>
      api('GET /api/v1/apps', {
        query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows: AppRow[] = apps.data?.pages.flatMap((p) => p.items) ?? [];
  const total = apps.data?.pages[0]?.total ?? 0;
  return (
    <>
      <Filters />
      {apps.isPending ? (
        <Loader aria-label="Loading apps" />
      ) : apps.isError ? (
        <QueryError error={apps.error} />
      ) : rows.length === 0 ? (
        <Text c="dimmed">No app matches (or no scan has finished yet).</Text>
      ) : (
        <>
          <Text fz="sm" mb={4} role="status">
            {rows.length === total ? `${total} apps` : `${rows.length} of ${total} apps shown`}
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover stickyHeader verticalSpacing={4} fz="sm" aria-label="Apps">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>App</Table.Th>
                  <Table.Th>Risk</Table.Th>
                  <Table.Th>Framework</Table.Th>
                  <Table.Th>Vendor</Table.Th>
                  <Table.Th>Vendor trust</Table.Th>
                  <Table.Th>Installed by</Table.Th>
                  <Table.Th>Sites</Table.Th>
                  <Table.Th>Classification</Table.Th>
                  <Table.Th>Failing checks</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={`${a.connectionId}/${a.key}`} data-app-key={a.key}>
                    <Table.Td>
                      <Anchor component={Link} to={appLink(a)} fz="sm">
                        {a.name}
                      </Anchor>
                      <Text fz="xs" c="dimmed">
                        {a.key}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RiskBadge risk={a.risk} />
                    </Table.Td>
                    <Table.Td>{a.framework}</Table.Td>
                    <Table.Td>{a.vendor ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text fz="xs" lineClamp={2}>
                        {vendorTrust(a)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{installers(a)}</Table.Td>
                    <Table.Td>{a.installations.length}</Table.Td>
                    <Table.Td>{a.banned ? 'banned' : a.classification.state}</Table.Td>
                    <Table.Td>{a.failingChecks}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {apps.hasNextPage && (
            <Group justify="center" mt="sm">
              <Button
                variant="default"
                loading={apps.isFetchingNextPage}
                onClick={() => void apps.fetchNextPage()}
              >
                Load more
              </Button>
            </Group>
          )}
        </>
      )}
    </>
  );
}
