import { Alert } from '@mantine/core';
import { ApiError } from '../api/client.ts';

/** A failed load, with the server's message and request id (for the log). */
export function QueryError({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert color="red" title="Could not load" role="alert">
      {message}
      {requestId ? ` (request ${requestId})` : ''}
    </Alert>
  );
}
