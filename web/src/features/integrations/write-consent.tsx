import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import type { Connection } from './types.ts';

// The separate write consent (Zscaler: "additional consent steps are required for the revocation
// and banning of apps"): a site admin's API token kept apart from the read credentials and used
// only for app actions. Clearly apart from Add, and only for people allowed to give it.

export function WriteConsentStep({
  connection,
  disabledReason,
}: {
  connection: Connection;
  disabledReason: string | undefined;
}) {
  const client = useQueryClient();
  const [adminEmail, setAdminEmail] = useState('');
  const [apiToken, setApiToken] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.connections });
  const grant = useMutation({
    mutationFn: () =>
      api('POST /api/v1/connections/{id}/write-consent', {
        params: { id: connection.id },
        body: { adminEmail: adminEmail.trim(), apiToken: apiToken.trim() },
      }),
    onSuccess: () => {
      setApiToken('');
      return refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: () => api('DELETE /api/v1/connections/{id}/write-consent', { params: { id: connection.id } }),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate();
  };
  const error = grant.error ?? revoke.error;
  const granted = connection.writeConsent.granted;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`write-consent-${connection.id}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5" id={`write-consent-${connection.id}`}>
            Separate step: write consent for revocation ({connection.orgName})
          </Title>
          <Badge color={granted ? 'orange' : 'gray'} variant="dot" tt="none">
            {granted ? `Granted (key ••••${connection.writeConsent.last4 ?? ''})` : 'Not granted'}
          </Badge>
        </Group>
        <Text size="sm">
          The connection above only reads. To disable, uninstall or ban apps, Palisade needs a site admin’s
          API token given for that purpose alone; it is used only when someone with the revocation right acts
          on an app.
        </Text>
        {error ? (
          <Alert color="red" role="alert" title="Write consent not changed">
            {error.message}
          </Alert>
        ) : null}
        {disabledReason ? <Text size="sm">{disabledReason}</Text> : null}
        {granted ? (
          <Group>
            <Button
              color="red"
              variant="light"
              disabled={disabledReason !== undefined}
              loading={revoke.isPending}
              onClick={() => revoke.mutate()}
            >
              Revoke the write consent of {connection.orgName}
            </Button>
          </Group>
        ) : (
          <form onSubmit={submit}>
            <Group align="flex-end">
              <TextInput
                label="Site admin e-mail"
                type="email"
                required
                autoComplete="off"
                disabled={disabledReason !== undefined}
                value={adminEmail}
                onChange={(e) => setAdminEmail(e.currentTarget.value)}
              />
              <PasswordInput
                label="Site admin API token"
                required
                autoComplete="off"
                disabled={disabledReason !== undefined}
                value={apiToken}
                onChange={(e) => setApiToken(e.currentTarget.value)}
              />
              <Button
                type="submit"
                variant="default"
                disabled={disabledReason !== undefined}
                loading={grant.isPending}
              >
                Grant write consent for {connection.orgName}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
