import { Alert, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { QueryError } from '../../components/query-error.tsx';
import type { ConsentCatalogue } from './types.ts';

// Add, step 1: the consent window of Zscaler's guide — every permission Palisade asks for and the
// data it collects, from the server's catalogue (src/connections/oauth/consent-scopes.ts), the
// same table as docs/oauth-permissions.md and the OAuth consent page.

export const consentQueryKey = ['connections', 'consent'] as const;

export function useConsentCatalogue() {
  return useQuery({
    queryKey: consentQueryKey,
    queryFn: ({ signal }) => api('GET /api/v1/connections/oauth/start', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function ConsentStep({ catalogue }: { catalogue: ReturnType<typeof useConsentCatalogue> }) {
  if (catalogue.isPending) return <Loader aria-label="Loading the permissions" />;
  if (catalogue.isError) return <QueryError error={catalogue.error} />;
  return <ConsentTable data={catalogue.data} />;
}

function ConsentTable({ data }: { data: ConsentCatalogue }) {
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        Permissions and data collected
      </Title>
      <Alert color="blue" title="All privileges are read-only">
        Palisade only reads: it never asks Atlassian for a write or manage permission. This consent lets
        Palisade read the apps and settings of your organization; revoking or banning apps needs a separate
        write consent, given later and only by someone allowed to.
      </Alert>
      <Table.ScrollContainer minWidth={640}>
        <Table striped withTableBorder>
          <Table.Caption>The permissions Palisade uses and the data it collects</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Permission</Table.Th>
              <Table.Th>Product</Table.Th>
              <Table.Th>What it lets Palisade read</Table.Th>
              <Table.Th>Data collected</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.scopes.map((s) => (
              <Table.Tr key={s.scope}>
                <Table.Td>
                  <Text span ff="monospace" size="sm">
                    {s.scope}
                  </Text>
                </Table.Td>
                <Table.Td>{s.product}</Table.Td>
                <Table.Td>{s.permission}</Table.Td>
                <Table.Td>{s.data}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {data.appInventoryNeedsApiToken ? (
        <Text size="sm" c="dimmed">
          The app inventory (the Universal Plugin Manager) is read with a site admin’s API token: with OAuth,
          paste one in the connection’s credentials afterwards.
        </Text>
      ) : null}
    </Stack>
  );
}
