import { Alert, Anchor, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ConnectButtons, ConnectError } from './connect-form-actions.tsx';
import { DATA_CENTER_PAT_URL } from './links.ts';
import { useCreateConnection } from './use-create-connection.ts';

// Add Jira or Confluence Data Center, step 2: the instance's base URL and a system
// administrator's personal access token (Bearer). Palisade calls only hosts its operator has
// allow-listed (PALISADE_ALLOW_HOSTS), so an instance outside the list is refused with that reason.
// https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html

export function DataCenterForm({
  product,
  onBack,
  onConnected,
}: {
  /** "Jira Data Center" or "Confluence Data Center". */
  product: string;
  onBack: () => void;
  onConnected: (connectionId: string, orgName: string) => void;
}) {
  const [baseUrl, setBaseUrl] = useState('');
  const [token, setToken] = useState('');
  const connect = useCreateConnection(onConnected);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    connect.mutate({ kind: 'data-center', baseUrl: baseUrl.trim(), personalAccessToken: token.trim() });
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">
          Step 2 of 2: the address of your {product} instance and a system administrator’s personal access
          token, then Connect. Palisade checks them with the instance before it stores them; you cannot view
          the token again afterwards.
        </Text>
        <Alert
          color="yellow"
          title="The host must be allow-listed"
          // Mantine's yellow title on the light yellow background is under WCAG AA contrast.
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          Palisade only calls hosts its operator allows: whoever runs Palisade adds the instance’s host to
          PALISADE_ALLOW_HOSTS before it can be connected.
        </Alert>
        <ConnectError error={connect.error} />
        <TextInput
          label="Base URL"
          description="The address people open the instance at, e.g. https://jira.example.com"
          type="url"
          required
          autoComplete="off"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.currentTarget.value)}
          data-autofocus
        />
        <PasswordInput
          label="Personal access token"
          description="Of a system administrator: Profile → Personal Access Tokens → Create token"
          required
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.currentTarget.value)}
        />
        <Anchor href={DATA_CENTER_PAT_URL} target="_blank" rel="noopener noreferrer">
          Create a personal access token
        </Anchor>
        <ConnectButtons onBack={onBack} busy={connect.isPending} />
      </Stack>
    </form>
  );
}
