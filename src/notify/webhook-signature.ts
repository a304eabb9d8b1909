import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The signed webhook (docs/notifications.md): `X-Palisade-Timestamp` is the Unix time in seconds
// and `X-Palisade-Signature` is `v1=` + hex HMAC-SHA256 of `<timestamp>.<raw body>` under the
// channel's secret. The receiver recomputes it over the bytes it received and rejects a timestamp
// older than five minutes, so a captured delivery cannot be replayed later.

export const SIGNATURE_HEADER = 'x-palisade-signature';
export const TIMESTAMP_HEADER = 'x-palisade-timestamp';
export const TOLERANCE_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: true when the signature matches and the timestamp is recent. */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  now: Date,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || !headers.signature) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
