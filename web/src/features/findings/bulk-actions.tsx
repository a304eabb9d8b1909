import { Alert, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import type { FindingsQuery } from './findings-filters.ts';
import { StatusChange, type StatusChangeBody } from './status-change.tsx';

// Bulk status change: the selected rows (one PATCH each, so each keeps its own history entry and
// exception), or every finding the current filter matches (POST /api/v1/findings/bulk, the
// server applies it to all pages, not only the loaded one).

export function BulkActions({
  selected,
  clearSelection,
  filter,
  total,
}: {
  selected: ReadonlySet<string>;
  clearSelection: () => void;
  filter: FindingsQuery;
  total: number;
}) {
  const me = useMe();
  const client = useQueryClient();
  const [scope, setScope] = useState<'selection' | 'filter'>('selection');
  const target = scope === 'selection' && selected.size > 0 ? 'selection' : 'filter';
  const count = target === 'selection' ? selected.size : total;
  const run = useMutation({
    mutationFn: async (set: StatusChangeBody): Promise<number> => {
      if (target === 'filter') {
        const { limit: _l, cursor: _c, ...rest } = filter;
        return (await api('POST /api/v1/findings/bulk', { body: { filter: rest, set } })).updated;
      }
      let updated = 0;
      for (const id of selected) {
        await api('PATCH /api/v1/findings/{id}', { params: { id }, body: set });
        updated += 1;
      }
      return updated;
    },
    onSuccess: (updated) => {
      notifications.show({
        color: 'green',
        closeButtonProps: { 'aria-label': 'Close the notice' },
        message: `${updated} finding${updated === 1 ? '' : 's'} changed.`,
      });
      clearSelection();
      void client.invalidateQueries({ queryKey: queryKeys.findings });
      void client.invalidateQueries({ queryKey: queryKeys.exceptions });
    },
    onSettled: () => void client.invalidateQueries({ queryKey: queryKeys.findings }),
  });
  const subject = `${count} finding${count === 1 ? '' : 's'}`;
  return (
    <Paper withBorder p="xs" mb="sm" component="section" aria-label="Bulk actions">
      <Stack gap={6}>
        <Text fz="sm" fw={600}>
          Bulk change: {subject} {target === 'filter' ? '(every finding the filter matches)' : '(selected)'}
        </Text>
        <SegmentedControl
          size="xs"
          w="fit-content"
          value={target}
          onChange={(v) => setScope(v as 'selection' | 'filter')}
          data={[
            { value: 'selection', label: `Selected (${selected.size})`, disabled: selected.size === 0 },
            { value: 'filter', label: `All matching the filter (${total})` },
          ]}
          aria-label="Which findings"
        />
        <StatusChange
          subject={subject}
          disabledReason={me.whyNot('findings:triage') ?? (count === 0 ? 'Nothing to change.' : undefined)}
          busy={run.isPending}
          onChange={(body) => run.mutate(body)}
        />
        {run.isError ? (
          <Alert color="red" role="alert" p="xs">
            {run.error instanceof Error ? run.error.message : String(run.error)}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
