import { Anchor, Checkbox, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ApiResponse } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';
import { SeverityBadge, StatusBadge, useSiteNames } from './finding-badges.tsx';
import type { Sort, SortKey } from './findings-filters.ts';

export type FindingRow = ApiResponse<'GET /api/v1/findings'>['items'][number];

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
}: {
  label: string;
  sortKey: SortKey;
  sort: Sort;
  onSort: (key: SortKey) => void;
}) {
  const active = sort.key === sortKey;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <Table.Th aria-sort={ariaSort}>
      <UnstyledButton onClick={() => onSort(sortKey)} fw={700} fz="sm">
        {label} {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

/** The dense findings table: a checkbox per row for bulk actions, sortable headers, the title opens the detail. */
export function FindingsTable({
  rows,
  sort,
  onSort,
  selected,
  setSelected,
  linkTo,
}: {
  rows: readonly FindingRow[];
  sort: Sort;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  setSelected: (next: Set<string>) => void;
  linkTo: (id: string) => string;
}) {
  const siteName = useSiteNames();
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const some = rows.some((r) => selected.has(r.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const header = (label: string, key: SortKey): ReactNode => (
    <SortHeader label={label} sortKey={key} sort={sort} onSort={onSort} />
  );
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover stickyHeader verticalSpacing={4} fz="sm" aria-label="Findings">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <Checkbox
                aria-label="Select every finding shown"
                checked={all}
                indeterminate={some && !all}
                onChange={(e) =>
                  setSelected(e.currentTarget.checked ? new Set(rows.map((r) => r.id)) : new Set())
                }
              />
            </Table.Th>
            {header('Severity', 'severity')}
            {header('Title', 'title')}
            <Table.Th>Resource</Table.Th>
            {header('Site', 'site')}
            <Table.Th>Product</Table.Th>
            {header('Status', 'status')}
            <Table.Th>Assignee</Table.Th>
            {header('First seen', 'firstSeen')}
            {header('Last seen', 'lastSeen')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((f) => (
            <Table.Tr key={f.id} data-finding-id={f.id} data-severity={f.severity} data-product={f.product}>
              <Table.Td>
                <Checkbox
                  aria-label={`Select ${f.title} (${f.resource.name ?? f.resource.key})`}
                  checked={selected.has(f.id)}
                  onChange={(e) => toggle(f.id, e.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>
                <SeverityBadge severity={f.severity} />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={linkTo(f.id)} fz="sm">
                  {f.title}
                </Anchor>
                <Text fz="xs" c="dimmed" lineClamp={1}>
                  {f.ruleId}
                </Text>
              </Table.Td>
              <Table.Td>{f.resource.name ?? f.resource.key}</Table.Td>
              <Table.Td>{siteName(f.site)}</Table.Td>
              <Table.Td>{f.product}</Table.Td>
              <Table.Td>
                <StatusBadge status={f.status} />
                {f.dismissalReason ? (
                  <Text fz="xs" c="dimmed">
                    {f.dismissalReason.replace('_', ' ')}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{f.assignee?.name ?? '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(f.firstSeen)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(f.lastSeen)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
