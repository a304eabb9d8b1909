import { Anchor, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ApiResponse, api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import { formatDateTime } from '../../components/format.ts';
import { ToneBadge } from '../../components/tone-badge.tsx';
import { ConfirmRevoke } from './confirm-revoke.tsx';
import { tell } from './tell.ts';

type Attestation = ApiResponse<'GET /api/v1/attestations'>['items'][number];

/** Attested settings (what no public API exposes), with their evidence and revoke action. */
export function AttestationsTable({
  items,
  orgName,
  canManage,
  whyNot,
}: {
  items: readonly Attestation[];
  orgName: (connectionId: string) => string;
  canManage: boolean;
  whyNot: string | undefined;
}) {
  const client = useQueryClient();
  const [revoking, setRevoking] = useState<Attestation | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE /api/v1/attestations/{id}', { params: { id } }),
    onSuccess: (answer) => {
      void client.invalidateQueries({ queryKey: queryKeys.attestations });
      void client.invalidateQueries({ queryKey: queryKeys.compliance });
      tell(`Attestation of ${answer.attestation.subject} revoked`);
      setRevoking(null);
    },
    onError: (error) => tell(error.message, { title: 'Not revoked', failed: true }),
  });
  if (items.length === 0) {
    return <Text c="dimmed">No attestations recorded (palisade attest, or POST /api/v1/attestations).</Text>;
  }
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped>
          <Table.Caption>Attestations</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Subject</Table.Th>
              <Table.Th>Organization</Table.Th>
              <Table.Th>Scope</Table.Th>
              <Table.Th>Evidence</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.subject}</Table.Td>
                <Table.Td>{orgName(a.connectionId)}</Table.Td>
                <Table.Td>{a.scope}</Table.Td>
                <Table.Td maw={320}>
                  {a.evidence.note}
                  {a.evidence.url ? (
                    <>
                      {' '}
                      <Anchor href={a.evidence.url} target="_blank" rel="noreferrer">
                        link
                      </Anchor>
                    </>
                  ) : null}
                </Table.Td>
                <Table.Td>{a.author.name}</Table.Td>
                <Table.Td>{formatDateTime(a.expiresAt)}</Table.Td>
                <Table.Td>
                  <ToneBadge tone={a.state === 'active' ? 'good' : 'neutral'}>{a.state}</ToneBadge>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    disabled={!canManage}
                    title={canManage ? undefined : whyNot}
                    aria-label={`Revoke the attestation of ${a.subject}`}
                    onClick={() => setRevoking(a)}
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
        what={revoking ? `the attestation of ${revoking.subject}` : null}
        opened={revoking !== null}
        pending={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
      />
    </>
  );
}
