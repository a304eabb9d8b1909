import { Select, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ApiBody, type ApiResponse, api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import { type MeHelpers, useMe } from '../../auth/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { PermissionNote } from '../../components/permission-note.tsx';
import { SimpleTable } from '../../components/simple-table.tsx';
import { ActionError } from './action-result.tsx';
import { ConfirmModal } from './confirm-modal.tsx';
import { GuardedButton } from './guarded-button.tsx';
import { assignableRoles, InviteForm } from './invite-form.tsx';
import { StatusBadge } from './status-badge.tsx';

type User = ApiResponse<'GET /api/v1/users'>['users'][number];

/** Why this actor may not change this person (the server's rules, said before trying). */
function whyNotChange(me: MeHelpers, user: User): string | undefined {
  const missing = me.whyNot('users:manage');
  if (missing) return missing;
  if (user.role === 'owner' && me.user.role !== 'owner') return 'Only an owner may change an owner.';
  return undefined;
}

type Right = NonNullable<ApiBody<'PATCH /api/v1/users/{id}'>['rights']>[number];

/** The person's rights with apps:revoke granted or withdrawn (it is the only right there is). */
function grantOrWithdraw(grant: boolean): Right[] {
  return grant ? ['apps:revoke'] : [];
}

function statusOf(user: User): { label: string; color: string } {
  if (user.disabledAt) return { label: 'Deactivated', color: 'gray' };
  if (!user.active) return { label: 'Invited', color: 'yellow' };
  return { label: 'Active', color: 'green' };
}

export function PeopleSection() {
  const me = useMe();
  const client = useQueryClient();
  const users = useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => api('GET /api/v1/users', { signal }),
    enabled: me.can('users:read'),
  });
  const [confirming, setConfirming] = useState<User | null>(null);
  const change = useMutation({
    mutationFn: ({ id, body }: { id: string; body: ApiBody<'PATCH /api/v1/users/{id}'> }) =>
      api('PATCH /api/v1/users/{id}', { params: { id }, body }),
    onSuccess: () => {
      setConfirming(null);
      void client.invalidateQueries({ queryKey: queryKeys.users });
    },
  });
  if (!me.can('users:read')) return <PermissionNote reason={me.whyNot('users:read')} />;
  return (
    <Stack>
      <InviteForm />
      <ActionError error={change.error} title="The change was not saved" />
      <SimpleTable
        query={users}
        caption="People"
        rows={(data) => data.users}
        rowKey={(u) => u.id}
        columns={[
          { header: 'Name', cell: (u) => u.name },
          { header: 'Email', cell: (u) => u.email },
          {
            header: 'Role',
            cell: (u) => {
              const reason =
                whyNotChange(me, u) ?? (u.id === me.user.id ? 'You cannot change your own role.' : undefined);
              const options = assignableRoles(me.user.role);
              return (
                <Select
                  aria-label={`Role of ${u.name}`}
                  data={
                    options.some((o) => o.value === u.role)
                      ? options
                      : [...options, { value: u.role, label: u.role }]
                  }
                  value={u.role}
                  allowDeselect={false}
                  disabled={Boolean(reason)}
                  title={reason}
                  onChange={(role) =>
                    role &&
                    role !== u.role &&
                    change.mutate({ id: u.id, body: { role: role as User['role'] } })
                  }
                  w={130}
                  size="xs"
                />
              );
            },
          },
          {
            header: 'apps:revoke right',
            cell: (u) => {
              const reason = whyNotChange(me, u);
              const has = u.rights.includes('apps:revoke');
              return (
                <Switch
                  aria-label={`apps:revoke right for ${u.name}`}
                  checked={has}
                  disabled={Boolean(reason)}
                  title={reason}
                  onChange={(e) =>
                    change.mutate({
                      id: u.id,
                      body: {
                        rights: grantOrWithdraw(e.currentTarget.checked),
                      },
                    })
                  }
                  label={has ? 'Granted' : 'Not granted'}
                />
              );
            },
          },
          {
            header: 'Status',
            cell: (u) => {
              const s = statusOf(u);
              return <StatusBadge color={s.color}>{s.label}</StatusBadge>;
            },
          },
          { header: 'Added', cell: (u) => formatDateTime(u.createdAt) },
          {
            header: 'Actions',
            cell: (u) => {
              const reason =
                whyNotChange(me, u) ??
                (u.id === me.user.id ? 'You cannot deactivate your own account.' : undefined);
              return u.disabledAt ? (
                <GuardedButton
                  size="xs"
                  variant="default"
                  reason={reason}
                  aria-label={`Reactivate ${u.name}`}
                  onClick={() => change.mutate({ id: u.id, body: { disabled: false } })}
                >
                  Reactivate
                </GuardedButton>
              ) : (
                <GuardedButton
                  size="xs"
                  variant="default"
                  color="red"
                  reason={reason}
                  aria-label={`Deactivate ${u.name}`}
                  onClick={() => setConfirming(u)}
                >
                  Deactivate
                </GuardedButton>
              );
            },
          },
        ]}
      />
      <Text size="sm" c="dimmed">
        No role includes the apps:revoke right: only the people granted it here may disable, uninstall or ban
        apps.
      </Text>
      <ConfirmModal
        opened={confirming !== null}
        title={`Deactivate ${confirming?.name ?? ''}?`}
        message={`${confirming?.name ?? ''} (${confirming?.email ?? ''}) can no longer sign in, and their sessions and API tokens stop working at once. You can reactivate them later.`}
        confirmLabel="Confirm"
        busy={change.isPending}
        onClose={() => setConfirming(null)}
        onConfirm={() => confirming && change.mutate({ id: confirming.id, body: { disabled: true } })}
      />
    </Stack>
  );
}
