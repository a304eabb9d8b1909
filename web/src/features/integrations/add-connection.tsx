import { Alert, Anchor, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import { BitbucketForm } from './bitbucket-form.tsx';
import { type Choice, choiceLabel, kindOfChoice } from './choices.ts';
import { ConnectionChoice } from './connection-choice.tsx';
import { ConsentStep, useConsentCatalogue } from './consent-step.tsx';
import { DataCenterForm } from './data-center-form.tsx';
import { BitbucketConsent, DataCenterConsent } from './kind-consent.tsx';
import type { ConnectionKind } from './kinds.ts';
import { GENERATE_API_KEY_URL } from './links.ts';
import { goToAtlassianConsent } from './use-connection-actions.ts';

// Add (Zscaler's "click Add next to Atlassian"): first what to connect (Atlassian Cloud, chosen
// unless the person came from another kind's row; Bitbucket Cloud; Jira or Confluence Data
// Center), then its consent step, then either the OAuth redirect to Atlassian or the kind's token
// form. Palisade verifies the credentials before it stores anything; the first scan then runs in
// the background and the page shows its progress live.

export { GENERATE_API_KEY_URL };

type Step = 'consent' | 'form';

export function AddConnection({
  opened,
  initialChoice = 'atlassian',
  onClose,
  onConnected,
}: {
  opened: boolean;
  /** What is chosen when the dialog opens (the row whose Add was pressed). */
  initialChoice?: Choice;
  onClose: () => void;
  /** The new connection, and the kind of row it is listed in. */
  onConnected: (connectionId: string, orgName: string, kind: ConnectionKind) => void;
}) {
  const [step, setStep] = useState<Step>('consent');
  const [picked, setPicked] = useState<Choice | null>(null);
  const choice = picked ?? initialChoice;
  const catalogue = useConsentCatalogue();
  const oauth = useMutation({ mutationFn: () => goToAtlassianConsent() });
  const reset = () => {
    setStep('consent');
    setPicked(null);
    oauth.reset();
  };
  const close = () => {
    reset();
    onClose();
  };
  const connected = (id: string, orgName: string) => {
    reset();
    onConnected(id, orgName, kindOfChoice(choice));
  };
  const oauthConfigured = catalogue.data?.oauthConfigured === true;
  const back = () => setStep('consent');
  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Add Atlassian"
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {step === 'consent' ? (
        <Stack>
          <Text size="sm">
            Step 1 of 2: the consent. Choose what to connect, read what Palisade may read, then choose how to
            connect.
          </Text>
          <ConnectionChoice value={choice} onChange={setPicked} />
          {choice === 'atlassian' ? (
            <>
              <ConsentStep catalogue={catalogue} />
              {oauth.error ? (
                <Alert color="red" role="alert" title="Could not open Atlassian’s consent">
                  {oauth.error.message}
                </Alert>
              ) : null}
              {!oauthConfigured && catalogue.isSuccess ? (
                <Text size="sm" c="dimmed">
                  OAuth is not available: the server has no OAuth app configured (PALISADE_OAUTH_CLIENT_ID,
                  PALISADE_OAUTH_CLIENT_SECRET, PALISADE_OAUTH_REDIRECT_URL).
                </Text>
              ) : null}
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button
                  variant="light"
                  disabled={!oauthConfigured}
                  loading={oauth.isPending}
                  onClick={() => oauth.mutate()}
                >
                  I agree: connect with OAuth
                </Button>
                <Button disabled={!catalogue.isSuccess} onClick={() => setStep('form')}>
                  I agree: connect with an API token
                </Button>
              </Group>
            </>
          ) : (
            <>
              {choice === 'bitbucket' ? (
                <BitbucketConsent />
              ) : (
                <DataCenterConsent product={choiceLabel(choice)} />
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button onClick={() => setStep('form')}>I agree: connect {choiceLabel(choice)}</Button>
              </Group>
            </>
          )}
        </Stack>
      ) : choice === 'atlassian' ? (
        <TokenForm onBack={back} onConnected={connected} />
      ) : choice === 'bitbucket' ? (
        <BitbucketForm onBack={back} onConnected={connected} />
      ) : (
        <DataCenterForm product={choiceLabel(choice)} onBack={back} onConnected={connected} />
      )}
    </Modal>
  );
}

function TokenForm({
  onBack,
  onConnected,
}: {
  onBack: () => void;
  onConnected: (connectionId: string, orgName: string) => void;
}) {
  const client = useQueryClient();
  const [adminEmail, setAdminEmail] = useState('');
  const [apiToken, setApiToken] = useState('');
  const [orgApiKey, setOrgApiKey] = useState('');
  const connect = useMutation({
    mutationFn: () =>
      api('POST /api/v1/connections', {
        body: {
          method: 'api-token',
          ...(adminEmail.trim() ? { adminEmail: adminEmail.trim() } : {}),
          ...(apiToken.trim() ? { apiToken: apiToken.trim() } : {}),
          ...(orgApiKey.trim() ? { orgApiKey: orgApiKey.trim() } : {}),
        },
      }),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: queryKeys.connections });
      onConnected(created.connection.id, created.connection.orgName);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    connect.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">
          Step 2 of 2: paste the API token of an Atlassian admin and your organization’s API key, then
          Connect. Palisade checks them with Atlassian before it stores them; you cannot view a key again
          afterwards.
        </Text>
        {connect.error ? (
          <Alert color="red" role="alert" title="Not connected">
            {connect.error.message}
          </Alert>
        ) : null}
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onBack} disabled={connect.isPending}>
            Back
          </Button>
          <Button type="submit" loading={connect.isPending}>
            Connect
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
