import { Autocomplete, Button, Group, Paper, Select, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { AuditFilters } from './audit-filters.ts';

/** The filters, applied together (Apply) or all cleared (Clear). */
export function AuditFilterForm({
  value,
  actors,
  actions,
  onApply,
}: {
  value: AuditFilters;
  actors: readonly { value: string; label: string }[];
  actions: readonly string[];
  onApply: (filters: AuditFilters) => void;
}) {
  const [draft, setDraft] = useState<AuditFilters>(value);
  const set = (name: keyof AuditFilters) => (v: string | null) =>
    setDraft((d) => ({ ...d, [name]: v ?? '' }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const actorData =
    actors.some((a) => a.value === draft.actor) || !draft.actor
      ? actors
      : [...actors, { value: draft.actor, label: draft.actor }];
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-label="Audit log filters">
      <Group align="flex-end" wrap="wrap">
        <Select
          label="Who"
          data={[...actorData]}
          value={draft.actor ?? null}
          onChange={set('actor')}
          clearable
          searchable
          w={220}
        />
        <Autocomplete
          label="Action"
          data={[...actions]}
          value={draft.action ?? ''}
          onChange={set('action')}
          w={200}
        />
        <TextInput
          label="Subject"
          placeholder="e.g. exception:…"
          value={draft.subject ?? ''}
          onChange={(e) => set('subject')(e.currentTarget.value)}
          w={200}
        />
        <TextInput
          label="From"
          type="date"
          value={draft.from ?? ''}
          onChange={(e) => set('from')(e.currentTarget.value)}
          w={160}
        />
        <TextInput
          label="To"
          type="date"
          value={draft.to ?? ''}
          onChange={(e) => set('to')(e.currentTarget.value)}
          w={160}
        />
        <Button type="submit">Apply</Button>
        <Button
          variant="default"
          onClick={() => {
            setDraft({});
            onApply({});
          }}
        >
          Clear
        </Button>
      </Group>
    </Paper>
  );
}
