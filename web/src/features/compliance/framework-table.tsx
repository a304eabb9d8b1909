import { Anchor, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ApiResponse } from '../../api/client.ts';
import { StateBadge } from './state-badge.tsx';

type Framework = ApiResponse<'GET /api/v1/compliance'>['frameworks'][number];

/** One framework: its coverage, then each control with its checks and their state. */
export function FrameworkTable({ framework }: { framework: Framework }) {
  return (
    <Stack>
      <Group gap="xl">
        <Text>
          <b>{framework.covered}</b> of {framework.total} controls covered ({framework.percent}%)
        </Text>
        <Text>
          <b>{framework.passing}</b> passing
        </Text>
        <Text>
          <b>{framework.failing}</b> failing
        </Text>
      </Group>
      <Progress value={framework.percent} aria-label={`${framework.title} coverage ${framework.percent}%`} />
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" striped>
          <Table.Caption>{framework.title}: controls and their checks</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Control</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Checks</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {framework.controls.map((c) => (
              <Table.Tr key={c.id} data-control={c.id}>
                <Table.Td maw={320}>
                  <Text fw={700} size="sm">
                    {c.id}
                  </Text>
                  <Text size="sm">{c.title}</Text>
                  <Text size="xs" c="dimmed">
                    {c.group}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StateBadge state={c.state} />
                </Table.Td>
                <Table.Td>
                  {c.checks.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      No check speaks to this control.
                    </Text>
                  ) : (
                    <Stack gap={4}>
                      {c.checks.map((k) => (
                        <Group key={k.ruleId} gap="xs" wrap="nowrap">
                          <StateBadge state={k.state} />
                          <Anchor
                            component={Link}
                            to={`/findings?rule=${encodeURIComponent(k.ruleId)}`}
                            size="sm"
                          >
                            {k.title}
                          </Anchor>
                          {k.results.fail > 0 ? (
                            <Text size="xs" c="dimmed">
                              {k.results.fail} failing
                            </Text>
                          ) : null}
                        </Group>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
