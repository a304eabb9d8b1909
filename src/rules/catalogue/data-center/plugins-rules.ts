import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, ofProduct } from './product.ts';
import { MANAGE_APPS, manageApps, UPM_DOC, UPM_UNINSTALL } from './upm.ts';
import { compareVersions } from './versions.ts';

// The apps of a Data Center site, as the Universal Plugin Manager lists them (`GET /rest/plugins/
// 1.0/`, each app's page for its licence, and UPM's update check for the newest version compatible
// with this product version). Three checks: every user-installed app with its licence, user-installed
// apps behind their latest compatible version (CHECKS.md dc_plugins_current), and the bundled plugins
// that carry a security control (WebSudo, CAPTCHA, audit log, …) disabled or outdated.

type Plugin = DatasetRecord<'dc.plugins'>;

const appResource = (a: Plugin) => ({ id: a.key, name: `${a.name} (${a.key})` });

const userInstalled = (items: readonly Plugin[], p: DcProduct) =>
  ofProduct(items, p)
    .filter((a) => a.userInstalled)
    .sort((a, b) => a.key.localeCompare(b.key));

const EXPIRED = new Set(['EXPIRED', 'EVALUATION_EXPIRED', 'INVALID', 'VERSION_MISMATCH']);

function licenceOutcome(a: Plugin, now: Date): RuleOutcome {
  const resource = appResource(a);
  const l = a.license;
  const evidence = {
    version: a.version,
    vendor: a.vendorName,
    enabled: a.enabled,
    usesLicensing: a.usesLicensing,
    licence: l ? { type: l.type, status: l.status, expiryDate: l.expiryDate, valid: l.valid } : null,
  };
  const named = `${a.name} ${a.version ?? '(version unknown)'}`;
  if (!a.usesLicensing) return pass(resource, `${named} needs no licence.`, evidence);
  if (l === null)
    return fail(resource, `${named} uses licensing, but no licence is entered (unlicensed).`, evidence);
  const expiry = l.expiryDate ? Date.parse(l.expiryDate) : Number.NaN;
  const status = l.status?.toUpperCase() ?? null;
  if (l.valid === false || (status !== null && EXPIRED.has(status)) || expiry < now.getTime()) {
    const when = l.expiryDate ? ` (expiry ${l.expiryDate.slice(0, 10)})` : '';
    const kind = l.type ? `${l.type} ` : '';
    return fail(resource, `${named} has an expired or invalid ${kind}licence${when}.`, evidence);
  }
  if (l.valid === null && status === null && Number.isNaN(expiry)) {
    return unknown(resource, `UPM did not say whether the licence of ${named} is valid.`, evidence);
  }
  const until = Number.isNaN(expiry) ? '' : ` until ${l.expiryDate?.slice(0, 10)}`;
  return pass(resource, `${named} is licensed (${l.type ?? 'type unknown'})${until}.`, evidence);
}

export function appsLicensedRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `Every user-installed ${p.name} app has a valid licence`,
    area: p.area,
    severity: 'low',
    scope: 'site',
    resourceType: 'app',
    requires: ['dc.plugins'],
    plan: 'any',
    credential: 'site-admin',
    description:
      `Lists every user-installed ${p.name} app with its version, vendor and licence (\`dc.plugins\`: UPM’s app ` +
      'list and each app’s licence). One result per app: an app that needs no licence passes; one that uses ' +
      'licensing fails when no licence is entered or the licence (or evaluation) expired or is invalid, judged ' +
      'at the scan’s time; unknown when UPM said nothing about its validity.',
    risk:
      'An unlicensed or expired app is usually an abandoned one: nobody pays for it, often nobody owns it, it ' +
      'gets no security fixes, yet its code still runs inside the product with full access.',
    remediation: {
      ui: [
        `${manageApps(p)}, filter on user-installed apps.`,
        'Renew or enter the licence of each app still needed; uninstall the others.',
      ],
      api: [`Uninstall through UPM: ${UPM_UNINSTALL}.`],
    },
    references: [MANAGE_APPS[p.product], UPM_DOC],
    compliance: {
      'cis-controls-v8': ['2.1', '2.3'],
      'nist-800-53-r5': ['CM-8', 'CM-10'],
      'iso-27001-2022': ['A.5.9', 'A.8.19'],
      soc2: ['CC8.1'],
    },
    evaluate(ctx) {
      return userInstalled(ctx.items('dc.plugins'), p).map((a) => licenceOutcome(a, ctx.now));
    },
  });
}

export function appsCurrentRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `User-installed ${p.name} apps run the latest version compatible with the product`,
    area: p.area,
    severity: 'high',
    scope: 'site',
    resourceType: 'app',
    requires: ['dc.plugins'],
    plan: 'any',
    credential: 'site-admin',
    description:
      `Compares each user-installed ${p.name} app’s version with the newest version compatible with this product ` +
      'version, from UPM’s update check (`dc.plugins` `latestVersion`, `updateAvailable`). One result per app, ' +
      'disabled apps included (their code stays installed): fails when a newer compatible version exists; unknown ' +
      'when UPM could not say (no Marketplace access, an unlisted app).',
    risk:
      'Vulnerable app versions are a common way into self-managed Jira and Confluence; vendors fix them in new ' +
      'releases, which protect only the sites that install them.',
    remediation: {
      ui: [
        `${manageApps(p)}, and select "Update all" or each app's Update button.`,
        'Uninstall apps that are no longer needed instead of updating them.',
      ],
      api: [
        'Update through UPM: POST /rest/plugins/1.0/?token={upm-token} with the new version’s download URL (administrator).',
      ],
    },
    references: [MANAGE_APPS[p.product], UPM_DOC],
    compliance: {
      'cis-controls-v8': ['7.4', '2.2'],
      'nist-800-53-r5': ['SI-2', 'CM-8'],
      'iso-27001-2022': ['A.8.8', 'A.8.19'],
      soc2: ['CC7.1', 'CC8.1'],
    },
    evaluate(ctx) {
      return userInstalled(ctx.items('dc.plugins'), p).map((a) => {
        const resource = appResource(a);
        const evidence = {
          version: a.version,
          latestVersion: a.latestVersion,
          updateAvailable: a.updateAvailable,
          enabled: a.enabled,
        };
        const behind = isBehind(a);
        if (behind === true) {
          return fail(
            resource,
            `${a.name} runs ${a.version ?? 'an unknown version'}; ${a.latestVersion ?? 'a newer version'} is compatible.`,
            evidence,
          );
        }
        if (behind === undefined) {
          return unknown(
            resource,
            `UPM did not say whether a newer compatible version of ${a.name} exists.`,
            evidence,
          );
        }
        const version = a.version ? ` ${a.version}` : '';
        return pass(resource, `${a.name}${version} is the latest compatible version.`, evidence);
      });
    },
  });
}

/** Whether a newer compatible version exists: UPM's flag, else the two versions compared. */
function isBehind(a: Plugin): boolean | undefined {
  if (a.updateAvailable !== null) return a.updateAvailable;
  if (a.version === null || a.latestVersion === null) return undefined;
  const d = compareVersions(a.version, a.latestVersion);
  return d === undefined ? undefined : d < 0;
}

export function securityPluginsRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `${p.name}’s security system plugins are enabled and current`,
    area: p.area,
    severity: 'high',
    scope: 'site',
    resourceType: 'app',
    requires: ['dc.plugins'],
    plan: 'any',
    credential: 'site-admin',
    description:
      `Reads the bundled ${p.name} plugins that carry a security control — secure administrator sessions, CAPTCHA, ` +
      'the audit log, password policy, personal access tokens, SSO, rate limiting (`dc.plugins` `securityRole`). ' +
      'One result per such plugin: fails when it is disabled (the control is off whatever its setting says) or ' +
      'when UPM offers a newer compatible version.',
    risk:
      'Disabling a system plugin silently removes its control: a disabled WebSudo or CAPTCHA plugin leaves the ' +
      'settings page saying "on" while administrators and the login page go unprotected.',
    remediation: {
      ui: [
        `${manageApps(p)}, choose "System" in the filter and find the plugin named in the finding.`,
        'Enable it (or the disabled modules inside it); update it if UPM offers a newer version, then re-check the control’s setting.',
      ],
      api: [
        'Enable through UPM: PUT /rest/plugins/1.0/{pluginKey}-key with {"enabled": true} (Content-Type application/vnd.atl.plugins.plugin+json).',
      ],
    },
    references: [MANAGE_APPS[p.product], UPM_DOC],
    compliance: {
      'cis-controls-v8': ['4.1', '7.4'],
      'nist-800-53-r5': ['CM-6', 'SI-2'],
      'iso-27001-2022': ['A.8.9', 'A.8.8'],
      soc2: ['CC7.1'],
    },
    evaluate(ctx) {
      return ofProduct(ctx.items('dc.plugins'), p)
        .filter((a) => a.securityRole !== null && !a.userInstalled)
        .sort((a, b) => a.key.localeCompare(b.key))
        .map((a) => {
          const resource = appResource(a);
          const evidence = {
            securityRole: a.securityRole,
            enabled: a.enabled,
            version: a.version,
            latestVersion: a.latestVersion,
            updateAvailable: a.updateAvailable,
          };
          if (!a.enabled) {
            return fail(resource, `${a.name}, which provides ${a.securityRole}, is disabled.`, evidence);
          }
          if (isBehind(a) === true) {
            return fail(
              resource,
              `${a.name} (${a.securityRole}) runs ${a.version ?? 'an unknown version'}; ${a.latestVersion ?? 'a newer version'} is available.`,
              evidence,
            );
          }
          if (isBehind(a) === undefined) {
            return unknown(
              resource,
              `${a.name} (${a.securityRole}) is enabled, but UPM did not say whether a newer version exists.`,
              evidence,
            );
          }
          return pass(resource, `${a.name} (${a.securityRole}) is enabled and current.`, evidence);
        });
    },
  });
}
