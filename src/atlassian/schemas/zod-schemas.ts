import type { z } from 'zod';
import {
  adminDirectoriesPage,
  adminDirectoryGroupsPage,
  adminDirectoryUsersPage,
  adminWorkspacesPage,
  apiAccessKeysPage,
  apiAccessTokensPage,
} from './admin.ts';
import { appInstallationsResponse, upmPlugin, upmPluginList } from './apps.ts';
import {
  dcApplicationLinks,
  dcApplinksManifest,
  dcAuditCoverage,
  dcAuditRetention,
  dcConfluenceDirectories,
  dcConfluenceGlobalPermissions,
  dcConfluenceGroupMembersPage,
  dcConfluenceSecuritySettings,
  dcConfluenceSpacesPage,
  dcGlobalPermissions,
  dcJiraApplicationProperties,
  dcJiraDirectories,
  dcJiraGroupMembersPage,
  dcJiraMyPermissions,
  dcJiraPasswordPolicy,
  dcJiraServerInfo,
  dcJiraUserPicker,
  dcUpmPlugin,
  dcUpmPluginList,
  dcUpmUpdates,
} from './data-center.ts';
import { marketplacePrivacy } from './marketplace.ts';
import { accessibleResources, oauthToken } from './oauth.ts';
import { tenantInfo } from './site.ts';

// The hand-written schemas of the endpoints Atlassian publishes no spec for, by catalogue id.
// Endpoints with a spec use the generated JSON schemas instead; endpoints without a JSON body
// (UPM uninstall, the OAuth consent page) have neither.

export const zodResponseSchemas = {
  'admin.directories.list': adminDirectoriesPage,
  'admin.directory.users.list': adminDirectoryUsersPage,
  'admin.directory.groups.list': adminDirectoryGroupsPage,
  // The searches answer the lists' pages (their expandable fields are asked for by Palisade).
  'admin.directory.users.search': adminDirectoryUsersPage,
  'admin.directory.groups.search': adminDirectoryGroupsPage,
  'admin.workspaces.search': adminWorkspacesPage,
  'admin.apiAccess.apiTokens.list': apiAccessTokensPage,
  'admin.apiAccess.apiKeys.list': apiAccessKeysPage,
  'upm.jira.list': upmPluginList,
  'upm.jira.get': upmPlugin,
  'upm.jira.update': upmPlugin,
  'upm.confluence.list': upmPluginList,
  'upm.confluence.get': upmPlugin,
  'upm.confluence.update': upmPlugin,
  'graphql.appInstallations.list': appInstallationsResponse,
  'marketplace.addonPrivacy.get': marketplacePrivacy,
  'oauth.accessibleResources.list': accessibleResources,
  'oauth.token.exchange': oauthToken,
  'site.tenantInfo.get': tenantInfo,
  'dc.jira.serverInfo.get': dcJiraServerInfo,
  'dc.jira.applicationProperties.list': dcJiraApplicationProperties,
  'dc.jira.myPermissions.get': dcJiraMyPermissions,
  'dc.jira.passwordPolicy.list': dcJiraPasswordPolicy,
  'dc.jira.globalPermissions.list': dcGlobalPermissions,
  'dc.jira.groupMembers.list': dcJiraGroupMembersPage,
  'dc.jira.userPicker.search': dcJiraUserPicker,
  'dc.jira.userDirectories.list': dcJiraDirectories,
  'dc.confluence.manifest.get': dcApplinksManifest,
  'dc.confluence.space.list': dcConfluenceSpacesPage,
  'dc.confluence.globalPermissions.list': dcConfluenceGlobalPermissions,
  'dc.confluence.groupMembers.list': dcConfluenceGroupMembersPage,
  'dc.confluence.securitySettings.get': dcConfluenceSecuritySettings,
  'dc.confluence.userDirectories.list': dcConfluenceDirectories,
  'dc.audit.coverage.get': dcAuditCoverage,
  'dc.audit.retention.get': dcAuditRetention,
  'dc.applinks.list': dcApplicationLinks,
  'dc.upm.plugins.list': dcUpmPluginList,
  'dc.upm.plugin.get': dcUpmPlugin,
  'dc.upm.plugin.update': dcUpmPlugin,
  'dc.upm.updates.list': dcUpmUpdates,
} as const satisfies Record<string, z.ZodType>;

export type ZodResponseSchemas = typeof zodResponseSchemas;
