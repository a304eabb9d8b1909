import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useMe } from '../../auth/session.ts';

// "E-mail the owner" of a finding's resource or of an app (its installer): an optional address
// (default: the owner the server finds) and note. Both routes need findings:triage.

export interface EmailOwnerBody {
  to?: string;
  note?: string;
}

export function EmailOwnerForm({
  send,
  defaultTo,
}: {
  send: (body: EmailOwnerBody) => Promise<{ to: string; subject: string }>;
  /** Who receives it when no address is given, for the field's label. */
  defaultTo: string;
}) {
  const me = useMe();
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const mail = useMutation({
    mutationFn: () =>
      send({ ...(to.trim() ? { to: to.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (r) =>
      notifications.show({
        color: 'green',
        message: `E-mail sent to ${r.to}: ${r.subject}`,
        closeButtonProps: { 'aria-label': 'Close the notice' },
      }),
  });
  const why = me.whyNot('findings:triage');
  return (
    <Stack gap={4}>
      <Group align="end" gap="xs">
        <TextInput
          size="xs"
          label={`To (default: ${defaultTo})`}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
        <TextInput size="xs" label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Button
          size="xs"
          variant="default"
          disabled={why !== undefined}
          loading={mail.isPending}
          onClick={() => mail.mutate()}
        >
          E-mail the owner
        </Button>
      </Group>
      {why ? (
        <Text fz="xs" c="dimmed">
          {why}
        </Text>
      ) : null}
      {mail.isError ? (
        <Alert color="red" role="alert" p="xs">
          {mail.error instanceof Error ? mail.error.message : String(mail.error)}
        </Alert>
      ) : null}
      {mail.isSuccess ? (
        <Text fz="sm" role="status">
          Sent to {mail.data.to}.
        </Text>
      ) : null}
    </Stack>
  );
}
