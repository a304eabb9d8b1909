import { ActionIcon, Group, PasswordInput, Text, Tooltip } from '@mantine/core';
import { type FormEvent, useState } from 'react';

// API Key: masked (the server answers only its last 4 characters), with Zscaler's edit control:
// Edit → type the new key → the check mark → a confirmation that it overrides the connection
// (the page owns that dialog and the request).

const MASK = '••••••••';

export function ApiKeyCell({
  host,
  last4,
  disabledReason,
  onSubmit,
}: {
  host: string;
  last4: string | null;
  disabledReason: string | undefined;
  onSubmit: (apiKey: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return;
    onSubmit(value.trim());
    setEditing(false);
    setValue('');
  };
  if (editing) {
    return (
      <form onSubmit={submit}>
        <Group gap={4} wrap="nowrap">
          <PasswordInput
            aria-label={`New API Key for ${host}`}
            placeholder="New API token"
            autoComplete="off"
            size="xs"
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setEditing(false);
            }}
            data-autofocus
            autoFocus
          />
          <ActionIcon
            type="submit"
            variant="filled"
            aria-label={`Save the API Key of ${host}`}
            disabled={!value.trim()}
          >
            ✓
          </ActionIcon>
          <ActionIcon
            variant="default"
            aria-label={`Cancel editing the API Key of ${host}`}
            onClick={() => setEditing(false)}
          >
            ✕
          </ActionIcon>
        </Group>
      </form>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      <Text span ff="monospace" data-testid="api-key">
        {last4 === null ? 'OAuth (no key)' : `${MASK}${last4}`}
      </Text>
      <Tooltip label={disabledReason ?? `Edit the API Key of ${host}`}>
        <ActionIcon
          variant="subtle"
          aria-label={`Edit ${host}`}
          disabled={disabledReason !== undefined}
          onClick={() => setEditing(true)}
        >
          ✎
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
