import { Alert, Button, Group, Paper, Radio, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DISMISSAL_REASONS, type DismissalReason } from './findings-filters.ts';

// A status change as PATCH /api/v1/findings/{id} and POST /api/v1/findings/bulk take it:
// open → in_progress → resolved, or dismissed with a required reason; an accepted risk also
// records an exception until an expiry (the server allows at most a year ahead).

export interface StatusChangeBody {
  status: 'open' | 'in_progress' | 'resolved' | 'dismissed';
  dismissalReason?: DismissalReason;
  exceptionExpiresAt?: string;
  comment?: string;
}

const DAY = 86_400_000;
const dateInput = (date: Date) => date.toISOString().slice(0, 10);

export function StatusChange({
  current,
  disabledReason,
  busy,
  onChange,
  subject,
}: {
  /** The finding's status; undefined for a bulk change. */
  current?: string;
  disabledReason: string | undefined;
  busy: boolean;
  onChange: (body: StatusChangeBody) => void;
  /** Names what changes in the buttons' accessible names' context, e.g. "3 findings". */
  subject?: string;
}) {
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState<DismissalReason | ''>('');
  const [expires, setExpires] = useState(() => dateInput(new Date(Date.now() + 90 * DAY)));
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string>();
  const disabled = disabledReason !== undefined || busy;
  const set = (status: StatusChangeBody['status']) => onChange({ status });

  const dismiss = () => {
    if (!reason) return setProblem('Choose why the finding is dismissed.');
    const body: StatusChangeBody = { status: 'dismissed', dismissalReason: reason };
    if (reason === 'accepted_risk') {
      const at = new Date(`${expires}T23:59:59.000Z`);
      if (!expires || Number.isNaN(at.getTime())) return setProblem('An accepted risk needs an expiry date.');
      if (at.getTime() <= Date.now()) return setProblem('The expiry must be in the future.');
      body.exceptionExpiresAt = at.toISOString();
    }
    if (comment.trim()) body.comment = comment.trim();
    setProblem(undefined);
    onChange(body);
    setDismissing(false);
  };

  return (
    <Stack gap="xs">
      <Group
        gap="xs"
        aria-label={subject ? `Change the status of ${subject}` : 'Change the status'}
        role="group"
      >
        {current !== 'in_progress' && (
          <Button size="xs" disabled={disabled} onClick={() => set('in_progress')}>
            Mark in progress
          </Button>
        )}
        {current !== 'resolved' && (
          <Button size="xs" variant="default" disabled={disabled} onClick={() => set('resolved')}>
            Resolve
          </Button>
        )}
        {current !== undefined && current !== 'open' && current !== 'regressed' && (
          <Button size="xs" variant="default" disabled={disabled} onClick={() => set('open')}>
            Reopen
          </Button>
        )}
        {current !== 'dismissed' && (
          <Button
            size="xs"
            variant="default"
            disabled={disabled}
            onClick={() => setDismissing((d) => !d)}
            aria-expanded={dismissing}
          >
            Dismiss…
          </Button>
        )}
      </Group>
      {disabledReason ? (
        <Alert color="gray" p="xs">
          {disabledReason}
        </Alert>
      ) : null}
      {dismissing && (
        <Paper
          withBorder
          p="sm"
          component="form"
          aria-label="Dismiss"
          onSubmit={(e) => {
            e.preventDefault();
            dismiss();
          }}
        >
          <Stack gap="xs">
            <Radio.Group
              label="Reason"
              withAsterisk
              value={reason}
              onChange={(v) => setReason(v as DismissalReason)}
            >
              <Stack gap={4} mt={4}>
                {DISMISSAL_REASONS.map((r) => (
                  <Radio key={r.value} value={r.value} label={r.label} />
                ))}
              </Stack>
            </Radio.Group>
            {reason === 'accepted_risk' && (
              <TextInput
                type="date"
                label="Exception expires on"
                withAsterisk
                value={expires}
                onChange={(e) => setExpires(e.currentTarget.value)}
              />
            )}
            <Textarea
              label="Comment"
              autosize
              minRows={1}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            {problem ? (
              <Alert color="red" role="alert" p="xs">
                {problem}
              </Alert>
            ) : null}
            <Group gap="xs">
              <Button size="xs" type="submit" color="red" loading={busy}>
                Dismiss
              </Button>
              <Button size="xs" variant="default" onClick={() => setDismissing(false)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
