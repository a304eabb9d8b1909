import type { DeclaredEndpoint, Endpoint } from './endpoint.ts';

// Installed apps. Atlassian publishes no endpoint that lists installed apps
// (JRACLOUD-95422, CONFCLOUD-82298): the Universal Plugin Manager REST resource and the GraphQL
// gateway are what the admin UI itself uses, so there is no spec to hold them to.
function upm<
  const Product extends 'jira' | 'confluence',
  const Op extends 'list' | 'get' | 'update' | 'delete',
>(
  product: Product,
  operation: Op,
  method: Endpoint['method'],
  suffix: string,
): DeclaredEndpoint<`upm.${Product}.${Op}`, 'none'> {
  const base = product === 'jira' ? '/rest/plugins/1.0/' : '/wiki/rest/plugins/1.0/';
  return {
    id: `upm.${product}.${operation}`,
    host: 'site',
    product: 'upm',
    method,
    path: `${base}${suffix}`,
    auth: ['basic'],
    oauthScopes: [],
    pagination: 'none',
    purpose:
      method === 'GET'
        ? `Installed ${product === 'jira' ? 'Jira' : 'Confluence'} apps (${suffix ? 'one' : 'all'}).`
        : method === 'PUT'
          ? 'Enable or disable an app.'
          : 'Uninstall an app.',
  };
}

export const appEndpoints = [
  upm('jira', 'list', 'GET', ''),
  upm('jira', 'get', 'GET', '{pluginKey}-key'),
  upm('jira', 'update', 'PUT', '{pluginKey}-key'),
  upm('jira', 'delete', 'DELETE', '{pluginKey}-key'),
  upm('confluence', 'list', 'GET', ''),
  upm('confluence', 'get', 'GET', '{pluginKey}-key'),
  upm('confluence', 'update', 'PUT', '{pluginKey}-key'),
  upm('confluence', 'delete', 'DELETE', '{pluginKey}-key'),
  {
    id: 'graphql.appInstallations.list',
    host: 'site',
    product: 'graphql',
    method: 'POST',
    path: '/gateway/api/graphql',
    auth: ['basic'],
    oauthScopes: [],
    pagination: 'graphql-relay',
    pageSize: { default: 50, max: 100 },
    purpose: 'Forge and Connect-on-Forge installations (ecosystem.appInstallationsByContext).',
  },
] as const satisfies readonly Endpoint[];
