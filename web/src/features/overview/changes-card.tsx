import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { NumberLink } from './number-link.tsx';
import { type ChangeKind, changesLink } from './overview-links.ts';
import type { ConnectionOverview, Overview } from './overview-types.ts';

const KINDS: { kind: ChangeKind; label: string }[] = [
  { kind: 'new', label: 'New' },
  { kind: 'regressed', label: 'Regressed' },
  { kind: 'resolved', label: 'Resolved' },
];

/** The evaluation before the latest one: new findings were first seen after it. */
function previousEvaluation(c: ConnectionOverview): string | undefined {
  return c.history.length > 1 ? c.history.at(-2)?.evaluatedAt : undefined;
}

/** What the last scan of each connection changed, summed; each number opens its findings. */
export function ChangesCard({ overview }: { overview: Overview }) {
  const only = overview.connections.length === 1 ? overview.connections[0] : undefined;
  const since = only ? previousEvaluation(only) : undefined;
  const scanned = overview.connections.some((c) => c.changes !== null);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Since the last scan
      </Title>
      {scanned ? (
        <Group grow>
          {KINDS.map(({ kind, label }) => (
            <Stack key={kind} gap={0} align="center">
              <Text size="xl">
                <NumberLink
                  to={changesLink(kind, {
                    ...(only ? { connectionId: only.id } : {}),
                    ...(since ? { since } : {}),
                  })}
                  label={`${overview.totals.changes[kind]} ${label.toLowerCase()} findings since the last scan`}
                >
                  {overview.totals.changes[kind]}
                </NumberLink>
              </Text>
              <Text size="sm" c="dimmed">
                {label}
              </Text>
            </Stack>
          ))}
        </Group>
      ) : (
        <Text c="dimmed">No scan has finished yet.</Text>
      )}
    </Paper>
  );
}
