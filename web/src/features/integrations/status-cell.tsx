import { Badge, Progress, Stack, Text } from '@mantine/core';
import type { DomainStatus } from './types.ts';

// Status, as in Zscaler's guide: Error with its reason, In progress with how far the scan is,
// Success. A connection whose first scan is queued is In progress too (nothing to show yet).

export function StatusCell({ status }: { status: DomainStatus }) {
  if (status.state === 'error') {
    return (
      <Stack gap={2}>
        <Badge color="red" variant="dot" tt="none">
          Error
        </Badge>
        <Text size="sm">{status.reason ?? 'The connection failed.'}</Text>
      </Stack>
    );
  }
  if (status.state === 'success') {
    return (
      <Badge color="green" variant="dot" tt="none">
        Success
      </Badge>
    );
  }
  const progress = status.progress;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Stack gap={4}>
      <Badge color="blue" variant="dot" tt="none">
        In progress
      </Badge>
      {progress ? (
        <>
          <Progress value={percent} size="sm" aria-label={`Scan progress ${percent}%`} />
          <Text size="xs">
            {progress.phase}: {progress.done} of {progress.total}
          </Text>
        </>
      ) : (
        <Text size="xs">queued</Text>
      )}
    </Stack>
  );
}
