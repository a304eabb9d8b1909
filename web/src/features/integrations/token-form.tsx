import { Anchor, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ConnectButtons, ConnectError } from './connect-form-actions.tsx';
import { GENERATE_API_KEY_URL } from './links.ts';
import { useCreateConnection } from './use-create-connection.ts';

// Add Atlassian Cloud with a token, step 2: an admin's e-mail and API token and the organization's
// API key (each optional: the server names what is missing for what it should read).

export function TokenForm({
  onBack,
  onConnected,
}: {
  onBack: () => void;
  onConnected: (connectionId: string, orgName: string) => void;
}) {
  const [adminEmail, setAdminEmail] = useState('');
  const [apiToken, setApiToken] = useState('');
  const [orgApiKey, setOrgApiKey] = useState('');
  const connect = useCreateConnection(onConnected);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    connect.mutate({
      method: 'api-token',
      ...(adminEmail.trim() ? { adminEmail: adminEmail.trim() } : {}),
      ...(apiToken.trim() ? { apiToken: apiToken.trim() } : {}),
      ...(orgApiKey.trim() ? { orgApiKey: orgApiKey.trim() } : {}),
    });
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">
          Step 2 of 2: paste the API token of an Atlassian admin and your organization’s API key, then
          Connect. Palisade checks them with Atlassian before it stores them; you cannot view a key again
          afterwards.
        </Text>
        <ConnectError error={connect.error} />
        <TextInput
          label="Admin e-mail"
          description="The Atlassian account the API token belongs to"
          type="email"
          autoComplete="off"
          value={adminEmail}
          onChange={(e) => setAdminEmail(e.currentTarget.value)}
          data-autofocus
        />
        <PasswordInput
          label="API token"
          autoComplete="off"
          value={apiToken}
          onChange={(e) => setApiToken(e.currentTarget.value)}
        />
        <PasswordInput
          label="Org API key"
          description="From admin.atlassian.com → Settings → API keys; Palisade finds your sites with it"
          autoComplete="off"
          value={orgApiKey}
          onChange={(e) => setOrgApiKey(e.currentTarget.value)}
        />
        <Anchor href={GENERATE_API_KEY_URL} target="_blank" rel="noopener noreferrer">
          Generate an API key
        </Anchor>
        <ConnectButtons onBack={onBack} busy={connect.isPending} />
      </Stack>
    </form>
  );
}
