// Keeps credentials out of anything a person or a log may read. Two layers: URLs lose their
// userinfo and the values of credential-looking query parameters (none of our catalogue's carry
// one, but a URL Atlassian hands back or a caller's query could), and every text built from a
// response or a transport error is scrubbed of the secrets the client holds.

const SENSITIVE_PARAM =
  /^(access_token|refresh_token|id_token|token|api_?token|apikey|api_key|key|secret|client_secret|password|code|jwt|signature|sig|auth|authorization)$/i;

/** Host and path of a URL, with credential-looking query values replaced by `REDACTED`. */
export function safeUrl(raw: string | URL): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '(unparseable URL)';
  }
  url.username = '';
  url.password = '';
  url.hash = '';
  for (const name of [...new Set(url.searchParams.keys())]) {
    if (SENSITIVE_PARAM.test(name)) url.searchParams.set(name, 'REDACTED');
  }
  return url.toString();
}

export type Redact = (text: string) => string;

/**
 * Replaces every secret the client holds (and the Basic header's base64 form, which contains the
 * token without containing it literally) in a text. `secrets` is read on every use because OAuth
 * tokens rotate while the client lives.
 */
export function createRedactor(secrets: () => Iterable<string>): Redact {
  return (text) => {
    let out = text;
    for (const secret of secrets()) {
      // Short strings would scrub ordinary words; real tokens are long.
      if (secret.length < 8) continue;
      out = out.split(secret).join('[REDACTED]');
    }
    return out;
  };
}

/** `Basic base64(email:token)`'s credential part, so it can be registered as a secret too. */
export function basicValue(email: string, apiToken: string): string {
  return Buffer.from(`${email}:${apiToken}`).toString('base64');
}
