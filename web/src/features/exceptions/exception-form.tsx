import { Alert, Button, Group, Paper, Select, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import { dayAfter, endOfDay } from './expiry.ts';
import { tell } from './tell.ts';

interface Choice {
  value: string;
  label: string;
}

/** Accept a rule's failures until a day: connection, rule, justification, owner, expiry. */
export function ExceptionForm({
  connections,
  initialRule,
  initialConnection,
  onDone,
}: {
  connections: readonly Choice[];
  initialRule?: string | undefined;
  initialConnection?: string | undefined;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const [connectionId, setConnectionId] = useState<string | null>(
    initialConnection ?? connections[0]?.value ?? null,
  );
  const [ruleId, setRuleId] = useState<string | null>(initialRule ?? null);
  const [justification, setJustification] = useState('');
  const [owner, setOwner] = useState('');
  const [expires, setExpires] = useState(dayAfter(new Date(), 90));
  // The checks the compliance view knows, failing first: what people except.
  const rules = useQuery({
    queryKey: [...queryKeys.compliance, connectionId],
    queryFn: ({ signal }) =>
      api('GET /api/v1/compliance', { query: connectionId ? { connectionId } : {}, signal }),
    enabled: connectionId !== null,
  });
  const ruleChoices = new Map<string, { label: string; failing: boolean }>();
  for (const f of rules.data?.frameworks ?? []) {
    for (const c of f.controls) {
      for (const k of c.checks)
        ruleChoices.set(k.ruleId, { label: `${k.title} (${k.ruleId})`, failing: k.state === 'fail' });
    }
  }
  if (ruleId && !ruleChoices.has(ruleId)) ruleChoices.set(ruleId, { label: ruleId, failing: false });
  const ruleData = [...ruleChoices.entries()]
    .sort(([, a], [, b]) => Number(b.failing) - Number(a.failing) || a.label.localeCompare(b.label))
    .map(([value, r]) => ({ value, label: r.failing ? `${r.label}: failing` : r.label }));

  const create = useMutation({
    mutationFn: () => {
      const expiresAt = endOfDay(expires);
      if (!connectionId || !ruleId) throw new Error('Choose the connection and the rule.');
      if (!expiresAt) throw new Error('Give the expiry as a date.');
      return api('POST /api/v1/exceptions', {
        body: { connectionId, ruleId, justification, owner, expiresAt },
      });
    },
    onSuccess: (answer) => {
      void client.invalidateQueries({ queryKey: queryKeys.exceptions });
      void client.invalidateQueries({ queryKey: queryKeys.compliance });
      tell(`Exception for ${answer.exception.ruleId} recorded`);
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="new-exception">
      <Title order={2} size="h4" id="new-exception" mb="sm">
        New exception
      </Title>
      {create.error ? (
        <Alert color="red" role="alert" title="Not recorded" mb="sm">
          {create.error.message}
        </Alert>
      ) : null}
      <Group grow align="flex-start" wrap="wrap">
        {connections.length > 1 ? (
          <Select
            label="Connection"
            data={[...connections]}
            value={connectionId}
            onChange={setConnectionId}
            allowDeselect={false}
          />
        ) : null}
        <Select
          label="Rule"
          placeholder="Search the rules"
          data={ruleData}
          value={ruleId}
          onChange={setRuleId}
          searchable
          nothingFoundMessage="No such rule"
          miw={320}
        />
      </Group>
      <Textarea
        label="Justification"
        description="Why the risk is accepted (at least 10 characters)"
        value={justification}
        onChange={(e) => setJustification(e.currentTarget.value)}
        minRows={2}
        autosize
        mt="sm"
      />
      <Group grow align="flex-start" mt="sm">
        <TextInput
          label="Owner"
          description="Who answers for it"
          value={owner}
          onChange={(e) => setOwner(e.currentTarget.value)}
        />
        <TextInput
          label="Expires"
          description="The last day it holds (at most a year ahead)"
          type="date"
          value={expires}
          onChange={(e) => setExpires(e.currentTarget.value)}
        />
      </Group>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending}>
          Record exception
        </Button>
      </Group>
    </Paper>
  );
}
