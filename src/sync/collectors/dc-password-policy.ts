import { dcPasswordPolicy } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import {
  confluenceSecurity,
  count,
  dataCenterProductOf,
  jiraProperties,
  notExposed,
  optionalRead,
} from './dc-sources.ts';
import { toItem } from './normalize.ts';
import { num, obj, str } from './values.ts';

// The internal directory's password policy. Jira: whether one is on from the documented
// `GET /rest/api/2/password/policy` (its requirements as text; none = no policy; Jira 10+:
// https://developer.atlassian.com/server/jira/platform/rest/v10003/api-group-password/), the
// level and minima from the password-policy properties where an instance has them (the text is
// localised, so it is not parsed). Confluence: its security configuration where the instance
// serves it (else a record of unknowns, partial).

export const collector = defineCollector({
  dataset: dcPasswordPolicy,
  // Jira: the requirements and the properties; Confluence: its security configuration.
  cost: ({ records }) => (records[0]?.product === 'jira-data-center' ? 2 : 1),
  async *collect(ctx) {
    const site = requireSite(ctx, dcPasswordPolicy.name);
    const product = dataCenterProductOf(site, dcPasswordPolicy.name);
    if (product === 'jira-data-center') {
      const requirements = await optionalRead(() => ctx.api.call('dc.jira.passwordPolicy.list', { site }));
      const props = await jiraProperties(ctx, site);
      const level = props.get('jira.password.policy.level') ?? null;
      const item = toItem(dcPasswordPolicy, {
        product,
        enabled: requirements ? requirements.length > 0 : level === null ? null : level !== 'disabled',
        level,
        minimumLength: count(props.get('jira.password.policy.minimum.length')),
        minimumUppercase: count(props.get('jira.password.policy.minimum.uppercase')),
        minimumLowercase: count(props.get('jira.password.policy.minimum.lowercase')),
        minimumDigits: count(props.get('jira.password.policy.minimum.digits')),
        minimumSpecial: count(props.get('jira.password.policy.minimum.special')),
      });
      yield { items: [item], checkpoint: null };
      return;
    }
    const s = await confluenceSecurity(ctx, site);
    const p = obj(s?.passwordPolicy);
    const level = str(p.level);
    const item = toItem(dcPasswordPolicy, {
      product,
      enabled: level === null ? null : level !== 'disabled',
      level,
      minimumLength: num(p.minimumLength),
      minimumUppercase: num(p.minimumUppercase),
      minimumLowercase: num(p.minimumLowercase),
      minimumDigits: num(p.minimumDigits),
      minimumSpecial: num(p.minimumSpecial),
    });
    yield {
      items: [item],
      checkpoint: null,
      ...(s
        ? {}
        : { partial: notExposed("Confluence's password policy", 'an attestation of the password policy') }),
    };
  },
});
