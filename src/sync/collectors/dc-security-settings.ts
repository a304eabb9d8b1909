import { dcGlobalPermissions, dcSecuritySettings } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { recordsOf, requireSite } from './context.ts';
import {
  answersAnonymously,
  confluenceSecurity,
  count,
  dataCenterProductOf,
  flag,
  jiraProperties,
  notExposed,
} from './dc-sources.ts';
import { toItem } from './normalize.ts';
import { bool, num, obj, str } from './values.ts';

// The security settings of a DC site. Jira: its application properties (`jira.mode`, the CAPTCHA
// threshold `jira.maximum.authentication.attempts.allowed`, WebSudo, remember-me) and the
// unauthenticated user-picker probe (CVE-2019-8449); anonymous access from the global
// permissions when they were readable. Confluence: its security configuration where the
// instance serves it, and the anonymous space listing probe (documented), which answers exactly
// when anonymous users may use Confluence.

export const collector = defineCollector({
  dataset: dcSecuritySettings,
  dependsOn: [dcGlobalPermissions],
  // Jira: properties + the picker probe; Confluence: the configuration + the space probe.
  cost: () => 2,
  async *collect(ctx) {
    const site = requireSite(ctx, dcSecuritySettings.name);
    const product = dataCenterProductOf(site, dcSecuritySettings.name);
    const grants = await recordsOf(ctx, dcGlobalPermissions);
    const anonymousGrant = grants.length > 0 ? grants.some((g) => g.anonymous) : null;

    if (product === 'jira-data-center') {
      const props = await jiraProperties(ctx, site);
      const picker = await answersAnonymously(() =>
        ctx.api.call('dc.jira.userPicker.search', { site, anonymous: true, query: { query: 'a' } }),
      );
      const threshold = count(props.get('jira.maximum.authentication.attempts.allowed'));
      const disabled = flag(props.get('jira.websudo.is.disabled'));
      const mode = props.get('jira.mode') ?? null;
      const item = toItem(dcSecuritySettings, {
        product,
        anonymousAccess: anonymousGrant,
        anonymousUserPicker: picker,
        anonymousRemoteApi: null,
        publicSignup: mode === null ? null : mode === 'public',
        signupMode: mode,
        // An empty threshold is Jira's "never show a CAPTCHA".
        captchaEnabled: props.has('jira.maximum.authentication.attempts.allowed') ? threshold !== null : null,
        captchaAfterFailedLogins: threshold,
        webSudoEnabled: disabled === null ? null : !disabled,
        webSudoTimeoutMinutes: count(props.get('jira.websudo.timeout')),
        rememberMeEnabled: flag(props.get('jira.option.rememberme')),
        rememberMeDays: null,
        externalUserManagement: flag(props.get('jira.option.user.externalmanagement')),
      });
      yield { items: [item], checkpoint: null };
      return;
    }

    const s = await confluenceSecurity(ctx, site);
    const spaces = await answersAnonymously(() =>
      ctx.api.call('dc.confluence.space.list', { site, anonymous: true, query: { limit: 1 } }),
    );
    const captcha = obj(s?.captcha);
    const webSudo = obj(s?.webSudo);
    const rememberMe = obj(s?.rememberMe);
    const item = toItem(dcSecuritySettings, {
      product,
      anonymousAccess: anonymousGrant ?? spaces,
      anonymousUserPicker: null,
      anonymousRemoteApi: bool(s?.anonymousRemoteApi),
      publicSignup: s?.signupMode ? s.signupMode === 'public' : null,
      signupMode: str(s?.signupMode),
      captchaEnabled: bool(captcha.enabled),
      captchaAfterFailedLogins: num(captcha.maximumAuthenticationAttempts),
      webSudoEnabled: bool(webSudo.enabled),
      webSudoTimeoutMinutes: num(webSudo.timeoutMinutes),
      rememberMeEnabled: bool(rememberMe.enabled),
      rememberMeDays: num(rememberMe.days),
      externalUserManagement: bool(s?.externalUserManagement),
    });
    yield {
      items: [item],
      checkpoint: null,
      ...(s
        ? {}
        : {
            partial: notExposed(
              "Confluence's security configuration",
              'an attestation of Security configuration',
            ),
          }),
    };
  },
});
