import { Alert } from '@mantine/core';

/** Said instead of what a person may not see (useMe().whyNot gives the reason). */
export function PermissionNote({ reason }: { reason: string | undefined }) {
  return (
    <Alert color="gray" title="Not available to you">
      {reason}
    </Alert>
  );
}
