import { Button, Group, Loader, Paper, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { type ConnectionKind, countOf, KIND_INFO, type WorstLastSync } from './kinds.ts';
import { LastSyncedText } from './last-synced-cell.tsx';

// One row of the Integrations window per kind (Zscaler's "Atlassian" row): its name, which
// expands into its domains, how many domains it has, the worst last sync among them, and Add.
// The Atlassian row's Add is the plain "Add"; the others say which kind they add.

export function KindRow({
  kind,
  count,
  worst,
  loading,
  expanded,
  onToggle,
  onAdd,
  addDisabledReason,
}: {
  kind: ConnectionKind;
  /** Undefined while the list loads. */
  count: number | undefined;
  worst: WorstLastSync | null;
  loading: boolean;
  expanded: boolean;
  onToggle: () => void;
  onAdd: () => void;
  addDisabledReason: string | undefined;
}) {
  const info = KIND_INFO[kind];
  return (
    <Paper withBorder p="md" data-kind={kind}>
      <Group justify="space-between" wrap="wrap">
        <Group gap="lg">
          <UnstyledButton
            aria-expanded={expanded}
            aria-controls={info.regionId}
            onClick={onToggle}
            fw={700}
            fz="lg"
          >
            <span aria-hidden="true">{expanded ? '▾ ' : '▸ '}</span>
            {info.row}
          </UnstyledButton>
          {loading ? <Loader size="xs" aria-label={`Loading ${info.row} ${info.unit[1]}`} /> : null}
          {count !== undefined ? (
            <>
              <Text span data-testid={kind === 'atlassian' ? 'domain-count' : `${kind}-count`}>
                {countOf(kind, count)}
              </Text>
              <Text span size="sm">
                Last Synced:{' '}
                {worst ? (
                  <>
                    <LastSyncedText
                      lastSync={
                        worst.lastSync
                          ? { ...worst.lastSync, ...(worst.reason ? { reason: worst.reason } : {}) }
                          : null
                      }
                    />{' '}
                    ({worst.host})
                  </>
                ) : (
                  'N/A'
                )}
              </Text>
            </>
          ) : null}
        </Group>
        <Tooltip label={addDisabledReason} disabled={!addDisabledReason}>
          <Button
            variant={kind === 'atlassian' ? 'filled' : 'default'}
            onClick={onAdd}
            disabled={addDisabledReason !== undefined}
            {...(kind === 'atlassian' ? {} : { 'aria-label': `Add ${info.row}` })}
          >
            Add
          </Button>
        </Tooltip>
      </Group>
    </Paper>
  );
}
