import { Anchor, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ConnectButtons, ConnectError } from './connect-form-actions.tsx';
import { BITBUCKET_ACCESS_TOKEN_URL, GENERATE_API_KEY_URL } from './links.ts';
import { useCreateConnection } from './use-create-connection.ts';

// Add Bitbucket Cloud, step 2: the workspace slug and either its workspace access token (Bearer)
// or a workspace admin's e-mail and API token (Basic), as the server's BitbucketConnection takes.
// https://support.atlassian.com/bitbucket-cloud/docs/using-workspace-access-tokens/

type Credential = 'access-token' | 'api-token';

export function BitbucketForm({
  onBack,
  onConnected,
}: {
  onBack: () => void;
  onConnected: (connectionId: string, orgName: string) => void;
}) {
  const [workspace, setWorkspace] = useState('');
  const [credential, setCredential] = useState<Credential>('access-token');
  const [accessToken, setAccessToken] = useState('');
  const [adminEmail, setAdminEmail] = useState('');
  const [apiToken, setApiToken] = useState('');
  const connect = useCreateConnection(onConnected);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const slug = workspace.trim();
    connect.mutate(
      credential === 'access-token'
        ? { kind: 'bitbucket', workspace: slug, accessToken: accessToken.trim() }
        : { kind: 'bitbucket', workspace: slug, adminEmail: adminEmail.trim(), apiToken: apiToken.trim() },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">
          Step 2 of 2: name the workspace and paste its access token (or a workspace admin’s API token), then
          Connect. Palisade checks them with Bitbucket before it stores them; you cannot view a token again
          afterwards.
        </Text>
        <ConnectError error={connect.error} />
        <TextInput
          label="Workspace"
          description="The workspace’s slug: acme in bitbucket.org/acme"
          required
          autoComplete="off"
          value={workspace}
          onChange={(e) => setWorkspace(e.currentTarget.value)}
          data-autofocus
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="bitbucket-credential">
            Credential
          </Text>
          <SegmentedControl
            aria-labelledby="bitbucket-credential"
            value={credential}
            onChange={(v) => setCredential(v === 'api-token' ? 'api-token' : 'access-token')}
            data={[
              { value: 'access-token', label: 'Workspace access token' },
              { value: 'api-token', label: 'Admin e-mail and API token' },
            ]}
          />
        </Stack>
        {credential === 'access-token' ? (
          <>
            <PasswordInput
              label="Workspace access token"
              description="Workspace settings → Access tokens (Bitbucket Premium); the permissions listed before"
              required
              autoComplete="off"
              value={accessToken}
              onChange={(e) => setAccessToken(e.currentTarget.value)}
            />
            <Anchor href={BITBUCKET_ACCESS_TOKEN_URL} target="_blank" rel="noopener noreferrer">
              Create a workspace access token
            </Anchor>
          </>
        ) : (
          <>
            <TextInput
              label="Admin e-mail"
              description="The Atlassian account of a workspace admin the API token belongs to"
              type="email"
              required
              autoComplete="off"
              value={adminEmail}
              onChange={(e) => setAdminEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="API token"
              required
              autoComplete="off"
              value={apiToken}
              onChange={(e) => setApiToken(e.currentTarget.value)}
            />
            <Anchor href={GENERATE_API_KEY_URL} target="_blank" rel="noopener noreferrer">
              Generate an API key
            </Anchor>
          </>
        )}
        <ConnectButtons onBack={onBack} busy={connect.isPending} />
      </Stack>
    </form>
  );
}
