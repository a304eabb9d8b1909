import type { z } from 'zod';

/** A setting no public API exposes, which an admin attests with evidence and an expiry. */
export interface AttestationSubject<S extends z.ZodType = z.ZodType> {
  title: string;
  scope: 'org' | 'site';
  /** Where the admin finds the values to record. */
  whereToFind: string;
  schema: S;
  /** A value to show as the example, when the one built from the schema would not do. */
  example?: z.input<S>;
}

export function defineSubject<S extends z.ZodType>(subject: AttestationSubject<S>): AttestationSubject<S> {
  return subject;
}
