import { Button, Drawer, Group, Loader, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';
import { PageTitle } from '../components/page-title.tsx';
import { QueryError } from '../components/query-error.tsx';
import { BulkActions } from '../features/findings/bulk-actions.tsx';
import { FindingDetail } from '../features/findings/finding-detail.tsx';
import { FindingsFilterBar } from '../features/findings/findings-filter-bar.tsx';
import {
  apiQueryOf,
  filterFromSearch,
  isFiltered,
  type SortKey,
  sortFindings,
  sortFromSearch,
  withFilter,
} from '../features/findings/findings-filters.ts';
import { FindingsTable } from '../features/findings/findings-table.tsx';

// /findings (filters in the search part) and /findings/:id (the same list with the finding's
// detail panel open): a shared link opens both the view and the finding.

const PAGE = 100;

export function FindingsPage() {
  const { id } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const filter = useMemo(() => filterFromSearch(search), [search]);
  const sort = sortFromSearch(search);
  const query = useMemo(() => apiQueryOf(filter), [filter]);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const findings = useInfiniteQuery({
    queryKey: [...queryKeys.findings, 'list', query],
    queryFn: ({ signal, pageParam }) =>
      api('GET /api/v1/findings', {
        query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(
    () => sortFindings(findings.data?.pages.flatMap((p) => p.items) ?? [], sort),
    [findings.data, sort],
  );
  const total = findings.data?.pages[0]?.total ?? 0;

  const setFilter = (name: string, values: string[] | string) => {
    setSelected(new Set());
    setSearch(withFilter(search, name, values));
  };
  const onSort = (key: SortKey) => {
    const next = new URLSearchParams(search);
    next.set('sort', key);
    next.set('dir', sort.key === key && sort.dir === 'asc' ? 'desc' : 'asc');
    setSearch(next);
  };
  const qs = search.toString();
  const linkTo = (findingId: string) => `/findings/${encodeURIComponent(findingId)}${qs ? `?${qs}` : ''}`;
  const findingsLink = (params: URLSearchParams) => `/findings?${params.toString()}`;

  return (
    <>
      <PageTitle>Findings</PageTitle>
      <FindingsFilterBar filter={filter} set={setFilter} clear={() => setSearch(new URLSearchParams())} />
      {findings.isPending ? (
        <Loader aria-label="Loading findings" />
      ) : findings.isError ? (
        <QueryError error={findings.error} />
      ) : (
        <>
          {(selected.size > 0 || isFiltered(filter)) && (
            <BulkActions
              selected={selected}
              clearSelection={() => setSelected(new Set())}
              filter={query}
              total={total}
            />
          )}
          <Text fz="sm" mb={4} role="status" data-testid="findings-count">
            {rows.length === total ? `${total} findings` : `${rows.length} of ${total} findings shown`}
          </Text>
          {rows.length === 0 ? (
            <Text c="dimmed">
              {isFiltered(filter)
                ? 'No finding matches these filters.'
                : 'No findings: connect an organization and let its first scan finish.'}
            </Text>
          ) : (
            <FindingsTable
              rows={rows}
              sort={sort}
              onSort={onSort}
              selected={selected}
              setSelected={setSelected}
              linkTo={linkTo}
            />
          )}
          {findings.hasNextPage && (
            <Group justify="center" mt="sm">
              <Button
                variant="default"
                loading={findings.isFetchingNextPage}
                onClick={() => void findings.fetchNextPage()}
              >
                Load {Math.min(PAGE, total - rows.length)} more
              </Button>
            </Group>
          )}
        </>
      )}
      <Drawer
        opened={id !== undefined}
        onClose={() => navigate(`/findings${qs ? `?${qs}` : ''}`)}
        position="right"
        size="xl"
        title="Finding"
        closeButtonProps={{ 'aria-label': 'Close the finding' }}
      >
        {id !== undefined && <FindingDetail id={id} findingsLink={findingsLink} />}
      </Drawer>
    </>
  );
}
