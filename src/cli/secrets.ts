// Keeps every credential the CLI was given out of what it prints: an error line, a log line, the
// summary. The connector already scrubs its own errors; this is the last layer, over everything
// written to stdout and stderr, including texts from other modules and from the database driver.

export interface Secrets {
  /** Registers credentials as soon as they are read (flags or environment). */
  add(...values: (string | undefined)[]): void;
  /** Registers the e-mail and token of a Basic credential (its base64 form holds the token too). */
  addBasic(email: string | undefined, token: string | undefined): void;
  scrub(text: string): string;
}

// Shorter strings would scrub ordinary words; Atlassian tokens and keys are far longer.
const MIN_SECRET_LENGTH = 6;

export function createSecrets(): Secrets {
  const values = new Set<string>();
  return {
    add(...more) {
      for (const v of more) if (v !== undefined && v.length >= MIN_SECRET_LENGTH) values.add(v);
    },
    addBasic(email, token) {
      if (token === undefined) return;
      this.add(token, Buffer.from(`${email ?? ''}:${token}`).toString('base64'));
    },
    scrub(text) {
      let out = text;
      for (const secret of values) out = out.split(secret).join('***');
      // A database URL's password (postgres://user:password@host/db) is a credential too.
      return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@\s/]+@/gi, '$1***@');
    },
  };
}
