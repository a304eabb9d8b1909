import { Alert, Button, Group, Loader, Paper, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { connectionsQuery } from '../api/queries.ts';
import { useMe } from '../auth/session.ts';
import { PageTitle } from '../components/page-title.tsx';
import { QueryError } from '../components/query-error.tsx';
import { AddConnection } from '../features/integrations/add-connection.tsx';
import { DomainsTable } from '../features/integrations/domains-table.tsx';
import { LastSyncedText } from '../features/integrations/last-synced-cell.tsx';
import { ProcessingNotice } from '../features/integrations/processing-notice.tsx';
import { domainCount } from '../features/integrations/types.ts';
import { WriteConsentStep } from '../features/integrations/write-consent.tsx';

// Zscaler's Integrations window with its words: the "Atlassian" row (number of domains, the worst
// last sync, Add), expanded into the domains table with Reconnect, Edit and Delete, and the
// separate write consent. The OAuth callback comes back here with ?connected=<id> or ?error=<code>.

export function IntegrationsPage() {
  const me = useMe();
  const connections = useQuery(connectionsQuery());
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const [expanded, setExpanded] = useState(params.has('connected'));
  const [watching, setWatching] = useState<string | null>(params.get('connected'));
  const oauthError = params.get('error');
  const manageDisabled = me.whyNot('connections:manage');
  const writeDisabled = me.whyNot('connections:write-consent');

  const list = connections.data?.connections ?? [];
  const domains = list.reduce((n, c) => n + c.domains.length, 0);
  const worst = connections.data?.worstLastSync ?? null;
  const clearParams = () => setParams({}, { replace: true });

  return (
    <>
      <PageTitle>Integrations</PageTitle>
      <Stack>
        {oauthError ? (
          <Alert
            color="red"
            role="alert"
            title="Atlassian was not connected"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={clearParams}
          >
            The OAuth consent did not complete ({oauthError}). Press Add to try again.
          </Alert>
        ) : null}
        <ProcessingNotice
          connection={watching ? list.find((c) => c.id === watching) : undefined}
          onClose={() => {
            setWatching(null);
            clearParams();
          }}
        />
        <Paper withBorder p="md">
          <Group justify="space-between" wrap="wrap">
            <Group gap="lg">
              <UnstyledButton
                aria-expanded={expanded}
                aria-controls="atlassian-domains"
                onClick={() => setExpanded((e) => !e)}
                fw={700}
                fz="lg"
              >
                <span aria-hidden="true">{expanded ? '▾ ' : '▸ '}</span>Atlassian
              </UnstyledButton>
              {connections.isPending ? <Loader size="xs" aria-label="Loading Atlassian domains" /> : null}
              {connections.isSuccess ? (
                <>
                  <Text span data-testid="domain-count">
                    {domainCount(domains)}
                  </Text>
                  <Text span size="sm">
                    Last Synced:{' '}
                    {worst ? (
                      <>
                        <LastSyncedText
                          lastSync={
                            worst.lastSync
                              ? { ...worst.lastSync, ...(worst.reason ? { reason: worst.reason } : {}) }
                              : null
                          }
                        />{' '}
                        ({worst.host})
                      </>
                    ) : (
                      'N/A'
                    )}
                  </Text>
                </>
              ) : null}
            </Group>
            <Tooltip label={manageDisabled} disabled={!manageDisabled}>
              <Button onClick={() => setAdding(true)} disabled={manageDisabled !== undefined}>
                Add
              </Button>
            </Tooltip>
          </Group>
        </Paper>
        {connections.isError ? <QueryError error={connections.error} /> : null}
        {expanded && connections.isSuccess ? (
          <Stack id="atlassian-domains">
            <DomainsTable connections={list} manageDisabledReason={manageDisabled} />
            {list.map((c) => (
              <WriteConsentStep key={c.id} connection={c} disabledReason={writeDisabled} />
            ))}
          </Stack>
        ) : null}
      </Stack>
      <AddConnection
        opened={adding}
        onClose={() => setAdding(false)}
        onConnected={(id) => {
          setAdding(false);
          setWatching(id);
          setExpanded(true);
        }}
      />
    </>
  );
}
