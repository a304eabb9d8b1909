import { NotifyError } from './notify-error.ts';

// Outbound calls to channels reach only allowed hosts (DESIGN.md, Security): Slack's incoming
// webhooks host by itself, anything else only when the operator lists it in
// PALISADE_NOTIFY_ALLOW_HOSTS. The operator decides, not whoever manages channels in the UI, so
// that an admin account cannot point the server at internal hosts. Separate from
// PALISADE_ALLOW_HOSTS, which lets Atlassian calls reach a simulator or a proxy.

export const SLACK_HOST = 'hooks.slack.com';

/** `host`, `host:port` or `*.domain`, lower-case; a host without a port matches any port. */
export function hostAllowed(
  url: URL,
  allowHosts: readonly string[],
  builtIn: readonly string[] = [],
): boolean {
  const host = url.hostname.toLowerCase();
  const hostPort = url.port ? `${host}:${url.port}` : host;
  return [...builtIn, ...allowHosts].some((entry) => {
    const e = entry.toLowerCase();
    if (e.startsWith('*.')) return host.endsWith(e.slice(1));
    return e.includes(':') ? e === hostPort : e === host;
  });
}

/** The channel URL, checked: http(s), no user name or password, its host allowed. */
export function checkChannelUrl(kind: 'slack' | 'webhook', text: string, allowHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new NotifyError('invalid_channel', `the ${kind} URL is not a URL`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw new NotifyError(
      'invalid_channel',
      `the ${kind} URL must be an http(s) URL without a user name or password`,
    );
  }
  const builtIn = kind === 'slack' && url.protocol === 'https:' ? [SLACK_HOST] : [];
  if (!hostAllowed(url, allowHosts, builtIn)) {
    throw new NotifyError(
      'host_not_allowed',
      `${url.host} is not an allowed notification host: ${kind === 'slack' ? `Slack webhooks are https://${SLACK_HOST}/…; ` : ''}an operator allows others in PALISADE_NOTIFY_ALLOW_HOSTS`,
      { fix: '' },
    );
  }
  return url;
}
