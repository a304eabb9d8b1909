import { Alert, Button, Group, Select, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import type { AppDetail } from './app-badges.tsx';
import { appsKey } from './app-keys.ts';

// PUT /api/v1/apps/{key}/classification: approved, risk-accepted until a date, under review, or
// banned (unsanctioned: a classification, not the Ban action, which also uninstalls).

const STATES = [
  { value: 'sanctioned', label: 'Approved (sanctioned)' },
  { value: 'risk-accepted', label: 'Risk accepted until a date' },
  { value: 'unreviewed', label: 'Under review' },
  { value: 'unsanctioned', label: 'Unsanctioned' },
] as const;
type State = (typeof STATES)[number]['value'];

export function ClassificationForm({ app }: { app: AppDetail }) {
  const me = useMe();
  const client = useQueryClient();
  const [state, setState] = useState<State | null>(null);
  const [justification, setJustification] = useState('');
  const [expires, setExpires] = useState('');
  const save = useMutation({
    mutationFn: (s: State) =>
      api('PUT /api/v1/apps/{key}/classification', {
        params: { key: app.key },
        body: {
          connectionId: app.connectionId,
          state: s,
          ...(justification.trim() ? { justification: justification.trim() } : {}),
          ...(s === 'risk-accepted' && expires
            ? { expiresAt: new Date(`${expires}T23:59:59.000Z`).toISOString() }
            : {}),
        },
      }),
    onSuccess: () => {
      setState(null);
      void client.invalidateQueries({ queryKey: appsKey });
    },
  });
  const why = me.whyNot('apps:govern');
  return (
    <form
      aria-label="Classify"
      onSubmit={(e) => {
        e.preventDefault();
        if (state) save.mutate(state);
      }}
    >
      <Group align="end" gap="xs">
        <Select
          size="xs"
          label="Classify as"
          data={[...STATES]}
          value={state}
          onChange={(v) => setState(v as State | null)}
          disabled={why !== undefined}
        />
        <TextInput
          size="xs"
          label="Justification"
          value={justification}
          disabled={why !== undefined}
          onChange={(e) => setJustification(e.currentTarget.value)}
        />
        {state === 'risk-accepted' && (
          <TextInput
            size="xs"
            type="date"
            label="Until"
            withAsterisk
            value={expires}
            onChange={(e) => setExpires(e.currentTarget.value)}
          />
        )}
        <Button
          size="xs"
          type="submit"
          variant="default"
          disabled={why !== undefined || !state}
          loading={save.isPending}
        >
          Save the classification
        </Button>
      </Group>
      {why ? (
        <Alert color="gray" p="xs" mt={4}>
          {why}
        </Alert>
      ) : null}
      {save.isError ? (
        <Alert color="red" role="alert" p="xs" mt={4}>
          {save.error instanceof Error ? save.error.message : String(save.error)}
        </Alert>
      ) : null}
    </form>
  );
}
