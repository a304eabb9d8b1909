import { Alert } from '@mantine/core';
import { countOf } from './kinds.ts';
import type { Connection } from './types.ts';
import { isProcessing } from './types.ts';

// After Connect (or the OAuth consent): "still processing" until the first scan ends, then the
// success message — the list refreshes from the live events, so this changes without a reload.

export function ProcessingNotice({
  connection,
  onClose,
}: {
  connection: Connection | undefined;
  onClose: () => void;
}) {
  if (!connection) return null;
  if (isProcessing(connection)) {
    const progress = connection.status.progress;
    return (
      <Alert color="blue" title={`${connection.orgName} is connected`} role="status" data-testid="processing">
        The domain is still processing: Palisade is reading its apps and settings
        {progress ? ` (${progress.phase}: ${progress.done} of ${progress.total})` : ''}. This can take a while
        for a large organization; you receive an e-mail when the domain is ready.
      </Alert>
    );
  }
  if (connection.status.state === 'error') {
    return (
      <Alert
        data-testid="processing"
        color="red"
        title={`${connection.orgName}: the first scan failed`}
        role="alert"
        withCloseButton
        closeButtonLabel="Dismiss"
        onClose={onClose}
      >
        {connection.status.reason ?? 'The scan failed.'}
      </Alert>
    );
  }
  return (
    <Alert
      color="green"
      title="Success"
      role="status"
      // Mantine's green title on the light green background is under WCAG AA contrast.
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
      data-testid="processing"
    >
      {connection.orgName} is ready for review: {countOf(connection.kind, connection.domains.length)} added.
    </Alert>
  );
}
