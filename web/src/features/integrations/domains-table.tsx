import { Alert, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { formatDateTime } from '../../components/format.ts';
import { ApiKeyCell } from './api-key-cell.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { type ConnectionKind, KIND_INFO, keyFieldOf, productLabel } from './kinds.ts';
import { LastSyncedText } from './last-synced-cell.tsx';
import { StatusCell } from './status-cell.tsx';
import type { Connection, Domain } from './types.ts';
import { useConnectionActions } from './use-connection-actions.ts';

// A kind's row expanded: one row per domain (an Atlassian site, a Bitbucket workspace, a Data
// Center instance) with Zscaler's columns, its products as chips, and per-domain actions. The
// credentials belong to the connection (an organization), so editing the key or reconnecting
// through one domain acts on all of its organization's domains; the dialogs say so.

type Pending =
  | { kind: 'reconnect'; connection: Connection; host: string }
  | { kind: 'delete'; connection: Connection; host: string }
  | { kind: 'edit'; connection: Connection; host: string; apiKey: string };

const TITLES = { reconnect: 'Reconnect', delete: 'Delete', edit: 'Edit the API Key' } as const;

function messageOf(pending: Pending): string {
  const org = pending.connection.orgName;
  const others = pending.connection.domains.length > 1 ? ` and the other domains of ${org}` : '';
  if (pending.kind === 'reconnect') {
    return pending.connection.method === 'oauth'
      ? `Reconnect ${pending.host}${others}? You will give the consent at Atlassian again.`
      : `Reconnect ${pending.host}${others}? Palisade checks the stored credentials again and scans.`;
  }
  if (pending.kind === 'edit') {
    return `Do you want to override the connection? The new API Key replaces the current one of ${pending.host}${others} once Atlassian accepts it; if it does not, the current key stays.`;
  }
  return `Delete ${pending.host}${others}? Palisade deletes the credentials at once and all data of ${org} in the background.`;
}

export function DomainsTable({
  kind = 'atlassian',
  connections,
  manageDisabledReason,
}: {
  kind?: ConnectionKind;
  connections: readonly Connection[];
  manageDisabledReason: string | undefined;
}) {
  const actions = useConnectionActions();
  const [pending, setPending] = useState<Pending | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const busy = actions.reconnect.isPending || actions.replaceKey.isPending || actions.remove.isPending;

  const confirm = async () => {
    if (!pending) return;
    const { connection, host } = pending;
    setFailure(null);
    try {
      if (pending.kind === 'reconnect') {
        await actions.reconnect.mutateAsync(connection.id);
        notifications.show({ color: 'green', message: `${host} reconnected: a new scan has started.` });
      } else if (pending.kind === 'edit') {
        await actions.replaceKey.mutateAsync({
          id: connection.id,
          apiToken: pending.apiKey,
          field: keyFieldOf(connection),
        });
        notifications.show({ color: 'green', message: `The API Key of ${host} was replaced.` });
      } else {
        await actions.remove.mutateAsync(connection.id);
        notifications.show({ color: 'green', message: `${host} was deleted.` });
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const what =
        pending.kind === 'edit'
          ? `The API Key of ${host} was not changed (the current key stays)`
          : `${TITLES[pending.kind]} ${host} failed`;
      setFailure(`${what}: ${reason}`);
    } finally {
      setPending(null);
    }
  };

  const rows = connections.flatMap((connection) =>
    connection.domains.map((domain: Domain) => ({ connection, domain })),
  );
  return (
    <>
      {failure ? (
        <Alert
          color="red"
          role="alert"
          title="Not done"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setFailure(null)}
        >
          {failure}
        </Alert>
      ) : null}
      {rows.length === 0 ? (
        <Text c="dimmed">
          {kind === 'atlassian'
            ? 'No Atlassian domain is connected yet: press Add.'
            : `No ${KIND_INFO[kind].row} ${KIND_INFO[kind].unit[0]} is connected yet: press its Add.`}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Caption>{KIND_INFO[kind].row} domains</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Domain</Table.Th>
                <Table.Th>API Key</Table.Th>
                <Table.Th>First connected</Table.Th>
                <Table.Th>Last Synced</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ connection, domain }) => (
                <Table.Tr key={`${connection.id}/${domain.cloudId}`} data-domain={domain.host}>
                  <Table.Td>
                    <Text span fw={600}>
                      {domain.host}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {connection.orgName} · {connection.method === 'oauth' ? 'OAuth' : 'API token'}
                    </Text>
                    <ProductChips products={domain.products} />
                  </Table.Td>
                  <Table.Td>
                    <ApiKeyCell
                      host={domain.host}
                      last4={connection.apiKey?.last4 ?? null}
                      disabledReason={manageDisabledReason}
                      onSubmit={(apiKey) =>
                        setPending({ kind: 'edit', connection, host: domain.host, apiKey })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text span size="sm">
                      {formatDateTime(connection.firstConnected.at)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      by {connection.firstConnected.by?.name ?? 'an API token or the CLI'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <LastSyncedText lastSync={domain.lastSync} />
                  </Table.Td>
                  <Table.Td data-testid="status">
                    <StatusCell status={domain.status} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {(['reconnect', 'delete'] as const).map((kind) => (
                        <Tooltip key={kind} label={manageDisabledReason} disabled={!manageDisabledReason}>
                          <Button
                            size="xs"
                            variant={kind === 'delete' ? 'light' : 'default'}
                            color={kind === 'delete' ? 'red' : undefined}
                            aria-label={`${TITLES[kind]} ${domain.host}`}
                            disabled={manageDisabledReason !== undefined || busy}
                            onClick={() => setPending({ kind, connection, host: domain.host })}
                          >
                            {TITLES[kind]}
                          </Button>
                        </Tooltip>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmDialog
        opened={pending !== null}
        title={pending ? `${TITLES[pending.kind]} ${pending.host}` : ''}
        message={pending ? messageOf(pending) : ''}
        busy={busy}
        danger={pending?.kind === 'delete'}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      />
    </>
  );
}

/** A domain's products, as chips (Jira, Confluence, Bitbucket, Jira Data Center, ...). */
function ProductChips({ products }: { products: readonly string[] }) {
  if (products.length === 0) return null;
  return (
    <Group gap={4} mt={4} aria-label="Products" role="list">
      {products.map((p) => (
        <Badge key={p} role="listitem" variant="light" color="gray" c="var(--mantine-color-text)" tt="none">
          {productLabel(p)}
        </Badge>
      ))}
    </Group>
  );
}
