import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  List,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { type ApiBody, type ApiResponse, api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { QueryError } from '../../components/query-error.tsx';
import { EmailOwnerForm } from './email-owner-form.tsx';
import { SeverityBadge, StatusBadge, useSiteNames } from './finding-badges.tsx';
import { STATUS_LABEL } from './findings-filters.ts';
import { StatusChange, type StatusChangeBody } from './status-change.tsx';

type Finding = ApiResponse<'GET /api/v1/findings/{id}'>['finding'];

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={4} component="section" aria-label={title}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Evidence({ evidence }: { evidence: Finding['evidence'] }) {
  if (!evidence || Object.keys(evidence).length === 0) return <Text c="dimmed">No evidence recorded.</Text>;
  return (
    <Code block style={{ maxHeight: 260, overflow: 'auto' }} tabIndex={0} aria-label="Evidence (JSON)">
      {JSON.stringify(evidence, null, 2)}
    </Code>
  );
}

function Remediation({ remediation }: { remediation: Finding['remediation'] }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Stack gap={4}>
        <Text fw={600} fz="sm">
          In the admin UI
        </Text>
        {remediation.ui.length ? (
          <List type="ordered" size="sm" spacing={2}>
            {remediation.ui.map((step) => (
              <List.Item key={step}>{step}</List.Item>
            ))}
          </List>
        ) : (
          <Text c="dimmed" fz="sm">
            No UI steps.
          </Text>
        )}
      </Stack>
      <Stack gap={4}>
        <Text fw={600} fz="sm">
          Through the API
        </Text>
        {remediation.api.length ? (
          <List type="ordered" size="sm" spacing={2}>
            {remediation.api.map((step) => (
              <List.Item key={step}>
                <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{step}</Code>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text c="dimmed" fz="sm">
            No API steps.
          </Text>
        )}
      </Stack>
    </SimpleGrid>
  );
}

function historyLine(h: Finding['history'][number]): string {
  const who = h.actor?.name ?? `Scan${h.snapshotVersion !== null ? ` v${h.snapshotVersion}` : ''}`;
  if (h.kind === 'comment') return `${who} commented`;
  if (h.kind === 'assignee') return `${who} assigned ${h.to ?? 'nobody'}`;
  return `${who}: ${STATUS_LABEL[h.from ?? ''] ?? h.from ?? 'new'} → ${STATUS_LABEL[h.to ?? ''] ?? h.to}`;
}

function Assignee({
  finding,
  patch,
  busy,
}: {
  finding: Finding;
  patch: (body: ApiBody<'PATCH /api/v1/findings/{id}'>) => void;
  busy: boolean;
}) {
  const me = useMe();
  const canTriage = me.can('findings:triage');
  const users = useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => api('GET /api/v1/users', { signal }),
    enabled: me.can('users:read'),
  });
  if (me.can('users:read') && users.data) {
    return (
      <Select
        label="Assignee"
        placeholder="Nobody"
        clearable
        disabled={!canTriage || busy}
        data={users.data.users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
        value={finding.assignee?.id ?? null}
        onChange={(value) => patch({ assignee: value })}
        maw={280}
      />
    );
  }
  return (
    <Group gap="xs" align="center">
      <Text fz="sm">Assignee: {finding.assignee?.name ?? 'nobody'}</Text>
      {finding.assignee?.id !== me.user.id && (
        <Button
          size="xs"
          variant="default"
          disabled={!canTriage || busy}
          onClick={() => patch({ assignee: me.user.id })}
        >
          Assign to me
        </Button>
      )}
      {finding.assignee && (
        <Button
          size="xs"
          variant="default"
          disabled={!canTriage || busy}
          onClick={() => patch({ assignee: null })}
        >
          Unassign
        </Button>
      )}
    </Group>
  );
}

/** One finding: what, where, evidence, remediation side by side, references, controls, history and the triage controls. */
export function FindingDetail({
  id,
  findingsLink,
}: {
  id: string;
  findingsLink: (search: URLSearchParams) => string;
}) {
  const me = useMe();
  const client = useQueryClient();
  const siteName = useSiteNames();
  const key = [...queryKeys.findings, 'detail', id];
  const detail = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api('GET /api/v1/findings/{id}', { params: { id }, signal }),
  });
  const [comment, setComment] = useState('');
  const onSaved = (finding: Finding) => {
    client.setQueryData(key, { finding });
    void client.invalidateQueries({ queryKey: queryKeys.findings });
    void client.invalidateQueries({ queryKey: queryKeys.exceptions });
  };
  const patch = useMutation({
    mutationFn: (body: ApiBody<'PATCH /api/v1/findings/{id}'>) =>
      api('PATCH /api/v1/findings/{id}', { params: { id }, body }),
    onSuccess: (r) => onSaved(r.finding),
  });
  const addComment = useMutation({
    mutationFn: (text: string) =>
      api('POST /api/v1/findings/{id}/comments', { params: { id }, body: { text } }),
    onSuccess: (r) => {
      setComment('');
      onSaved(r.finding);
    },
  });

  if (detail.isPending) return <Loader aria-label="Loading the finding" />;
  if (detail.isError) return <QueryError error={detail.error} />;
  const f = detail.data.finding;
  const why = me.whyNot('findings:triage');
  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        {f.title}
      </Title>
      <Group gap="xs">
        <SeverityBadge severity={f.severity} />
        <StatusBadge status={f.status} />
        {f.dismissalReason ? (
          <Badge variant="outline" color="gray" c="var(--mantine-color-text)">
            {f.dismissalReason.replace('_', ' ')}
          </Badge>
        ) : null}
        {f.exceptionId ? (
          <Badge variant="outline" color="gray" c="var(--mantine-color-text)">
            exception {f.exceptionId}
          </Badge>
        ) : null}
      </Group>
      <Text>{f.message}</Text>
      <SimpleGrid cols={2} spacing={4} fz="sm">
        <Text fz="sm">
          Resource: {f.resource.name ?? f.resource.key} ({f.resource.type})
        </Text>
        <Text fz="sm">
          Site: {siteName(f.site)} · {f.product} · {f.area}
        </Text>
        <Text fz="sm">
          Rule: <Code>{f.ruleId}</Code>
        </Text>
        <Text fz="sm">
          First seen {formatDateTime(f.firstSeen)} (scan v{f.firstSeenVersion}), last seen{' '}
          {formatDateTime(f.lastSeen)}
        </Text>
      </SimpleGrid>
      {f.description ? <Text fz="sm">{f.description}</Text> : null}
      {f.risk ? (
        <Text fz="sm">
          <strong>Risk:</strong> {f.risk}
        </Text>
      ) : null}

      <Section title="Status">
        <StatusChange
          current={f.status}
          disabledReason={why}
          busy={patch.isPending}
          onChange={(body: StatusChangeBody) => patch.mutate(body)}
        />
        {patch.isError ? (
          <Alert color="red" role="alert" p="xs">
            {errorText(patch.error)}
          </Alert>
        ) : null}
        <Assignee finding={f} patch={(body) => patch.mutate(body)} busy={patch.isPending} />
      </Section>

      <Section title="Evidence">
        <Evidence evidence={f.evidence} />
      </Section>
      <Section title="Remediation">
        <Remediation remediation={f.remediation} />
      </Section>
      <Section title="References">
        {f.references.length ? (
          <List size="sm">
            {f.references.map((r) => (
              <List.Item key={r.url}>
                <Anchor href={r.url} target="_blank" rel="noreferrer">
                  {r.title}
                </Anchor>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text c="dimmed" fz="sm">
            None.
          </Text>
        )}
      </Section>
      <Section title="Compliance controls">
        {f.compliance.length ? (
          <Group gap={6}>
            {f.compliance.map((c) => (
              <Anchor
                key={`${c.framework}:${c.control}`}
                component={Link}
                to={findingsLink(new URLSearchParams({ control: `${c.framework}:${c.control}` }))}
                fz="sm"
              >
                {c.framework} {c.control}
              </Anchor>
            ))}
          </Group>
        ) : (
          <Text c="dimmed" fz="sm">
            Not mapped to a control.
          </Text>
        )}
      </Section>
      <Section title="E-mail the owner">
        <EmailOwnerForm
          defaultTo="the resource's owner"
          send={(body) => api('POST /api/v1/findings/{id}/email-owner', { params: { id: f.id }, body })}
        />
      </Section>
      <Section title="History">
        <Timeline bulletSize={12} lineWidth={2}>
          {f.history.map((h) => (
            <Timeline.Item key={`${h.at}-${h.kind}-${h.to ?? h.text ?? ''}`} title={historyLine(h)}>
              {h.text ? <Text fz="sm">{h.text}</Text> : null}
              <Text fz="xs" c="dimmed">
                {formatDateTime(h.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (comment.trim()) addComment.mutate(comment.trim());
          }}
        >
          <Group align="end" gap="xs">
            <Textarea
              label="Comment"
              autosize
              minRows={1}
              style={{ flex: 1 }}
              value={comment}
              disabled={why !== undefined}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <Button
              type="submit"
              size="xs"
              disabled={why !== undefined || !comment.trim()}
              loading={addComment.isPending}
            >
              Add the comment
            </Button>
          </Group>
          {addComment.isError ? (
            <Alert color="red" role="alert" p="xs">
              {errorText(addComment.error)}
            </Alert>
          ) : null}
        </form>
      </Section>
    </Stack>
  );
}

export type { Finding };
