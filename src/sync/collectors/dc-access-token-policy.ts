import { dcAccessTokenPolicy } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import {
  confluenceSecurity,
  count,
  dataCenterProductOf,
  flag,
  jiraProperties,
  notExposed,
} from './dc-sources.ts';
import { toItem } from './normalize.ts';
import { bool, num, obj } from './values.ts';

// The personal access token policy (https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html):
// Jira's `atlassian.pats.*` properties (`eternal.tokens.enabled`: tokens without expiry allowed;
// `max.expiry.days`), Confluence's security configuration where served. Versions that keep these
// in JVM system properties expose nothing: `exposed: false`, every fact null.

export const collector = defineCollector({
  dataset: dcAccessTokenPolicy,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, dcAccessTokenPolicy.name);
    const product = dataCenterProductOf(site, dcAccessTokenPolicy.name);
    if (product === 'jira-data-center') {
      const props = await jiraProperties(ctx, site);
      const eternal = flag(props.get('atlassian.pats.eternal.tokens.enabled'));
      const exposed =
        props.has('atlassian.pats.enabled') || props.has('atlassian.pats.eternal.tokens.enabled');
      const item = toItem(dcAccessTokenPolicy, {
        product,
        exposed,
        creationEnabled: flag(props.get('atlassian.pats.enabled')),
        expiryRequired: eternal === null ? null : !eternal,
        maxExpiryDays: count(props.get('atlassian.pats.max.expiry.days')),
      });
      yield {
        items: [item],
        checkpoint: null,
        ...(exposed ? {} : { partial: notExposed('The token policy', 'an attestation of the token policy') }),
      };
      return;
    }
    const s = await confluenceSecurity(ctx, site);
    const p = obj(s?.personalAccessTokens);
    const eternal = bool(p.eternalAllowed);
    const item = toItem(dcAccessTokenPolicy, {
      product,
      exposed: s !== undefined && s.personalAccessTokens !== undefined,
      creationEnabled: bool(p.creationEnabled),
      expiryRequired: eternal === null ? null : !eternal,
      maxExpiryDays: num(p.maxExpiryDays),
    });
    yield {
      items: [item],
      checkpoint: null,
      ...(s ? {} : { partial: notExposed('The token policy', 'an attestation of the token policy') }),
    };
  },
});
