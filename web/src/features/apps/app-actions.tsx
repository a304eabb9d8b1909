import { Alert, Button, Code, Group, List, Modal, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ApiResponse, api } from '../../api/client.ts';
import { connectionsQuery, queryKeys } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { type AppDetail, siteLabel } from './app-badges.tsx';
import { appsKey } from './app-keys.ts';

// Disable, Uninstall and Ban (POST /api/v1/apps/{key}/actions): first a dry run that shows what
// would be sent, then a confirmation naming the app and the site. Without the apps:revoke right,
// or on a connection without write consent, the buttons are disabled and say why (the server
// would refuse with 403 / 409: a button never fails for a reason known beforehand).

type Action = 'disable' | 'uninstall' | 'ban';
type Outcome = ApiResponse<'POST /api/v1/apps/{key}/actions'>['outcome'];
const VERB: Record<Action, string> = { disable: 'Disable', uninstall: 'Uninstall', ban: 'Ban' };

function Steps({ outcome }: { outcome: Outcome }) {
  return (
    <Stack gap={4}>
      <Text fz="sm" role="status" data-testid="action-summary">
        {outcome.summary}
      </Text>
      <Table
        fz="xs"
        verticalSpacing={2}
        aria-label={outcome.dryRun ? 'What the action would do' : 'What the action did'}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Site</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Request</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {outcome.steps.map((s) => (
            <Table.Tr key={`${s.site.cloudId}-${s.product}-${s.appKey}`}>
              <Table.Td>{new URL(s.site.url).host}</Table.Td>
              <Table.Td>{s.product ?? '—'}</Table.Td>
              <Table.Td>
                {s.result}
                {s.error ? `: ${s.error.message}` : ''}
              </Table.Td>
              <Table.Td>
                {s.request ? <Code>{`${s.request.method} ${s.request.url}`}</Code> : null}
                {s.manual ? (
                  <>
                    <Text fz="xs">{s.manual.reason}</Text>
                    <List type="ordered" size="xs">
                      {s.manual.steps.map((step) => (
                        <List.Item key={step}>{step}</List.Item>
                      ))}
                    </List>
                  </>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function ActionDialog({ app, action, onClose }: { app: AppDetail; action: Action; onClose: () => void }) {
  const client = useQueryClient();
  const sites = [...new Map(app.installations.map((i) => [i.site.cloudId, siteLabel(i.site)])).entries()];
  const [site, setSite] = useState<string | null>(sites[0]?.[0] ?? null);
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<Outcome>();
  const siteName = sites.find(([id]) => id === site)?.[1] ?? 'every site';
  const body = (dryRun: boolean) => ({
    action,
    connectionId: app.connectionId,
    dryRun,
    ...(site ? { sites: [site] } : {}),
    ...(action === 'ban' ? { reason: reason.trim() } : {}),
  });
  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      api('POST /api/v1/apps/{key}/actions', { params: { key: app.key }, body: body(dryRun) }),
    onSuccess: (r) => {
      if (r.outcome.dryRun) setPreview(r.outcome);
      else {
        void client.invalidateQueries({ queryKey: appsKey });
        void client.invalidateQueries({ queryKey: queryKeys.findings });
      }
    },
  });
  const done = run.data && !run.data.outcome.dryRun ? run.data.outcome : undefined;
  const needsReason = action === 'ban' && !reason.trim();
  const verb = VERB[action];
  return (
    <Modal opened onClose={onClose} title={`${verb} ${app.name}`} size="lg">
      <Stack gap="sm">
        <Select
          label="Site"
          data={sites.map(([value, label]) => ({ value, label }))}
          value={site}
          onChange={(v) => {
            setSite(v);
            setPreview(undefined);
            run.reset();
          }}
          allowDeselect={false}
        />
        {action === 'ban' && (
          <Textarea
            label="Reason"
            withAsterisk
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            description="Recorded with the ban; later scans uninstall the app wherever it reappears."
          />
        )}
        {run.isError ? (
          <Alert color="red" role="alert" p="xs">
            {run.error instanceof Error ? run.error.message : String(run.error)}
          </Alert>
        ) : null}
        {done ? (
          <>
            <Steps outcome={done} />
            <Group justify="end">
              <Button onClick={onClose}>Close</Button>
            </Group>
          </>
        ) : (
          <>
            {preview ? (
              <Steps outcome={preview} />
            ) : (
              <Text fz="sm">Preview first: a dry run shows what would be sent and changes nothing.</Text>
            )}
            <Group justify="end" gap="xs">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button
                variant="default"
                disabled={needsReason}
                loading={run.isPending && run.variables === true}
                onClick={() => run.mutate(true)}
              >
                Preview (dry run)
              </Button>
              <Button
                color="red"
                disabled={!preview || needsReason}
                loading={run.isPending && run.variables === false}
                onClick={() => run.mutate(false)}
              >
                {`Confirm: ${verb.toLowerCase()} ${app.name} on ${siteName}`}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

/** Why the actions are disabled for this person and app; undefined when they may act. */
function useWhyNotRevoke(app: AppDetail): string | undefined {
  const me = useMe();
  const connections = useQuery(connectionsQuery());
  const right = me.whyNot('apps:revoke');
  if (right) return right;
  const connection = connections.data?.connections.find((c) => c.id === app.connectionId);
  if (!connections.data) return 'Checking the connection’s write consent…';
  if (!connection?.writeConsent.granted) {
    return `The connection ${app.connectionName} has no write consent: an owner or admin grants it on the Integrations page.`;
  }
  return undefined;
}

export function AppActions({ app }: { app: AppDetail }) {
  const [open, setOpen] = useState<Action>();
  const why = useWhyNotRevoke(app);
  const reasonId = `app-actions-why-${app.key}`;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        {(['disable', 'uninstall', 'ban'] as const).map((action) => (
          <Button
            key={action}
            size="xs"
            color={action === 'disable' ? 'blue' : 'red'}
            variant="filled"
            disabled={why !== undefined || app.installations.length === 0}
            aria-describedby={why ? reasonId : undefined}
            onClick={() => setOpen(action)}
          >
            {VERB[action]}
          </Button>
        ))}
      </Group>
      {why ? (
        <Text fz="sm" c="dimmed" id={reasonId} data-testid="revoke-reason">
          {why}
        </Text>
      ) : null}
      {open ? <ActionDialog app={app} action={open} onClose={() => setOpen(undefined)} /> : null}
    </Stack>
  );
}
