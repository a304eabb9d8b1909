import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { READABLE_TITLE } from './status-badge.tsx';

/** A secret the server answers once (an API token, a webhook's signing secret, an invite link), with a copy button. */
export function SecretOnce({
  title,
  label,
  value,
  note,
  onDone,
}: {
  title: string;
  label: string;
  value: string;
  note: string;
  onDone: () => void;
}) {
  return (
    <Alert styles={READABLE_TITLE} color="green" title={title} role="status">
      <Stack gap="xs">
        <Text size="sm">{note}</Text>
        <Code block aria-label={label} data-testid="secret-once">
          {value}
        </Code>
        <Group gap="xs">
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? 'Copied' : `Copy the ${label}`}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="default" onClick={onDone}>
            Done
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
