import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { connectionFindingsLink } from './overview-links.ts';
import type { ConnectionOverview } from './overview-types.ts';
import { PostureChart } from './posture-chart.tsx';

/** Each connection's posture score now, and all of them over time. */
export function PostureCard({ connections }: { connections: readonly ConnectionOverview[] }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Posture score
      </Title>
      <Group align="flex-start" wrap="wrap" gap="xl">
        <Stack gap="xs" miw={180}>
          {connections.map((c) => (
            <div key={c.id}>
              <Text size="sm" c="dimmed">
                {c.name}
              </Text>
              <Text size="2rem" fw={700} lh={1.1} data-testid={`posture-${c.id}`}>
                {c.posture?.score === null || c.posture === null ? (
                  'N/A'
                ) : (
                  <Anchor
                    component={Link}
                    to={connectionFindingsLink(c.id)}
                    inherit
                    aria-label={`Posture score ${c.posture.score} of ${c.name}: its findings`}
                  >
                    {c.posture.score}
                  </Anchor>
                )}
              </Text>
            </div>
          ))}
        </Stack>
        <div style={{ flex: 1, minWidth: 280 }}>
          <PostureChart connections={connections} />
        </div>
      </Group>
    </Paper>
  );
}
