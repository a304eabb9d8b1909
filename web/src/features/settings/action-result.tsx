import { Alert } from '@mantine/core';
import { ApiError } from '../../api/client.ts';
import { READABLE_TITLE } from './status-badge.tsx';

/** A refused change: the server's message (it names the problem) and its request id. */
export function ActionError({ error, title = 'Not done' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert styles={READABLE_TITLE} color="red" role="alert" title={title}>
      {message}
      {requestId ? ` (request ${requestId})` : ''}
    </Alert>
  );
}
