import { Button, Loader, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { connectionsQuery, queryKeys } from '../api/queries.ts';
import { useMe } from '../auth/session.ts';
import { PageTitle } from '../components/page-title.tsx';
import { QueryError } from '../components/query-error.tsx';
import { AttestationsTable } from '../features/exceptions/attestations-table.tsx';
import { ExceptionForm } from '../features/exceptions/exception-form.tsx';
import { ExceptionsTable } from '../features/exceptions/exceptions-table.tsx';

// Exceptions (accepted risks) and attestations: list, record an exception (?rule=…&connectionId=…
// opens the form for that rule), revoke either.

export function ExceptionsPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const connections = useQuery(connectionsQuery());
  const exceptions = useQuery({
    queryKey: queryKeys.exceptions,
    queryFn: ({ signal }) => api('GET /api/v1/exceptions', { signal }),
  });
  const attestations = useQuery({
    queryKey: queryKeys.attestations,
    queryFn: ({ signal }) => api('GET /api/v1/attestations', { signal }),
  });
  const [adding, setAdding] = useState(params.has('rule'));
  const canManage = me.can('exceptions:manage');
  const whyNot = me.whyNot('exceptions:manage');
  const list = connections.data?.connections ?? [];
  const names = new Map(list.map((c) => [c.id, c.orgName]));
  const orgName = (id: string) => names.get(id) ?? id;
  return (
    <>
      <PageTitle
        actions={
          <Button
            onClick={() => setAdding(true)}
            disabled={!canManage || adding || list.length === 0}
            title={canManage ? undefined : whyNot}
          >
            New exception
          </Button>
        }
      >
        Exceptions
      </PageTitle>
      <Stack>
        {adding && canManage && list.length > 0 ? (
          <ExceptionForm
            connections={list.map((c) => ({ value: c.id, label: c.orgName }))}
            initialRule={params.get('rule') ?? undefined}
            initialConnection={params.get('connectionId') ?? undefined}
            onDone={() => setAdding(false)}
          />
        ) : null}
        {exceptions.isPending ? (
          <Loader aria-label="Loading exceptions" />
        ) : exceptions.isError ? (
          <QueryError error={exceptions.error} />
        ) : (
          <ExceptionsTable
            items={exceptions.data.items}
            orgName={orgName}
            canManage={canManage}
            whyNot={whyNot}
          />
        )}
        <Title order={2} size="h3">
          Attestations
        </Title>
        {attestations.isPending ? (
          <Loader aria-label="Loading attestations" />
        ) : attestations.isError ? (
          <QueryError error={attestations.error} />
        ) : (
          <AttestationsTable
            items={attestations.data.items}
            orgName={orgName}
            canManage={canManage}
            whyNot={whyNot}
          />
        )}
      </Stack>
    </>
  );
}
