import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import type { KeyField } from './kinds.ts';

// The per-connection changes of the Integrations window. Each sends `confirm` (the server refuses
// without it) and refreshes the list; the scan a change starts reports itself over the live events.

export function useConnectionActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.connections });
  const reconnect = useMutation({
    mutationFn: async (id: string) => {
      const answer = await api('POST /api/v1/connections/{id}/reconnect', {
        params: { id },
        body: { confirm: true },
      });
      // An OAuth connection (202, not in the generated type, which takes the 200 answer) gives
      // its consent at Atlassian again: the browser goes there and comes back to this page.
      if ((answer as { consentUrl?: unknown } | undefined)?.consentUrl !== undefined) {
        await goToAtlassianConsent(id);
        return 'redirected' as const;
      }
      return 'reconnected' as const;
    },
    onSuccess: refresh,
  });
  const replaceKey = useMutation({
    // The key goes in the field of the credential it replaces (keyFieldOf); an API token by default.
    mutationFn: (input: { id: string; apiToken: string; field?: KeyField }) =>
      api('PUT /api/v1/connections/{id}/credentials', {
        params: { id: input.id },
        body: { [input.field ?? 'apiToken']: input.apiToken, confirm: true },
      }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      api('DELETE /api/v1/connections/{id}', { params: { id }, query: { confirm: 'true' } }),
    onSuccess: refresh,
  });
  return { reconnect, replaceKey, remove };
}

/** Atlassian's consent page (the server binds the state to this session), for a new or an existing connection. */
export async function goToAtlassianConsent(connectionId?: string): Promise<void> {
  const { redirectUrl } = await api('POST /api/v1/connections/oauth/authorize', {
    body: connectionId ? { connectionId } : {},
  });
  window.location.assign(redirectUrl);
}
