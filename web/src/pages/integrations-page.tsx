import { Alert, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { connectionsQuery } from '../api/queries.ts';
import { useMe } from '../auth/session.ts';
import { PageTitle } from '../components/page-title.tsx';
import { QueryError } from '../components/query-error.tsx';
import { AddConnection } from '../features/integrations/add-connection.tsx';
import type { Choice } from '../features/integrations/choices.ts';
import { DomainsTable } from '../features/integrations/domains-table.tsx';
import { KindRow } from '../features/integrations/kind-row.tsx';
import { type ConnectionKind, connectionsOfKind, KIND_INFO, KINDS } from '../features/integrations/kinds.ts';
import { ProcessingNotice } from '../features/integrations/processing-notice.tsx';
import { WriteConsentStep } from '../features/integrations/write-consent.tsx';

// Zscaler's Integrations window with its words: one row per kind of connection ("Atlassian",
// "Bitbucket", "Data Center": number of domains, the worst last sync, Add), each expanded into
// the domains table with Reconnect, Edit and Delete; the Atlassian and Data Center rows also show
// the separate write consent (Bitbucket has no app actions). The OAuth callback comes back here with ?connected=<id> or ?error=<code>.

/** What Add chooses first when pressed on a kind's row. */
const FIRST_CHOICE: Record<ConnectionKind, Choice> = {
  atlassian: 'atlassian',
  bitbucket: 'bitbucket',
  'data-center': 'jira-data-center',
};

export function IntegrationsPage() {
  const me = useMe();
  const connections = useQuery(connectionsQuery());
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState<Choice | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<ConnectionKind>>(
    new Set(params.has('connected') ? (['atlassian'] as const) : []),
  );
  const [watching, setWatching] = useState<string | null>(params.get('connected'));
  const oauthError = params.get('error');
  const manageDisabled = me.whyNot('connections:manage');
  const writeDisabled = me.whyNot('connections:write-consent');

  const list = connections.data?.connections ?? [];
  const clearParams = () => setParams({}, { replace: true });
  const expand = (kind: ConnectionKind, open: boolean) =>
    setExpanded((now) => {
      const next = new Set(now);
      if (open) next.add(kind);
      else next.delete(kind);
      return next;
    });

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
        {connections.isError ? <QueryError error={connections.error} /> : null}
        {KINDS.map((kind) => {
          const ofKind = connectionsOfKind(list, kind);
          const isOpen = expanded.has(kind);
          return (
            <Stack key={kind} gap="sm">
              <KindRow
                kind={kind}
                count={connections.isSuccess ? ofKind.reduce((n, c) => n + c.domains.length, 0) : undefined}
                worst={connections.data?.worstLastSyncByKind[kind] ?? null}
                loading={connections.isPending}
                expanded={isOpen}
                onToggle={() => expand(kind, !isOpen)}
                onAdd={() => setAdding(FIRST_CHOICE[kind])}
                addDisabledReason={manageDisabled}
              />
              {isOpen && connections.isSuccess ? (
                <Stack id={KIND_INFO[kind].regionId}>
                  <DomainsTable kind={kind} connections={ofKind} manageDisabledReason={manageDisabled} />
                  {kind !== 'bitbucket'
                    ? ofKind.map((c) => (
                        <WriteConsentStep key={c.id} connection={c} disabledReason={writeDisabled} />
                      ))
                    : null}
                </Stack>
              ) : null}
            </Stack>
          );
        })}
      </Stack>
      <AddConnection
        opened={adding !== null}
        initialChoice={adding ?? 'atlassian'}
        onClose={() => setAdding(null)}
        onConnected={(id, _orgName, kind) => {
          setAdding(null);
          setWatching(id);
          expand(kind, true);
        }}
      />
    </>
  );
}
