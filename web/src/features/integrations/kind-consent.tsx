import { Alert, Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { BITBUCKET_ROWS, type ConsentRow } from './bitbucket-permissions.ts';
import { BITBUCKET_ACCESS_TOKEN_URL } from './links.ts';

// Add, step 1 for the kinds that connect with a token alone: what Palisade reads with it and the
// data it keeps, as the Atlassian consent does with its OAuth scopes. Bitbucket's rows are the
// permissions its endpoints declare (src/atlassian/catalogue/bitbucket.ts, the names a workspace
// access token's permissions carry); a Data Center token cannot be scoped, so its rows are what
// Palisade reads with it.

const DATA_CENTER_ROWS: readonly ConsentRow[] = [
  {
    permission: 'Product REST API (GET)',
    reads: 'Version, global permissions, administrators, security settings',
    data: 'Version, who holds which global permission, the admin and system-admin counts, WebSudo, CAPTCHA, password policy, public sign-up and anonymous access.',
  },
  {
    permission: 'Audit log and user directories (GET)',
    reads: 'Audit log settings, user directories, application links',
    data: 'Audit coverage and retention, each directory’s type, each application link’s target.',
  },
  {
    permission: 'Universal Plugin Manager (GET)',
    reads: 'Installed apps and system plugins',
    data: 'Every user-installed app with its version and licence; whether security-relevant system plugins are enabled and current.',
  },
];

function PermissionTable({ caption, rows }: { caption: string; rows: readonly ConsentRow[] }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped withTableBorder>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Permission</Table.Th>
            <Table.Th>What it lets Palisade read</Table.Th>
            <Table.Th>Data collected</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.permission}>
              <Table.Td>{r.permission}</Table.Td>
              <Table.Td>{r.reads}</Table.Td>
              <Table.Td>{r.data}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function BitbucketConsent() {
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        Permissions and data collected
      </Title>
      <Alert color="blue" title="All privileges are read-only">
        Palisade only reads the workspace: every request it sends is a GET. Bitbucket keeps some settings
        behind admin permissions (branch restrictions, access keys) and has no read-only webhook permission;
        Palisade asks for them only to read those settings. Give the workspace access token these permissions
        and no others.
      </Alert>
      <PermissionTable
        caption="The Bitbucket permissions Palisade uses and the data it collects"
        rows={BITBUCKET_ROWS}
      />
      <Text size="sm">
        Without an admin permission Palisade still connects and says which datasets it could not read.{' '}
        <Anchor href={BITBUCKET_ACCESS_TOKEN_URL} target="_blank" rel="noopener noreferrer">
          Create a workspace access token
        </Anchor>
      </Text>
    </Stack>
  );
}

export function DataCenterConsent({ product }: { product: string }) {
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        Permissions and data collected
      </Title>
      <Alert color="blue" title="All privileges are read-only">
        Palisade only reads {product}: every request it sends is a GET. A Data Center personal access token
        cannot be scoped and acts as the person who created it, so create it for a system administrator whose
        account is kept for this purpose.
      </Alert>
      <PermissionTable
        caption={`What Palisade reads from ${product} and the data it collects`}
        rows={DATA_CENTER_ROWS}
      />
    </Stack>
  );
}
