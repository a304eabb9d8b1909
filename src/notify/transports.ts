import nodemailer from 'nodemailer';
import type { SmtpSettings } from './notify-settings.ts';

// The two ways a message leaves: SMTP (nodemailer, PALISADE_SMTP_URL) and an HTTP POST of JSON
// (Slack, webhooks). Errors name the host and what failed, never the URL (a secret) or the SMTP
// password.

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  replyTo?: string | undefined;
}

export interface Transports {
  /** Undefined when SMTP is not configured. */
  mail: ((mail: OutgoingMail) => Promise<void>) | undefined;
  post(url: URL, body: string, headers: Record<string, string>): Promise<void>;
}

export const POST_TIMEOUT_MS = 10_000;

export function createTransports(smtp: SmtpSettings | undefined): Transports {
  const transporter = smtp
    ? nodemailer.createTransport({
        url: smtp.url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      } as Parameters<typeof nodemailer.createTransport>[0])
    : undefined;
  return {
    mail:
      transporter && smtp
        ? async (mail) => {
            try {
              await transporter.sendMail({
                from: smtp.from,
                to: mail.to,
                subject: mail.subject,
                text: mail.text,
                ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
              });
            } catch (error) {
              throw new Error(
                `the SMTP server ${smtpHost(smtp.url)} refused or could not be reached: ${errorText(error)}`,
              );
            }
          }
        : undefined,
    async post(url, body, headers) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'Palisade', ...headers },
          body,
          // A redirect could lead anywhere: the allow-list is about the URL the channel names.
          redirect: 'manual',
          signal: AbortSignal.timeout(POST_TIMEOUT_MS),
        });
      } catch (error) {
        throw new Error(`${url.host} could not be reached: ${errorText(error)}`);
      }
      await response.body?.cancel().catch(() => undefined);
      if (response.status < 200 || response.status >= 300) {
        throw new Error(`${url.host} answered HTTP ${response.status}`);
      }
    },
  };
}

function smtpHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(PALISADE_SMTP_URL)';
  }
}

function errorText(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const code = typeof e.cause?.code === 'string' ? e.cause.code : typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(error);
  // nodemailer's messages may quote the server's answer; never a credential of ours, but keep it one line.
  return (code && !message.includes(code) ? `${code}: ${message}` : message)
    .replace(/\s+/g, ' ')
    .slice(0, 300);
}
