import { Anchor, Badge, Code, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { EmailOwnerForm } from '../findings/email-owner-form.tsx';
import { AppActions } from './app-actions.tsx';
import { type AppDetail as App, RiskBadge, siteLabel } from './app-badges.tsx';
import { appsKey } from './app-keys.ts';
import { ClassificationForm } from './classification-form.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4} component="section" aria-label={title} mb="md">
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

const yesNo = (v: boolean | null) => (v === null ? 'unknown' : v ? 'yes' : 'no');

function RiskFactors({ app }: { app: App }) {
  const { computed, factors, override } = app.riskDetail;
  return (
    <>
      <Group gap="xs">
        <RiskBadge risk={app.risk} />
        <Text fz="sm">
          raw {computed.raw} = capability {computed.capability} × exposure {computed.exposure} × trust{' '}
          {computed.trust} × governance {computed.governance}
        </Text>
      </Group>
      {override ? (
        <Text fz="sm">
          Score set to {override.score} by {override.actor} on {formatDateTime(override.at)}:{' '}
          {override.justification}
        </Text>
      ) : null}
      <Table fz="sm" verticalSpacing={4} aria-label="Risk factors">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Factor</Table.Th>
            <Table.Th>Group</Table.Th>
            <Table.Th>Weight</Table.Th>
            <Table.Th>Contribution</Table.Th>
            <Table.Th>Evidence</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {factors.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                {f.summary}
                <Text fz="xs" c="dimmed">
                  {f.id}
                  {f.status !== 'applied' ? ` (${f.status})` : ''}
                </Text>
              </Table.Td>
              <Table.Td>{f.group}</Table.Td>
              <Table.Td>
                {f.weight.kind === 'multiplier' ? `× ${f.weight.value}` : `${f.weight.value} points`}
              </Table.Td>
              <Table.Td>{f.contribution}</Table.Td>
              <Table.Td>
                {f.evidence.map((e) => (
                  <Code key={e} mr={4} style={{ wordBreak: 'break-all' }}>
                    {e}
                  </Code>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

function Scopes({ app }: { app: App }) {
  if (!app.scopesReadable)
    return (
      <Text c="dimmed" fz="sm">
        The scopes could not be read for this app.
      </Text>
    );
  if (app.scopes.length === 0)
    return (
      <Text c="dimmed" fz="sm">
        No scope.
      </Text>
    );
  return (
    <Table fz="sm" verticalSpacing={4} aria-label="Scopes">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Scope</Table.Th>
          <Table.Th>What it can reach</Table.Th>
          <Table.Th>Capability</Table.Th>
          <Table.Th>Personal data</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {app.scopes.map((s) => (
          <Table.Tr key={s.scope}>
            <Table.Td>
              <Code>{s.scope}</Code>
            </Table.Td>
            <Table.Td>{s.reaches}</Table.Td>
            <Table.Td>
              {s.capability} · {s.resource}
            </Table.Td>
            <Table.Td>{s.personalData ? 'yes' : 'no'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Installations({ app }: { app: App }) {
  return (
    <Table fz="sm" verticalSpacing={4} aria-label="Installations">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Site</Table.Th>
          <Table.Th>Product</Table.Th>
          <Table.Th>Version</Table.Th>
          <Table.Th>Enabled</Table.Th>
          <Table.Th>Installer</Table.Th>
          <Table.Th>Installed</Table.Th>
          <Table.Th>Licence</Table.Th>
          <Table.Th>Last activity</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {app.installations.map((i) => (
          <Table.Tr key={`${i.site.cloudId}-${i.product}`}>
            <Table.Td>{siteLabel(i.site)}</Table.Td>
            <Table.Td>{i.product}</Table.Td>
            <Table.Td>{i.version ?? '—'}</Table.Td>
            <Table.Td>
              {yesNo(i.enabled)}
              {i.disabledSince ? ` (disabled since ${formatDateTime(i.disabledSince)})` : ''}
            </Table.Td>
            <Table.Td>
              {i.installer?.name ?? i.installer?.accountId ?? 'unknown'}
              <Text fz="xs" c="dimmed">
                {i.installKind === 'user' ? 'a user, not an admin' : i.installKind}
              </Text>
            </Table.Td>
            <Table.Td>{formatDateTime(i.installedAt)}</Table.Td>
            <Table.Td>
              {i.license.state}
              {i.license.type ? ` (${i.license.type})` : ''}
            </Table.Td>
            <Table.Td>{i.lastActivity ? formatDateTime(i.lastActivity.at) : 'N/A'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Trust({ app }: { app: App }) {
  const m = app.marketplace;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={2}>
      <Text fz="sm">
        Vendor: {app.vendor ?? 'unknown'} · distribution {app.distribution}
      </Text>
      <Text fz="sm">
        Marketplace: {m.status}
        {m.reason ? ` (${m.reason})` : ''}
      </Text>
      <Text fz="sm">
        Cloud Fortified: {yesNo(m.cloudFortified)} · bug bounty: {yesNo(m.bugBounty)} · top vendor:{' '}
        {yesNo(m.topVendor)}
      </Text>
      <Text fz="sm">
        Stores personal data: {yesNo(m.storesPersonalData)} · outside Atlassian:{' '}
        {yesNo(m.storesDataOutsideAtlassian)}
      </Text>
      <Text fz="sm">
        Egress: {app.egress.kind}
        {app.egress.wildcard ? ' (wildcard)' : ''}
        {app.egress.domains.length ? `: ${app.egress.domains.join(', ')}` : ''}
      </Text>
      <Text fz="sm">
        Versions: {app.versions.join(', ') || 'unknown'}
        {m.latestVersion ? ` (latest ${m.latestVersion})` : ''}
      </Text>
    </SimpleGrid>
  );
}

function Classification({ app }: { app: App }) {
  const c = app.classification;
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Badge variant="outline" color="gray" c="var(--mantine-color-text)">
          {c.group.replace('_', ' ')}
        </Badge>
        <Text fz="sm">
          {c.state}
          {c.expiresAt ? ` until ${formatDateTime(c.expiresAt)}` : ''}
        </Text>
      </Group>
      {c.decidedBy ? (
        <Text fz="sm">
          Decided by {c.decidedBy} on {formatDateTime(c.decidedAt)}
          {c.justification ? `: ${c.justification}` : ''}
        </Text>
      ) : null}
      {app.ban ? (
        <Text fz="sm">
          Banned by {app.ban.bannedBy} on {formatDateTime(app.ban.bannedAt)}: {app.ban.reason}
        </Text>
      ) : null}
      <Text fz="xs" c="dimmed">
        First seen {formatDateTime(app.classificationDetail.firstSeenAt)}
      </Text>
    </Stack>
  );
}

/** /apps/:key?connectionId=…: everything the API knows about one app, and the actions on it. */
export function AppDetailView({ appKey, connectionId }: { appKey: string; connectionId: string | null }) {
  const detail = useQuery({
    queryKey: [...appsKey, 'detail', appKey, connectionId],
    queryFn: ({ signal }) =>
      api('GET /api/v1/apps/{key}', {
        params: { key: appKey },
        query: connectionId ? { connectionId } : {},
        signal,
      }),
  });
  if (detail.isPending)
    return (
      <>
        <PageTitle>App</PageTitle>
        <Loader aria-label="Loading the app" />
      </>
    );
  if (detail.isError)
    return (
      <>
        <PageTitle>App</PageTitle>
        <QueryError error={detail.error} />
      </>
    );
  const app = detail.data.app;
  return (
    <>
      <Anchor component={Link} to="/apps" fz="sm">
        ← Apps
      </Anchor>
      <PageTitle actions={<RiskBadge risk={app.risk} />}>{app.name}</PageTitle>
      <Text fz="sm" mb="md">
        <Code>{app.key}</Code> · {app.framework} · {app.connectionName} ·{' '}
        <Anchor component={Link} to={`/findings?app=${encodeURIComponent(app.key)}`}>
          {app.failingChecks} failing checks
        </Anchor>
      </Text>
      <Section title="Actions">
        <AppActions app={app} />
        <EmailOwnerForm
          defaultTo="the installer"
          send={(body) =>
            api('POST /api/v1/apps/{key}/email-owner', {
              params: { key: app.key },
              body: { ...body, connectionId: app.connectionId },
            })
          }
        />
      </Section>
      <Section title="Risk factors">
        <RiskFactors app={app} />
      </Section>
      <Section title="Scopes">
        <Scopes app={app} />
      </Section>
      <Section title="Vendor trust and egress">
        <Trust app={app} />
      </Section>
      <Section title="Installations and licence">
        <Installations app={app} />
      </Section>
      <Section title="Classification">
        <Classification app={app} />
        <ClassificationForm app={app} />
      </Section>
      {app.checks.length > 0 && (
        <Section title="Failing checks">
          <Table fz="sm" verticalSpacing={4} aria-label="Failing checks">
            <Table.Tbody>
              {app.checks.map((c) => (
                <Table.Tr key={`${c.ruleId}-${c.site}-${c.resource}`}>
                  <Table.Td>{c.severity ?? '—'}</Table.Td>
                  <Table.Td>
                    {c.title}
                    <Text fz="xs" c="dimmed">
                      {c.message}
                    </Text>
                  </Table.Td>
                  <Table.Td>{c.status}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      )}
    </>
  );
}
