import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import {
  DATA_AS_OF,
  DATA_CENTER_RELEASES,
  END_OF_LIFE_POLICY_URL,
  isEndOfLife,
  releaseOf,
} from '../../lifecycle/data-center-end-of-life.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import type { Rule } from '../../rule.ts';
import { type DcProduct, judgeSiteRecord, siteCheck } from './product.ts';
import { compareVersions } from './versions.ts';

// CHECKS.md dc_version_supported: the site's version against Atlassian's end-of-life dates (the
// repository's table, src/rules/lifecycle/), judged at the scan's time. Past its end of life a release
// gets no security fixes, including for the critical, exploited-in-the-wild advisories of the
// self-managed products (CVE-2022-26134, CVE-2023-22515, CVE-2023-22527).

const DAY = 86_400_000;

const REFERENCES: Record<DcProduct['product'], { title: string; url: string }[]> = {
  'jira-data-center': [
    { title: 'Atlassian Support End of Life Policy', url: END_OF_LIFE_POLICY_URL },
    {
      title: 'Long Term Support releases',
      url: 'https://confluence.atlassian.com/enterprise/long-term-support-releases-948227420.html',
    },
    {
      title: 'Jira Software download archives',
      url: 'https://www.atlassian.com/software/jira/download-archives',
    },
  ],
  'confluence-data-center': [
    { title: 'Atlassian Support End of Life Policy', url: END_OF_LIFE_POLICY_URL },
    {
      title: 'Long Term Support releases',
      url: 'https://confluence.atlassian.com/enterprise/long-term-support-releases-948227420.html',
    },
    {
      title: 'Confluence download archives',
      url: 'https://www.atlassian.com/software/confluence/download-archives',
    },
  ],
};

export function versionSupportedRule(p: DcProduct, id: string): Rule {
  return defineRule({
    id,
    title: `${p.name} Data Center runs a release Atlassian still supports`,
    severity: 'critical',
    ...siteCheck(p),
    requires: ['dc.server-info'],
    description:
      `Reads ${p.name}’s version (\`dc.server-info\`) and finds its feature release in the end-of-life table kept ` +
      'in the repository (src/rules/lifecycle/data-center-end-of-life.ts, from Atlassian’s End of Life Policy and ' +
      'download archives). Fails once the release is past its end-of-life date at the scan’s time (or within the ' +
      'days the settings ask for), and for a version older than every release in the table; unknown for a ' +
      'version the table does not list yet.',
    risk:
      'An end-of-life release gets no security fixes. Self-managed Jira and Confluence have had critical, ' +
      'unauthenticated remote code execution advisories exploited in the wild within days (CVE-2022-26134, ' +
      'CVE-2023-22515, CVE-2023-22527); an unsupported release stays exposed to the next one.',
    remediation: {
      ui: [
        `Plan an upgrade of ${p.name} to the current Long Term Support release (or a newer supported feature release).`,
        'Check app compatibility in Manage apps → "Check compatibility" first, then upgrade each node.',
      ],
      api: null,
    },
    references: REFERENCES[p.product],
    compliance: {
      'cis-controls-v8': ['2.2', '7.4'],
      'nist-800-53-r5': ['SI-2', 'SA-9'],
      'iso-27001-2022': ['A.8.8'],
      soc2: ['CC7.1'],
    },
    settings: z.object({
      minRemainingDays: z
        .number()
        .int()
        .nonnegative()
        .default(0)
        .describe('Fail when support ends within this many days (0: only once it has ended).'),
    }),
    evaluate(ctx) {
      return judgeSiteRecord(ctx, 'dc.server-info', p, (record, resource) => {
        const { version, buildNumber } = record;
        const release = releaseOf(p.product, version);
        if (!release) {
          const releases = DATA_CENTER_RELEASES[p.product];
          const oldest = releases[releases.length - 1];
          const evidence = { version, buildNumber, dataAsOf: DATA_AS_OF };
          if (oldest && (compareVersions(version, oldest.release) ?? 0) < 0) {
            return fail(
              resource,
              `${p.name} ${version} is older than every release in the end-of-life data; ${oldest.release} already ended on ${oldest.endOfLife}.`,
              evidence,
            );
          }
          return unknown(
            resource,
            `${p.name} ${version} is not in the end-of-life data (checked ${DATA_AS_OF}): update src/rules/lifecycle/data-center-end-of-life.ts.`,
            evidence,
          );
        }
        const name = `${p.name} ${version} (${release.release}${release.lts ? ' LTS' : ''})`;
        const evidence = {
          version,
          buildNumber,
          release: release.release,
          lts: release.lts === true,
          endOfLife: release.endOfLife,
        };
        if (isEndOfLife(release, ctx.now)) {
          return fail(
            resource,
            `${name} reached end of life on ${release.endOfLife}: it gets no security fixes.`,
            evidence,
          );
        }
        const remaining = Math.floor(
          (Date.parse(`${release.endOfLife}T23:59:59.999Z`) - ctx.now.getTime()) / DAY,
        );
        if (remaining < ctx.settings.minRemainingDays) {
          return fail(
            resource,
            `${name} reaches end of life on ${release.endOfLife}, in ${remaining} days (at least ${ctx.settings.minRemainingDays} required).`,
            evidence,
          );
        }
        return pass(resource, `${name} is supported until ${release.endOfLife}.`, evidence);
      });
    },
  });
}
