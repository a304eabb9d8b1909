import { Group, MultiSelect, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type ApiBody, type ApiResponse, api } from '../../api/client.ts';
import { GuardedButton } from './guarded-button.tsx';
import { settingsKeys } from './settings-query.ts';

export type Channel = ApiResponse<'GET /api/v1/notification-channels'>['items'][number];
export type Severity = Channel['minSeverity'];
type EventType = Channel['events'][number];
type Kind = Channel['kind'];

export const SEVERITY_OPTIONS: { value: Severity; label: string }[] = [
  { value: 'critical', label: 'Critical' },
  { value: 'high', label: 'High and above' },
  { value: 'medium', label: 'Medium and above' },
  { value: 'low', label: 'Everything (low and above)' },
];

export const notificationEventsQuery = () => ({
  queryKey: settingsKeys.events,
  queryFn: ({ signal }: { signal: AbortSignal }) => api('GET /api/v1/notification-events', { signal }),
  staleTime: Number.POSITIVE_INFINITY,
});

export type ChannelInput = ApiBody<'POST /api/v1/notification-channels'>;

/**
 * A channel's settings: adding one (kind, target, …) or editing it (the URL stays as it is when
 * left empty: it is a secret the server never shows again).
 */
export function ChannelForm({
  channel,
  reason,
  busy,
  submitLabel,
  onSubmit,
}: {
  channel?: Channel;
  reason: string | undefined;
  busy: boolean;
  submitLabel: string;
  onSubmit: (input: ChannelInput) => void;
}) {
  const events = useQuery(notificationEventsQuery());
  const [kind, setKind] = useState<Kind>(channel?.kind ?? 'webhook');
  const [name, setName] = useState(channel?.name ?? '');
  const [url, setUrl] = useState('');
  const [recipients, setRecipients] = useState((channel?.recipients ?? []).join(', '));
  const [chosen, setChosen] = useState<EventType[]>(channel?.events ?? []);
  const [minSeverity, setMinSeverity] = useState<Severity>(channel?.minSeverity ?? 'high');
  const [digest, setDigest] = useState(channel?.digest ?? true);
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ChannelInput = { kind, name, minSeverity, digest, enabled };
    // None chosen means every event: left out when adding (the server's default), all when editing.
    if (chosen.length > 0) input.events = chosen;
    else if (channel) input.events = (events.data?.items ?? []).map((e) => e.type);
    if (kind === 'email') {
      input.recipients = recipients
        .split(/[\s,;]+/)
        .map((r) => r.trim())
        .filter(Boolean);
    } else if (url.trim() || !channel) {
      input.url = url.trim();
    }
    onSubmit(input);
  };
  const disabled = Boolean(reason);
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Group align="flex-end" wrap="wrap">
          {channel ? null : (
            <Select
              label="Kind"
              data={[
                { value: 'webhook', label: 'Webhook (signed JSON)' },
                { value: 'slack', label: 'Slack' },
                { value: 'email', label: 'E-mail' },
              ]}
              value={kind}
              allowDeselect={false}
              disabled={disabled}
              onChange={(v) => v && setKind(v as Kind)}
              w={200}
            />
          )}
          <TextInput
            label="Channel name"
            required
            withAsterisk={false}
            value={name}
            disabled={disabled}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Select
            label="Minimum severity"
            data={SEVERITY_OPTIONS}
            value={minSeverity}
            allowDeselect={false}
            disabled={disabled}
            onChange={(v) => v && setMinSeverity(v as Severity)}
            w={220}
          />
        </Group>
        {kind === 'email' ? (
          <Textarea
            label="Recipients"
            description="E-mail addresses, separated by commas (up to 50)"
            required
            withAsterisk={false}
            value={recipients}
            disabled={disabled}
            onChange={(e) => setRecipients(e.currentTarget.value)}
          />
        ) : (
          <TextInput
            label={kind === 'slack' ? 'Slack webhook URL' : 'Webhook URL'}
            description={
              channel
                ? `Now ${channel.url?.host ?? ''} …${channel.url?.last4 ?? ''}; leave empty to keep it (it is a secret and never shown)`
                : 'Its host must be allowed by the operator (PALISADE_NOTIFY_ALLOW_HOSTS); hooks.slack.com always is'
            }
            required={!channel}
            withAsterisk={false}
            type="url"
            value={url}
            disabled={disabled}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
        )}
        <MultiSelect
          label="Events"
          description="None chosen: every event"
          data={(events.data?.items ?? []).map((e) => ({
            value: e.type,
            label: `${e.type}: ${e.description}`,
          }))}
          value={chosen}
          disabled={disabled}
          onChange={(v) => setChosen(v as EventType[])}
          clearable
        />
        <Group>
          <Switch
            label="Hourly digest"
            checked={digest}
            disabled={disabled}
            onChange={(e) => setDigest(e.currentTarget.checked)}
          />
          <Switch
            label="Enabled"
            checked={enabled}
            disabled={disabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
        </Group>
        <div>
          <GuardedButton type="submit" reason={reason} loading={busy}>
            {submitLabel}
          </GuardedButton>
        </div>
      </Stack>
    </form>
  );
}
