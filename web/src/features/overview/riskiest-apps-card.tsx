import { Anchor, Paper, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { severityTone, ToneBadge } from '../../components/tone-badge.tsx';
import { appLink, appsBandLink } from './overview-links.ts';
import type { RiskyApp } from './overview-types.ts';

/** The riskiest installed apps; the name opens the app, the band the apps of that band. */
export function RiskiestAppsCard({ apps }: { apps: readonly RiskyApp[] }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Riskiest apps
      </Title>
      {apps.length === 0 ? (
        <Text c="dimmed">No app inventory yet.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>App</Table.Th>
              <Table.Th>Risk</Table.Th>
              <Table.Th ta="right">Score</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {apps.map((a) => (
              <Table.Tr key={`${a.connectionId}/${a.key}`}>
                <Table.Td>
                  <Anchor component={Link} to={appLink(a.key, a.connectionId)}>
                    {a.name}
                  </Anchor>
                  {a.vendor ? (
                    <Text size="xs" c="dimmed">
                      {a.vendor}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={appsBandLink(a.band)} aria-label={`Apps of ${a.band} risk`}>
                    <ToneBadge tone={severityTone(a.band)}>{a.band}</ToneBadge>
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">{a.score}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
