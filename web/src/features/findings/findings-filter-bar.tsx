import { Button, Group, MultiSelect, Paper, SimpleGrid, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useSiteOptions } from './finding-badges.tsx';
import {
  AREAS,
  type FindingsFilter,
  isFiltered,
  PRODUCTS,
  SEVERITIES,
  STATUS_LABEL,
  STATUSES,
} from './findings-filters.ts';

type Set = (name: string, values: string[] | string) => void;

/** A text filter applied on Enter or when the field loses focus (not on every key). */
function TextFilter({
  label,
  name,
  value,
  set,
  placeholder,
}: {
  label: string;
  name: string;
  value: string | undefined;
  set: Set;
  placeholder?: string;
}) {
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const apply = () => {
    if (draft.trim() !== (value ?? '')) set(name, draft.trim());
  };
  return (
    <TextInput
      label={label}
      value={draft}
      placeholder={placeholder}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={apply}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply();
      }}
    />
  );
}

function listFilter(value: string[], set: Set, name: string) {
  return {
    value,
    onChange: (values: string[]) => set(name, values),
    clearable: true,
    searchable: true,
  };
}

export function FindingsFilterBar({
  filter,
  set,
  clear,
}: {
  filter: FindingsFilter;
  set: Set;
  clear: () => void;
}) {
  const sites = useSiteOptions();
  const { multi, single } = filter;
  // Rules and controls: several, comma-separated in one field.
  const setList: Set = (name, value) =>
    set(
      name,
      String(value)
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    );
  return (
    <Paper
      withBorder
      p="sm"
      mb="md"
      component="form"
      aria-label="Filter findings"
      onSubmit={(e) => e.preventDefault()}
    >
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="xs">
        <MultiSelect
          label="Severity"
          data={[...SEVERITIES]}
          {...listFilter(multi.severity, set, 'severity')}
        />
        <MultiSelect
          label="Status"
          data={STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] ?? s }))}
          {...listFilter(multi.status, set, 'status')}
        />
        <MultiSelect label="Product" data={[...PRODUCTS]} {...listFilter(multi.product, set, 'product')} />
        <MultiSelect label="Area" data={[...AREAS]} {...listFilter(multi.area, set, 'area')} />
        <MultiSelect label="Site" data={sites} {...listFilter(multi.site, set, 'site')} />
        <TextFilter
          label="Search"
          name="q"
          value={single.q}
          set={set}
          placeholder="title, message, resource"
        />
        <TextFilter
          label="Rule"
          name="rule"
          value={multi.rule.join(',') || undefined}
          set={setList}
          placeholder="e.g. ORG-MFA-01"
        />
        <TextFilter
          label="Framework control"
          name="control"
          value={multi.control.join(',') || undefined}
          set={setList}
          placeholder="cis-v8:4.1"
        />
        <TextFilter label="App" name="app" value={single.app} set={set} placeholder="an app's key" />
        <TextInput
          type="date"
          label="First seen from"
          value={single.firstSeenFrom ?? ''}
          onChange={(e) => set('firstSeenFrom', e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label="First seen to"
          value={single.firstSeenTo ?? ''}
          onChange={(e) => set('firstSeenTo', e.currentTarget.value)}
        />
        <Group align="end">
          <Button variant="default" onClick={clear} disabled={!isFiltered(filter)}>
            Clear filters
          </Button>
        </Group>
      </SimpleGrid>
    </Paper>
  );
}
