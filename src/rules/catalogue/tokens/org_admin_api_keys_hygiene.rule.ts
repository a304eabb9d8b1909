import { z } from 'zod';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { defineRule } from '../../define-rule.ts';
import { pass, type RuleOutcome } from '../../outcome.ts';
import { type Judgement, judge } from '../identity/auth-policies.ts';

type ApiKey = SubjectValue<'attested.admin-api-keys'>['keys'][number];

const DAY_MS = 86_400_000;
const days = (from: string, to: number) => Math.floor((to - Date.parse(from)) / DAY_MS);

export const rule = defineRule({
  id: 'org_admin_api_keys_hygiene',
  title: 'Org admin API keys expire within 90 days, are in use, and are scoped where possible',
  area: 'tokens',
  severity: 'high',
  scope: 'org',
  resourceType: 'api-key',
  requires: ['attested.admin-api-keys'],
  plan: 'any',
  credential: 'none',
  description:
    'Reads the attested list of org admin API keys (Settings → API keys). Palisade also collects the API ' +
    'Access API’s list (`GET /admin/api-access/v1/orgs/{orgId}/api-keys`, dataset `org.api-keys`, whose ' +
    'expiry org_no_expiring_api_credentials checks), but that list cannot tell which key is Palisade’s own, ' +
    'so this rule keeps to the attestation, which marks it. Fails each unexpired key that never expires or ' +
    'lives longer than the settings allow (90 days), that was unused for more than 90 days (or never) when ' +
    'attested, or that is unscoped, except the key marked as Palisade’s own (the org audit log needs a key ' +
    'without scopes) and keys named in the settings.',
  risk:
    'An org API key is an org-admin-equivalent credential that no SSO or second factor protects: an ' +
    'unscoped, never-expiring key forgotten in an old script gives whoever finds it the whole organization.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Settings → API keys.',
      'Revoke keys that are unused or whose owner has left; recreate the ones still needed with scopes and an expiry of 90 days or less.',
      'Record the review as a new attestation.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Manage an organization with the admin APIs',
      url: 'https://support.atlassian.com/organization-administration/docs/manage-an-organization-with-the-admin-apis/',
    },
    {
      title: 'API Access REST API: API keys',
      url: 'https://developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-key/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.5', '6.8'],
    'nist-800-53-r5': ['IA-5', 'AC-6', 'AC-2(3)'],
    'iso-27001-2022': ['A.5.17', 'A.8.2'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  settings: z.object({
    maxLifetimeDays: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe('Longest key lifetime allowed, in days.'),
    maxUnusedDays: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe('Days without use before a key is stale.'),
    unscopedAllowed: z
      .array(z.string().min(1))
      .default([])
      .describe('Names of keys that must stay unscoped (besides the key marked as Palisade’s own).'),
  }),
  evaluate(ctx) {
    const { value, attestation } = ctx.attested('attested.admin-api-keys');
    const attestedAt = Date.parse(attestation.attestedAt);
    const unscopedAllowed = new Set(ctx.settings.unscopedAllowed);
    return value.keys.map((key): RuleOutcome => {
      const resource = { id: key.name, name: key.name };
      const evidence = {
        scoped: key.scoped,
        createdAt: key.createdAt ?? null,
        expiresAt: key.expiresAt,
        lastUsedAt: key.lastUsedAt ?? null,
        palisade: key.palisade ?? false,
      };
      if (key.expiresAt !== null && Date.parse(key.expiresAt) <= ctx.now.getTime()) {
        return pass(resource, `${key.name} has expired and no longer authenticates; delete it.`, evidence);
      }
      const found = judgeKey(key, attestedAt, ctx.settings);
      if (!key.scoped && !key.palisade && !unscopedAllowed.has(key.name)) {
        found.problems.push('it is unscoped, so it can call every admin API');
      }
      const scope = key.scoped
        ? 'scoped'
        : key.palisade
          ? 'unscoped (Palisade’s own)'
          : 'unscoped (accepted)';
      return judge(
        resource,
        key.name,
        found,
        `${key.name} is ${scope}, in use and expires on ${key.expiresAt}.`,
        evidence,
      );
    });
  },
});

function judgeKey(
  key: ApiKey,
  attestedAt: number,
  limits: { maxLifetimeDays: number; maxUnusedDays: number },
): Judgement {
  const problems: string[] = [];
  const gaps: string[] = [];
  if (key.expiresAt === null) problems.push('it never expires');
  else {
    // Without a creation date, what is left of its life when attested is a lower bound of its lifetime.
    const lifetime = days(key.createdAt ?? new Date(attestedAt).toISOString(), Date.parse(key.expiresAt));
    if (lifetime > limits.maxLifetimeDays) {
      problems.push(
        `it ${key.createdAt ? 'lives' : 'still had'} ${lifetime} days${key.createdAt ? '' : ' to live'}, more than ${limits.maxLifetimeDays}`,
      );
    }
  }
  if (key.lastUsedAt === undefined) gaps.push('its attested last use');
  else if (key.lastUsedAt === null) {
    const age = key.createdAt ? days(key.createdAt, attestedAt) : null;
    if (age === null || age > 7) problems.push('it has never been used');
  } else {
    const idle = days(key.lastUsedAt, attestedAt);
    if (idle > limits.maxUnusedDays) problems.push(`it was unused for ${idle} days when attested`);
  }
  return { problems, gaps };
}
