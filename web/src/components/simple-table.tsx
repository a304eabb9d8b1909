import { Loader, Table, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryError } from './query-error.tsx';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
}

/**
 * Rows from a query as a plain table, with its loading, error and empty states: the first version
 * of every list page (replace it with a dense, filterable table where the page needs one).
 */
export function SimpleTable<Data, Row>({
  query,
  rows,
  columns,
  rowKey,
  caption,
  empty = 'Nothing yet.',
}: {
  query: UseQueryResult<Data>;
  rows: (data: Data) => readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  caption: string;
  empty?: string;
}) {
  if (query.isPending) return <Loader aria-label={`Loading ${caption}`} />;
  if (query.isError) return <QueryError error={query.error} />;
  const list = rows(query.data);
  if (list.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Table striped highlightOnHover stickyHeader>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {columns.map((c) => (
            <Table.Th key={c.header}>{c.header}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.map((row) => (
          <Table.Tr key={rowKey(row)}>
            {columns.map((c) => (
              <Table.Td key={c.header}>{c.cell(row)}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
