import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ApiResponse, api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import { formatDateTime } from '../../components/format.ts';
import { ToneBadge } from '../../components/tone-badge.tsx';
import { ConfirmRevoke } from './confirm-revoke.tsx';
import { tell } from './tell.ts';

type Exception = ApiResponse<'GET /api/v1/exceptions'>['items'][number];

/** The exceptions with their revoke action (disabled, with the reason, for those who may not). */
export function ExceptionsTable({
  items,
  orgName,
  canManage,
  whyNot,
}: {
  items: readonly Exception[];
  orgName: (connectionId: string) => string;
  canManage: boolean;
  whyNot: string | undefined;
}) {
  const client = useQueryClient();
  const [revoking, setRevoking] = useState<Exception | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE /api/v1/exceptions/{id}', { params: { id } }),
    onSuccess: (answer) => {
      void client.invalidateQueries({ queryKey: queryKeys.exceptions });
      void client.invalidateQueries({ queryKey: queryKeys.compliance });
      tell(`Exception for ${answer.exception.ruleId} revoked`);
      setRevoking(null);
    },
    onError: (error) => tell(error.message, { title: 'Not revoked', failed: true }),
  });
  if (items.length === 0) return <Text c="dimmed">No exceptions recorded.</Text>;
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped>
          <Table.Caption>Exceptions (accepted risks)</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Organization</Table.Th>
              <Table.Th>Resources</Table.Th>
              <Table.Th>Justification</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{e.ruleId}</Table.Td>
                <Table.Td>{orgName(e.connectionId)}</Table.Td>
                <Table.Td>{e.resources === null ? 'All' : e.resources.length}</Table.Td>
                <Table.Td maw={320}>{e.justification}</Table.Td>
                <Table.Td>{e.owner}</Table.Td>
                <Table.Td>{formatDateTime(e.expiresAt)}</Table.Td>
                <Table.Td>
                  <ToneBadge tone={e.state === 'active' ? 'good' : 'neutral'}>{e.state}</ToneBadge>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    disabled={!canManage}
                    title={canManage ? undefined : whyNot}
                    aria-label={`Revoke the exception for ${e.ruleId}`}
                    onClick={() => setRevoking(e)}
                  >
                    Revoke
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmRevoke
        what={revoking ? `the exception for ${revoking.ruleId}` : null}
        opened={revoking !== null}
        pending={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
      />
    </>
  );
}
