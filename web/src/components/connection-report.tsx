import { Select, Text } from '@mantine/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { connectionsQuery, reportQuery } from '../api/queries.ts';
import { QueryError } from './query-error.tsx';

// The JSON report of a connection's last snapshot (GET /api/v1/reports?format=json), for pages
// whose data has no list route of its own yet (Apps, Compliance). Its shape is
// docs/report.schema.json; the route answers it as text in the OpenAPI document, so the few fields
// read here are checked where they are used.

/** Picks a connection (the first by default) and loads its report. */
export function useConnectionReport() {
  const connections = useQuery(connectionsQuery());
  const [chosen, setChosen] = useState<string | null>(null);
  const list = connections.data?.connections ?? [];
  const connectionId = chosen ?? list[0]?.id ?? null;
  const report = useQuery({ ...reportQuery(connectionId ?? ''), enabled: connectionId !== null });
  const picker =
    list.length > 1 ? (
      <Select
        label="Connection"
        data={list.map((c) => ({ value: c.id, label: c.orgName }))}
        value={connectionId}
        onChange={setChosen}
        allowDeselect={false}
        w={280}
      />
    ) : null;
  const status = connections.isError ? (
    <QueryError error={connections.error} />
  ) : connections.isSuccess && list.length === 0 ? (
    <Text c="dimmed">No organization is connected yet: add one under Integrations.</Text>
  ) : null;
  return { report: report as UseQueryResult<unknown>, picker, status, connectionId };
}

/** The report's array at `key`, or [] when the report does not have one. */
export function reportList(report: unknown, key: string): Record<string, unknown>[] {
  const value = (report as Record<string, unknown> | null)?.[key];
  return Array.isArray(value)
    ? (value.filter((v) => v && typeof v === 'object') as Record<string, unknown>[])
    : [];
}
