import { Checkbox, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type ApiResponse, api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { ActionError } from './action-result.tsx';
import { GuardedButton } from './guarded-button.tsx';
import { SecretOnce } from './secret-once.tsx';

type Role = ApiResponse<'GET /api/v1/users'>['users'][number]['role'];

const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: 'viewer', label: 'Viewer' },
  { value: 'analyst', label: 'Analyst' },
  { value: 'admin', label: 'Admin' },
  { value: 'owner', label: 'Owner' },
];

/** The roles an actor may give (only an owner makes owners). */
export function assignableRoles(actorRole: Role) {
  return ROLE_OPTIONS.filter((r) => r.value !== 'owner' || actorRole === 'owner');
}

/** Invite a person: no password, a one-time link (7 days) shown once to pass on. */
export function InviteForm() {
  const me = useMe();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [revoke, setRevoke] = useState(false);
  const invite = useMutation({
    mutationFn: () =>
      api('POST /api/v1/users', {
        body: { name, email, role, rights: revoke ? ['apps:revoke'] : [] },
      }),
    onSuccess: () => {
      setName('');
      setEmail('');
      setRevoke(false);
      void client.invalidateQueries({ queryKey: queryKeys.users });
    },
  });
  const reason = me.whyNot('users:manage');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  const done = invite.data;
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-labelledby="invite-title">
        <Stack gap="sm">
          <Title order={3} size="h4" id="invite-title">
            Invite a person
          </Title>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label="Name"
              required
              withAsterisk={false}
              value={name}
              disabled={Boolean(reason)}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <TextInput
              label="Email"
              type="email"
              required
              withAsterisk={false}
              value={email}
              disabled={Boolean(reason)}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <Select
              label="Role"
              data={assignableRoles(me.user.role)}
              value={role}
              disabled={Boolean(reason)}
              allowDeselect={false}
              onChange={(v) => v && setRole(v as Role)}
              w={160}
            />
          </Group>
          <Checkbox
            label="Grant the apps:revoke right (disable, uninstall and ban apps)"
            checked={revoke}
            disabled={Boolean(reason)}
            onChange={(e) => setRevoke(e.currentTarget.checked)}
          />
          <div>
            <GuardedButton type="submit" reason={reason} loading={invite.isPending}>
              Invite
            </GuardedButton>
          </div>
          <ActionError error={invite.error} title="The invitation was not sent" />
          {done?.inviteUrl ? (
            <SecretOnce
              title={`${done.user.name} is invited`}
              label="invite link"
              value={done.inviteUrl}
              note={`Pass this one-time link to ${done.user.email}: it sets their password and signs them in. It is valid until ${formatDateTime(done.inviteExpiresAt)} and shown only now.`}
              onDone={() => invite.reset()}
            />
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
