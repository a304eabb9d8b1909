import { Alert, Group, MultiSelect, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { type ApiResponse, api } from '../../api/client.ts';
import { QueryError } from '../../components/query-error.tsx';
import { ActionError } from './action-result.tsx';
import { notificationEventsQuery, SEVERITY_OPTIONS, type Severity } from './channel-form.tsx';
import { GuardedButton } from './guarded-button.tsx';
import { settingsKeys } from './settings-query.ts';
import { READABLE_TITLE } from './status-badge.tsx';

type Preferences = ApiResponse<'GET /api/v1/notification-preferences'>;

/** What reaches the signed-in person's own e-mail: event types, threshold, digest. */
export function PreferencesSection() {
  const client = useQueryClient();
  const prefs = useQuery({
    queryKey: settingsKeys.preferences,
    queryFn: ({ signal }) => api('GET /api/v1/notification-preferences', { signal }),
  });
  const events = useQuery(notificationEventsQuery());
  const [draft, setDraft] = useState<Preferences | null>(null);
  useEffect(() => {
    if (prefs.data) setDraft(prefs.data);
  }, [prefs.data]);
  const save = useMutation({
    mutationFn: (p: Preferences) =>
      api('PUT /api/v1/notification-preferences', {
        body: { enabled: p.enabled, events: p.events, minSeverity: p.minSeverity, digest: p.digest },
      }),
    onSuccess: (saved) => client.setQueryData(settingsKeys.preferences, saved),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft) save.mutate(draft);
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-labelledby="prefs-title">
        <Stack gap="sm">
          <Title order={3} size="h4" id="prefs-title">
            Your e-mail notifications
          </Title>
          {prefs.isError ? <QueryError error={prefs.error} /> : null}
          {draft ? (
            <>
              <Text size="sm">
                Sent to {draft.email}.{' '}
                {draft.saved ? 'Your own choice.' : 'Nothing saved yet: these are the defaults of your role.'}
              </Text>
              {draft.emailConfigured ? null : (
                <Text size="sm" c="dimmed">
                  This server sends no e-mail (PALISADE_SMTP_URL is not set): your choice applies once it
                  does.
                </Text>
              )}
              <Switch
                label="E-mail me"
                checked={draft.enabled}
                onChange={(e) => setDraft({ ...draft, enabled: e.currentTarget.checked })}
              />
              <MultiSelect
                label="Events I receive"
                data={(events.data?.items ?? []).map((e) => ({
                  value: e.type,
                  label: `${e.type}: ${e.description}`,
                }))}
                value={draft.events}
                onChange={(v) => setDraft({ ...draft, events: v as Preferences['events'] })}
              />
              <Group align="flex-end">
                <Select
                  label="My minimum severity"
                  data={SEVERITY_OPTIONS}
                  value={draft.minSeverity}
                  allowDeselect={false}
                  onChange={(v) => v && setDraft({ ...draft, minSeverity: v as Severity })}
                  w={220}
                />
                <Switch
                  label="Hourly digest"
                  checked={draft.digest}
                  onChange={(e) => setDraft({ ...draft, digest: e.currentTarget.checked })}
                />
              </Group>
              <div>
                <GuardedButton type="submit" reason={undefined} loading={save.isPending}>
                  Save my notifications
                </GuardedButton>
              </div>
              {save.isSuccess ? (
                <Alert styles={READABLE_TITLE} color="green" role="status" title="Saved">
                  Your notification settings are saved.
                </Alert>
              ) : null}
              <ActionError error={save.error} title="Not saved" />
            </>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
