// What notifications need from the environment (src/server/server-env.ts reads it): the SMTP
// server and sender, the hosts channels may reach, and where links point.

export interface SmtpSettings {
  /** smtp://user:pass@host:587 or smtps://…:465 (a secret: it may hold the password). */
  url: string;
  /** The From of every e-mail, e.g. `Palisade <palisade@example.com>`. */
  from: string;
}

export interface NotifySettings {
  /** Unset: e-mail (channels, people, owners) is not configured; Slack and webhooks still work. */
  smtp?: SmtpSettings | undefined;
  /** PALISADE_NOTIFY_ALLOW_HOSTS: hosts beyond hooks.slack.com that channels may call. */
  allowHosts: readonly string[];
}

/** The secrets of an SMTP URL (the URL and its password), for the CLI's redaction of its output. */
export function smtpSecrets(url: string | undefined): string[] {
  if (url === undefined) return [];
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [url, password] : [url];
  } catch {
    return [url];
  }
}
