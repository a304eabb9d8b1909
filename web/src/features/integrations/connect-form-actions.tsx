import { Alert, Button, Group } from '@mantine/core';

// The end of every Add form: the server's refusal (its message names the problem), Back and Connect.

export function ConnectError({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title="Not connected">
      {error.message}
    </Alert>
  );
}

export function ConnectButtons({ onBack, busy }: { onBack: () => void; busy: boolean }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onBack} disabled={busy}>
        Back
      </Button>
      <Button type="submit" loading={busy}>
        Connect
      </Button>
    </Group>
  );
}
