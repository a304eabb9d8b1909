import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import { tokenOwnerNames } from './token-owners.ts';

const DAY_MS = 86_400_000;

export const rule = defineRule({
  id: 'org_no_expiring_api_credentials',
  title:
    'No API token or org API key — the ones Palisade scans with included — expires within 30 days unrenewed',
  area: 'tokens',
  severity: 'low',
  scope: 'org',
  resourceType: 'api-token',
  requires: ['org.api-tokens'],
  optional: ['org.api-keys', 'org.users'],
  plan: 'any',
  credential: 'org-api-key',
  description:
    'Reads every managed account’s API tokens and the org’s API keys with their expiry (API Access API ' +
    '`GET /admin/api-access/v1/orgs/{orgId}/api-tokens` and `/api-keys`; per account through the user ' +
    'management API when the key may not read the list) and fails each one that is still valid but expires ' +
    'within the warning window (30 days by default). Atlassian expires every API token within a year and ' +
    'every API key by its chosen date, so a script, an integration or Palisade itself stops working that ' +
    'day unless someone renews it first. The token of the account Palisade scans with (found at discovery) ' +
    'is named as Palisade’s own. Expired tokens no longer authenticate and are not judged here; tokens that ' +
    'never expire are left to org_api_token_max_expiry. An org whose API keys could not be read is unknown.',
  risk:
    'A credential that expires unnoticed breaks the automation that depends on it — backups, CI, ' +
    'provisioning, this scanner — often at night and without a clear error, and the rush to restore it is ' +
    'when a token with more access and a longer life than needed gets created.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → User API tokens (and Settings → API keys for org keys) and sort by expiry date.',
      'Ask each owner to create a replacement before the expiry date, with scopes and the shortest life that works, move their scripts to it, then revoke the old one.',
      'For the token or key Palisade scans with: create its replacement, update Palisade’s connection (PALISADE_API_TOKEN, PALISADE_ORG_API_KEY) and scan once, then revoke the old one.',
    ],
    api: [
      'List user API tokens with their expiry: GET https://api.atlassian.com/admin/api-access/v1/orgs/{orgId}/api-tokens.',
      'List org API keys with their expiry: GET https://api.atlassian.com/admin/api-access/v1/orgs/{orgId}/api-keys.',
    ],
  },
  references: [
    {
      title: 'Manage API tokens for your Atlassian account (expiry)',
      url: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
    },
    {
      title: 'Manage an organization with the admin APIs (API keys)',
      url: 'https://support.atlassian.com/organization-administration/docs/manage-an-organization-with-the-admin-apis/',
    },
    {
      title: 'API Access REST API: API tokens',
      url: 'https://developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-token/',
    },
    {
      title: 'API Access REST API: API keys',
      url: 'https://developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-key/',
    },
  ],
  compliance: {
    'nist-800-53-r5': ['IA-5'],
    'iso-27001-2022': ['A.5.17'],
    soc2: ['CC6.1'],
  },
  settings: z.object({
    warningDays: z
      .number()
      .int()
      .positive()
      .default(30)
      .describe('Days before its expiry from which a token or key is reported.'),
  }),
  evaluate(ctx) {
    const { warningDays } = ctx.settings;
    const now = ctx.now.getTime();
    const live = (expiry: string | null): expiry is string => expiry !== null && Date.parse(expiry) > now;
    // Whole days left: a token expiring in 29 days and 20 hours has 29 left.
    const left = (expiry: string) => Math.floor((Date.parse(expiry) - now) / DAY_MS);
    const soon = (expiry: string) => Date.parse(expiry) - now < warningDays * DAY_MS;
    const day = (iso: string) => iso.slice(0, 10);

    const records = ctx.items('org.api-tokens');
    const names = tokenOwnerNames(ctx.optional('org.users'), records);

    const outcomes: RuleOutcome[] = [];
    let tokens = 0;
    for (const record of records) {
      const owner = names.get(record.accountId) ?? record.accountId;
      const mine = record.palisadeAccount === true;
      const valid = record.tokens.filter((t) => live(t.expiry));
      tokens += valid.length;
      for (const token of valid) {
        if (!token.expiry || !soon(token.expiry)) continue;
        const name = `${token.label || 'Unnamed token'} (${owner})`;
        const whose = mine ? ` ${palisadeTokenPhrase(valid.length)}` : '';
        const consequence = mine
          ? 'renew it and update Palisade’s connection, or scans will stop'
          : 'renew it before what uses it breaks';
        outcomes.push(
          fail(
            { type: 'api-token', id: token.id, name },
            `API token ${name}${whose} expires in ${left(token.expiry)} days, on ${day(token.expiry)}: ${consequence}.`,
            {
              accountId: record.accountId,
              label: token.label,
              expiry: token.expiry,
              daysLeft: left(token.expiry),
              palisade: mine,
              scopes: token.scopes ?? null,
            },
          ),
        );
      }
    }

    const keys = ctx.optional('org.api-keys');
    let liveKeys = 0;
    for (const key of keys ?? []) {
      if (!live(key.expiresAt)) continue;
      liveKeys += 1;
      if (!soon(key.expiresAt)) continue;
      const name = key.label || 'Unnamed key';
      outcomes.push(
        fail(
          { type: 'api-key', id: key.id, name },
          `Org API key ${name} expires in ${left(key.expiresAt)} days, on ${day(key.expiresAt)}: renew it before what uses it (Palisade, if it is the key Palisade scans with) breaks.`,
          {
            label: key.label,
            expiresAt: key.expiresAt,
            daysLeft: left(key.expiresAt),
            creator: key.creatorName ?? key.creatorId,
            scopes: key.scopes,
          },
        ),
      );
    }

    const org = { type: 'org' as const, id: ctx.org.id, name: ctx.org.name };
    if (keys === undefined) {
      // Missing data is never a pass: without the key list, the org's keys are not judged.
      outcomes.push(
        unknown(
          org,
          `The org's API keys could not be read (org.api-keys needs an org API key with read:keys:admin, or one without scopes), so their expiry is not known.`,
          { tokens },
        ),
      );
    } else if (outcomes.length === 0) {
      outcomes.push(
        pass(
          org,
          `None of the ${tokens} valid API tokens of the ${records.length} accounts read, nor the ${liveKeys} valid org API keys, expires within ${warningDays} days.`,
          { accounts: records.length, tokens, keys: liveKeys },
        ),
      );
    }
    return outcomes;
  },
});

/** How the token of the account Palisade scans with is named: which token Palisade uses is not known when it has several. */
function palisadeTokenPhrase(validTokens: number): string {
  return validTokens === 1
    ? '— the token Palisade scans with —'
    : `— one of the ${validTokens} tokens of the account Palisade scans with —`;
}
