import { Anchor, Paper, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.ts';
import { ToneBadge } from '../../components/tone-badge.tsx';
import type { Overview } from './overview-types.ts';

/** The domain whose last sync most needs a look; opens Integrations. */
export function WorstSyncCard({ worst }: { worst: Overview['worstLastSync'] }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Worst last sync
      </Title>
      {worst ? (
        <>
          <Anchor component={Link} to="/integrations" fw={700}>
            {worst.host}
          </Anchor>
          <Text>
            {formatDateTime(worst.lastSync?.at)}{' '}
            {worst.excessive ? <ToneBadge tone="critical">Excessive</ToneBadge> : null}
          </Text>
          {worst.reason ? (
            <Text size="sm" c="dimmed">
              {worst.reason}
            </Text>
          ) : null}
        </>
      ) : (
        <Text c="dimmed">No domain is connected yet.</Text>
      )}
    </Paper>
  );
}
