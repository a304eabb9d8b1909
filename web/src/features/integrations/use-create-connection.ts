import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ApiBody, api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';

// Add's last step for every kind: POST /api/v1/connections, which verifies the credentials before
// it stores them; on success the list refreshes and the page watches the first scan. A refusal
// (a wrong token, a field the server's validation names) stays on the mutation for the form.

export type CreateBody = ApiBody<'POST /api/v1/connections'>;

export function useCreateConnection(onConnected: (connectionId: string, orgName: string) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBody) => api('POST /api/v1/connections', { body }),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: queryKeys.connections });
      onConnected(created.connection.id, created.connection.orgName);
    },
  });
}
