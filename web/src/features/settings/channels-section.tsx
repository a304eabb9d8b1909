import { Alert, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ApiResponse, api } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { PermissionNote } from '../../components/permission-note.tsx';
import { SimpleTable } from '../../components/simple-table.tsx';
import { ActionError } from './action-result.tsx';
import { type Channel, ChannelForm, type ChannelInput } from './channel-form.tsx';
import { ConfirmModal } from './confirm-modal.tsx';
import { GuardedButton } from './guarded-button.tsx';
import { SecretOnce } from './secret-once.tsx';
import { settingsKeys } from './settings-query.ts';
import { READABLE_TITLE, StatusBadge } from './status-badge.tsx';

type TestResult = ApiResponse<'POST /api/v1/notification-channels/{id}/test'> & { channel: string };

function target(channel: Channel): string {
  if (channel.recipients) return channel.recipients.join(', ');
  return channel.url ? `${channel.url.host} …${channel.url.last4}` : '—';
}

/** Notification channels (e-mail, Slack, signed webhooks): add, edit, send a test, delete. */
export function ChannelsSection() {
  const me = useMe();
  const client = useQueryClient();
  const reason = me.whyNot('notifications:manage');
  const channels = useQuery({
    queryKey: settingsKeys.channels,
    queryFn: ({ signal }) => api('GET /api/v1/notification-channels', { signal }),
    enabled: !reason,
  });
  const refresh = () => client.invalidateQueries({ queryKey: settingsKeys.channels });
  const [formKey, setFormKey] = useState(0);
  const [editing, setEditing] = useState<Channel | null>(null);
  const [deleting, setDeleting] = useState<Channel | null>(null);
  const [tested, setTested] = useState<TestResult | null>(null);
  const create = useMutation({
    mutationFn: (body: ChannelInput) => api('POST /api/v1/notification-channels', { body }),
    onSuccess: () => {
      setFormKey((k) => k + 1);
      void refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: ChannelInput }) => {
      const { kind: _kind, secret: _secret, ...patch } = body;
      return api('PATCH /api/v1/notification-channels/{id}', { params: { id }, body: patch });
    },
    onSuccess: () => {
      setEditing(null);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE /api/v1/notification-channels/{id}', { params: { id } }),
    onSuccess: () => {
      setDeleting(null);
      void refresh();
    },
  });
  const test = useMutation({
    mutationFn: async (channel: Channel) => ({
      ...(await api('POST /api/v1/notification-channels/{id}/test', { params: { id: channel.id } })),
      channel: channel.name,
    }),
    onSuccess: (result) => {
      setTested(result);
      void refresh();
    },
  });
  if (reason) {
    return (
      <Stack>
        <Title order={3} size="h4">
          Notification channels
        </Title>
        <PermissionNote reason={reason} />
        <GuardedButton reason={reason}>Add a channel</GuardedButton>
      </Stack>
    );
  }
  return (
    <Stack>
      <Title order={3} size="h4">
        Notification channels
      </Title>
      {channels.data && !channels.data.emailConfigured ? (
        <Text size="sm" c="dimmed">
          E-mail is not configured on this server (PALISADE_SMTP_URL and PALISADE_MAIL_FROM): e-mail channels
          keep their messages queued.
        </Text>
      ) : null}
      {tested ? (
        <Alert
          styles={READABLE_TITLE}
          color={tested.delivered ? 'green' : 'red'}
          role={tested.delivered ? 'status' : 'alert'}
          title={
            tested.delivered ? `Test delivered to ${tested.channel}` : `Test to ${tested.channel} failed`
          }
          withCloseButton
          closeButtonLabel="Dismiss the test result"
          onClose={() => setTested(null)}
        >
          {tested.delivered ? `Delivered at ${formatDateTime(tested.at)}.` : tested.error}
        </Alert>
      ) : null}
      <ActionError error={test.error} title="The test was not sent" />
      <ActionError error={remove.error} title="The channel was not deleted" />
      <SimpleTable
        query={channels}
        caption="Notification channels"
        empty="No channel yet: add one below."
        rows={(data) => data.items}
        rowKey={(c) => c.id}
        columns={[
          { header: 'Name', cell: (c) => c.name },
          { header: 'Kind', cell: (c) => c.kind },
          { header: 'Target', cell: (c) => target(c) },
          { header: 'Minimum severity', cell: (c) => c.minSeverity },
          {
            header: 'State',
            cell: (c) => (
              <StatusBadge color={c.enabled ? 'green' : 'gray'}>
                {c.enabled ? 'Enabled' : 'Disabled'}
              </StatusBadge>
            ),
          },
          { header: 'Last delivered', cell: (c) => formatDateTime(c.status.lastDeliveredAt) },
          {
            header: 'Last error',
            cell: (c) =>
              c.status.lastError ? (
                <Text size="sm" fw={600}>
                  {c.status.lastError} ({formatDateTime(c.status.lastErrorAt)})
                </Text>
              ) : (
                'None'
              ),
          },
          { header: 'Pending', cell: (c) => c.status.pending },
          {
            header: 'Actions',
            cell: (c) => (
              <Group gap="xs" wrap="nowrap">
                <GuardedButton
                  size="xs"
                  variant="light"
                  reason={undefined}
                  loading={test.isPending && test.variables?.id === c.id}
                  aria-label={`Send a test to ${c.name}`}
                  onClick={() => test.mutate(c)}
                >
                  Send a test
                </GuardedButton>
                <GuardedButton
                  size="xs"
                  variant="default"
                  reason={undefined}
                  aria-label={`Edit ${c.name}`}
                  onClick={() => setEditing(c)}
                >
                  Edit
                </GuardedButton>
                <GuardedButton
                  size="xs"
                  variant="default"
                  color="red"
                  reason={undefined}
                  aria-label={`Delete ${c.name}`}
                  onClick={() => setDeleting(c)}
                >
                  Delete
                </GuardedButton>
              </Group>
            ),
          },
        ]}
      />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={4} size="h5">
            Add a channel
          </Title>
          <ChannelForm
            key={formKey}
            reason={undefined}
            busy={create.isPending}
            submitLabel="Add channel"
            onSubmit={(input) => create.mutate(input)}
          />
          <ActionError error={create.error} title="The channel was not added" />
          {create.data?.secret ? (
            <SecretOnce
              title={`Channel ${create.data.channel.name} added`}
              label="signing secret"
              value={create.data.secret}
              note="The webhook's signing secret (HMAC-SHA256 of timestamp.body, header X-Palisade-Signature): copy it now, it is shown only this once."
              onDone={() => create.reset()}
            />
          ) : null}
        </Stack>
      </Paper>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={`Edit ${editing?.name ?? ''}`}
        size="lg"
      >
        {editing ? (
          <Stack>
            <ChannelForm
              channel={editing}
              reason={undefined}
              busy={update.isPending}
              submitLabel="Save channel"
              onSubmit={(body) => update.mutate({ id: editing.id, body })}
            />
            <ActionError error={update.error} title="The channel was not saved" />
          </Stack>
        ) : null}
      </Modal>
      <ConfirmModal
        opened={deleting !== null}
        title={`Delete ${deleting?.name ?? ''}?`}
        message={`The channel ${deleting?.name ?? ''} and its queued messages are deleted.`}
        confirmLabel="Confirm"
        busy={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
      />
    </Stack>
  );
}
