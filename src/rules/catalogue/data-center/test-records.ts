import type { AppRecord } from '../../../app-risk/model/app.ts';
import { buildAppInventory } from '../../../app-risk/model/inventory.ts';
import type { AppGovernance } from '../../app-governance.ts';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { RuleResult } from '../../result.ts';
import type { Rule } from '../../rule.ts';
import type { SiteFacts } from '../../snapshot-view.ts';
import { runRule } from '../../testing/run-rule.ts';
import { type TestSnapshotInput, testSnapshot } from '../../testing/test-snapshot.ts';
import type { DcProduct } from './product.ts';

// Builders for the Data Center records the rule tests of jira-data-center and
// confluence-data-center write by hand: each fills the fields a rule does not look at with the
// values of a well-kept site, so a test states only what it is about.

type Settings = DatasetRecord<'dc.security-settings'>;
type Plugin = DatasetRecord<'dc.plugins'>;
type Licence = NonNullable<Plugin['license']>;

/** A Data Center site of the product, as the connection would describe it. */
export function dcSite(p: DcProduct): SiteFacts {
  const host = p.product === 'jira-data-center' ? 'jira.acme.example' : 'wiki.acme.example';
  return {
    cloudId: `dc-${host}`,
    name: host,
    url: `https://${host}`,
    products: { [p.product]: null },
    hasCredential: true,
  };
}

/** A snapshot of one Data Center site of the product. */
export function dcSnapshot(p: DcProduct, input: Omit<TestSnapshotInput, 'sites'> = {}) {
  return testSnapshot({ ...input, sites: [dcSite(p)] });
}

export function securitySettings(p: DcProduct, fields: Partial<Settings> = {}): Settings {
  return {
    product: p.product,
    anonymousAccess: false,
    anonymousUserPicker: false,
    anonymousRemoteApi: p.product === 'confluence-data-center' ? false : null,
    publicSignup: false,
    signupMode: p.product === 'jira-data-center' ? 'private' : 'admin-only',
    captchaEnabled: true,
    captchaAfterFailedLogins: 3,
    webSudoEnabled: true,
    webSudoTimeoutMinutes: 10,
    rememberMeEnabled: true,
    rememberMeDays: 14,
    externalUserManagement: false,
    ...fields,
  };
}

export function licence(fields: Partial<Licence> = {}): Licence {
  return {
    valid: true,
    type: 'COMMERCIAL',
    evaluation: false,
    expiryDate: '2026-01-31T00:00:00.000Z',
    maintenanceExpiryDate: '2026-01-31T00:00:00.000Z',
    status: 'ACTIVE',
    ...fields,
  };
}

/** A user-installed, licensed, current app. */
export function plugin(p: DcProduct, key: string, fields: Partial<Plugin> = {}): Plugin {
  return {
    product: p.product,
    key,
    name: key,
    version: '2.4.0',
    vendorName: 'Example Vendor',
    vendorUrl: 'https://vendor.example',
    enabled: true,
    userInstalled: true,
    system: false,
    optional: true,
    usesLicensing: true,
    license: licence(),
    latestVersion: '2.4.0',
    updateAvailable: false,
    securityRole: null,
    ...fields,
  };
}

/** A bundled system plugin (enabled, current). */
export function systemPlugin(p: DcProduct, key: string, fields: Partial<Plugin> = {}): Plugin {
  return plugin(p, key, {
    userInstalled: false,
    system: true,
    optional: false,
    usesLicensing: false,
    license: null,
    vendorName: 'Atlassian',
    ...fields,
  });
}

export function globalPermission(
  p: DcProduct,
  permission: string,
  fields: Partial<DatasetRecord<'dc.global-permissions'>> = {},
): DatasetRecord<'dc.global-permissions'> {
  return {
    product: p.product,
    permission,
    groups: [],
    users: [],
    anonymous: false,
    allLoggedIn: false,
    ...fields,
  };
}

/** The site's version and configured base URL (its own URL unless given). */
export function serverInfo(
  p: DcProduct,
  fields: Partial<DatasetRecord<'dc.server-info'>> = {},
): DatasetRecord<'dc.server-info'> {
  const version = fields.version ?? '9.12.4';
  return {
    product: p.product,
    baseUrl: dcSite(p).url,
    version,
    versionNumbers: version.split('.').map(Number),
    buildNumber: 1,
    buildDate: null,
    deploymentType: p.product === 'jira-data-center' ? 'Server' : null,
    serverTitle: null,
    ...fields,
  };
}

/**
 * An app rule's results on a Data Center site with these plugins, under the governance state made
 * for the app inventory a scan builds from them (classifications, bans, risk scores).
 */
export function runOnPlugins(
  rule: Rule,
  p: DcProduct,
  plugins: Plugin[],
  governance: (apps: AppRecord[]) => AppGovernance,
): RuleResult[] {
  const { cloudId, name } = dcSite(p);
  const apps = buildAppInventory([], {}, [{ cloudId, name, plugins }]);
  return runRule(rule, dcSnapshot(p, { datasets: { 'dc.plugins': plugins } }), {
    governance: governance(apps),
  });
}
