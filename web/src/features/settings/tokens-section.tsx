import { Group, NumberInput, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type ApiResponse, api } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { SimpleTable } from '../../components/simple-table.tsx';
import { ActionError } from './action-result.tsx';
import { ConfirmModal } from './confirm-modal.tsx';
import { GuardedButton } from './guarded-button.tsx';
import { SecretOnce } from './secret-once.tsx';
import { settingsKeys } from './settings-query.ts';
import { StatusBadge } from './status-badge.tsx';

type Token = ApiResponse<'GET /api/v1/tokens'>['tokens'][number];
type Role = Token['role'];
const RANK: readonly Role[] = ['owner', 'admin', 'analyst', 'viewer'];

function stateOf(token: Token, now: Date): { label: string; color: string } {
  if (token.revokedAt) return { label: `Revoked ${formatDateTime(token.revokedAt)}`, color: 'gray' };
  if (new Date(token.expiresAt) <= now) return { label: 'Expired', color: 'gray' };
  return { label: 'Active', color: 'green' };
}

/** The signed-in person's personal API tokens: create (shown once), list, revoke. */
export function TokensSection() {
  const me = useMe();
  const client = useQueryClient();
  const tokens = useQuery({
    queryKey: settingsKeys.tokens,
    queryFn: ({ signal }) => api('GET /api/v1/tokens', { signal }),
  });
  // A token acts with at most its creator's role.
  const roles = RANK.slice(RANK.indexOf(me.user.role));
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(me.user.role);
  const [days, setDays] = useState<number>(90);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: settingsKeys.tokens });
  const create = useMutation({
    mutationFn: () => api('POST /api/v1/tokens', { body: { name, role, expiresInDays: days } }),
    onSuccess: () => {
      setName('');
      void refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE /api/v1/tokens/{id}', { params: { id } }),
    onSuccess: () => {
      setRevoking(null);
      void refresh();
    },
  });
  const reason = me.whyNot('account');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const now = new Date();
  return (
    <Stack>
      <Paper withBorder p="md">
        <form onSubmit={submit} aria-labelledby="token-title">
          <Stack gap="sm">
            <Title order={3} size="h4" id="token-title">
              Create an API token
            </Title>
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label="Token name"
                description="What it is for, e.g. ci"
                required
                withAsterisk={false}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <Select
                label="Acts as"
                data={roles}
                value={role}
                allowDeselect={false}
                onChange={(v) => v && setRole(v as Role)}
                w={140}
              />
              <NumberInput
                label="Expires in days"
                min={1}
                max={365}
                value={days}
                onChange={(v) => setDays(typeof v === 'number' ? v : Number(v) || 1)}
                w={150}
              />
              <GuardedButton type="submit" reason={reason} loading={create.isPending}>
                Create token
              </GuardedButton>
            </Group>
            <ActionError error={create.error} title="The token was not created" />
            {create.data ? (
              <SecretOnce
                title={`Token ${create.data.name} created`}
                label="API token"
                value={create.data.token}
                note="Copy it now: Palisade shows it only this once. Send it as Authorization: Bearer … from scripts."
                onDone={() => create.reset()}
              />
            ) : null}
          </Stack>
        </form>
      </Paper>
      <ActionError error={revoke.error} title="The token was not revoked" />
      <SimpleTable
        query={tokens}
        caption="Your API tokens"
        empty="You have no API tokens."
        rows={(data) => data.tokens}
        rowKey={(t) => t.id}
        columns={[
          { header: 'Name', cell: (t) => t.name },
          { header: 'Acts as', cell: (t) => t.role },
          { header: 'Ends in', cell: (t) => `…${t.last4}` },
          { header: 'Created', cell: (t) => formatDateTime(t.createdAt) },
          { header: 'Expires', cell: (t) => formatDateTime(t.expiresAt) },
          { header: 'Last used', cell: (t) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never') },
          {
            header: 'Status',
            cell: (t) => {
              const s = stateOf(t, now);
              return <StatusBadge color={s.color}>{s.label}</StatusBadge>;
            },
          },
          {
            header: 'Actions',
            cell: (t) =>
              t.revokedAt ? null : (
                <GuardedButton
                  size="xs"
                  variant="default"
                  color="red"
                  reason={reason}
                  aria-label={`Revoke ${t.name}`}
                  onClick={() => setRevoking(t)}
                >
                  Revoke
                </GuardedButton>
              ),
          },
        ]}
      />
      <ConfirmModal
        opened={revoking !== null}
        title={`Revoke ${revoking?.name ?? ''}?`}
        message={`Scripts using the token ending in …${revoking?.last4 ?? ''} are refused from now on. This cannot be undone.`}
        confirmLabel="Confirm"
        busy={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
      />
    </Stack>
  );
}
