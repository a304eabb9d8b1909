import { Code, Loader, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../../components/query-error.tsx';
import { serverSettingsQuery } from './settings-query.ts';

/** What each role may do: the server's permission table (src/people/roles.ts, docs/permissions.md), read-only. */
export function RolesSection() {
  const settings = useQuery(serverSettingsQuery());
  if (settings.isPending) return <Loader aria-label="Loading roles" />;
  if (settings.isError) return <QueryError error={settings.error} />;
  const { roles, permissions } = settings.data;
  return (
    <Stack>
      <Text size="sm">
        Four roles, fixed by Palisade; a person has one. The <Code>apps:revoke</Code> right is granted per
        person under People, on top of the role: no role includes it.
      </Text>
      <Table striped withTableBorder>
        <Table.Caption>What each role may do</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Permission</Table.Th>
            <Table.Th scope="col">What it allows</Table.Th>
            {roles.map((role) => (
              <Table.Th scope="col" key={role}>
                {role}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {permissions.map((p) => (
            <Table.Tr key={p.permission}>
              <Table.Th scope="row">
                <Code>{p.permission}</Code>
              </Table.Th>
              <Table.Td>{p.description}</Table.Td>
              {roles.map((role) => (
                <Table.Td key={role}>
                  {p.right ? 'granted per person' : p.roles.includes(role) ? 'Yes' : 'No'}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
