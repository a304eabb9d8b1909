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
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import type { Connection } from './types.ts';

// The separate write consent (Zscaler: "additional consent steps are required for the revocation
// and banning of apps"): a site admin's API token kept apart from the read credentials and used
// only for app actions. Clearly apart from Add, and only for people allowed to give it. A Data
// Center instance's write consent is a system administrator's personal access token instead
// (POST /api/v1/connections/{id}/write-consent takes `personalAccessToken`).

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
  const [personalAccessToken, setPersonalAccessToken] = useState('');
  const dataCenter = connection.kind === 'data-center';
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.connections });
  const grant = useMutation({
    mutationFn: () =>
      api('POST /api/v1/connections/{id}/write-consent', {
        params: { id: connection.id },
        body: dataCenter
          ? { personalAccessToken: personalAccessToken.trim() }
          : { adminEmail: adminEmail.trim(), apiToken: apiToken.trim() },
      }),
    onSuccess: () => {
      setApiToken('');
      setPersonalAccessToken('');
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
  /** What every field of the form shares: required, never autofilled, off without the right. */
  const field = (value: string, set: (value: string) => void) => ({
    required: true,
    autoComplete: 'off',
    disabled: disabledReason !== undefined,
    value,
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(e.currentTarget.value),
  });
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
        {dataCenter ? (
          <Text size="sm">
            The connection above only reads. To disable or uninstall apps, Palisade needs a system
            administrator’s personal access token given for that purpose alone; it is used only for Disable
            and Uninstall, when someone with the revocation right acts on an app.
          </Text>
        ) : (
          <Text size="sm">
            The connection above only reads. To disable, uninstall or ban apps, Palisade needs a site admin’s
            API token given for that purpose alone; it is used only when someone with the revocation right
            acts on an app.
          </Text>
        )}
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
              {dataCenter ? (
                <PasswordInput
                  label="Personal access token"
                  description="Of a system administrator"
                  {...field(personalAccessToken, setPersonalAccessToken)}
                />
              ) : (
                <>
                  <TextInput label="Site admin e-mail" type="email" {...field(adminEmail, setAdminEmail)} />
                  <PasswordInput label="Site admin API token" {...field(apiToken, setApiToken)} />
                </>
              )}
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
