import { Paper, Table, Title } from '@mantine/core';
import { severityTone, ToneBadge } from '../../components/tone-badge.tsx';
import { NumberLink } from './number-link.tsx';
import { failingFindingsLink } from './overview-links.ts';
import { SEVERITIES, type SeverityCounts } from './overview-types.ts';

/** Failing checks (distinct rules) and their findings by severity, each opening the filtered list. */
export function FailingCard({ checks, findings }: { checks: SeverityCounts; findings: SeverityCounts }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Failing checks by severity
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Severity</Table.Th>
            <Table.Th ta="right">Checks</Table.Th>
            <Table.Th ta="right">Findings</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SEVERITIES.map((s) => (
            <Table.Tr key={s}>
              <Table.Td>
                <ToneBadge tone={severityTone(s)}>{s}</ToneBadge>
              </Table.Td>
              <Table.Td ta="right">{checks[s]}</Table.Td>
              <Table.Td ta="right">
                <NumberLink to={failingFindingsLink(s)} label={`${findings[s]} ${s} findings to work`}>
                  {findings[s]}
                </NumberLink>
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fw={700}>Total</Table.Td>
            <Table.Td ta="right" fw={700}>
              {checks.total}
            </Table.Td>
            <Table.Td ta="right">
              <NumberLink to={failingFindingsLink(undefined)} label={`${findings.total} findings to work`}>
                {findings.total}
              </NumberLink>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
