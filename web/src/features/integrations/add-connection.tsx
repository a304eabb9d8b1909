import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { BitbucketForm } from './bitbucket-form.tsx';
import { type Choice, choiceLabel, kindOfChoice } from './choices.ts';
import { ConnectionChoice } from './connection-choice.tsx';
import { ConsentStep, useConsentCatalogue } from './consent-step.tsx';
import { DataCenterForm } from './data-center-form.tsx';
import { BitbucketConsent, DataCenterConsent } from './kind-consent.tsx';
import type { ConnectionKind } from './kinds.ts';
import { TokenForm } from './token-form.tsx';
import { goToAtlassianConsent } from './use-connection-actions.ts';

// Add (Zscaler's "click Add next to Atlassian"): first what to connect (Atlassian Cloud, chosen
// unless the person came from another kind's row; Bitbucket Cloud; Jira or Confluence Data
// Center), then its consent step, then either the OAuth redirect to Atlassian or the kind's token
// form. Palisade verifies the credentials before it stores anything; the first scan then runs in
// the background and the page shows its progress live.

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
