import { Code, List, Loader, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../components/query-error.tsx';
import { serverSettingsQuery } from './settings-query.ts';
import { StatusBadge } from './status-badge.tsx';

/** The OAuth 2.0 (3LO) app: read-only, it comes from the server's environment. */
export function OAuthSection() {
  const settings = useQuery(serverSettingsQuery());
  if (settings.isPending) return <Loader aria-label="Loading the OAuth app settings" />;
  if (settings.isError) return <QueryError error={settings.error} />;
  const { oauth } = settings.data;
  return (
    <Stack>
      <Text size="sm">
        OAuth app:{' '}
        <StatusBadge color={oauth.configured ? 'green' : 'gray'}>
          {oauth.configured ? 'Configured' : 'Not configured'}
        </StatusBadge>{' '}
        {oauth.configured
          ? 'Integrations → Add offers the OAuth 2.0 consent flow.'
          : 'Integrations → Add offers the API-token method only.'}
      </Text>
      <Table withTableBorder>
        <Table.Caption>OAuth app settings (read-only)</Table.Caption>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">Client ID</Table.Th>
            <Table.Td>{oauth.clientId ? <Code>{oauth.clientId}</Code> : 'Not set'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Redirect URL</Table.Th>
            <Table.Td>{oauth.redirectUrl ? <Code>{oauth.redirectUrl}</Code> : 'Not set'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Client secret</Table.Th>
            <Table.Td>{oauth.configured ? 'Set (never shown)' : 'Not set'}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="sm">
        These come from the server's environment and change only there (then restart the server). All three
        variables, or none:
      </Text>
      <List size="sm">
        {oauth.variables.map((v) => (
          <List.Item key={v}>
            <Code>{v}</Code>
          </List.Item>
        ))}
      </List>
      <Text size="sm" c="dimmed">
        Register the redirect URL as the callback of your app in Atlassian's developer console.
      </Text>
    </Stack>
  );
}
