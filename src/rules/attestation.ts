import { z } from 'zod';
import { ATTESTATION_SUBJECTS, SUBJECT_NAMES, type SubjectName } from './attestation-subjects.ts';
import { RuleEngineError } from './errors.ts';

// An attestation: an admin's record of a setting no public API exposes, with evidence, author and
// expiry. Only the latest attestation per subject and scope counts; once it expires the rules that
// read it are `unknown` again until someone re-attests (a stale answer is no answer).

const isoTime = z.iso.datetime({ offset: true });

export const attestationSchema = z.strictObject({
  id: z.string().min(1),
  subject: z.enum(SUBJECT_NAMES),
  /** `org`, or the cloud id of the site the setting belongs to. */
  scope: z.string().min(1),
  /** What the admin recorded; validated against the subject's schema. */
  value: z.unknown(),
  evidence: z.strictObject({
    /** What was checked and how (required: an attestation without an explanation proves nothing). */
    note: z.string().min(1),
    /** A link to a screenshot, ticket or export. */
    url: z.url().optional(),
  }),
  author: z.strictObject({ id: z.string().min(1), name: z.string().min(1) }),
  attestedAt: isoTime,
  expiresAt: isoTime,
});

export type Attestation = z.output<typeof attestationSchema>;

/** What a result records about the attestation it relied on. */
export interface AttestationRef {
  id: string;
  subject: SubjectName;
  author: string;
  attestedAt: string;
  expiresAt: string;
}

/**
 * Validates an attestation an admin submits: its shape, the value against the subject's schema,
 * and an expiry after the attestation time. Throws `RuleEngineError('invalid_attestation')`.
 */
export function parseAttestation(input: unknown): Attestation {
  const parsed = attestationSchema.safeParse(input);
  if (!parsed.success) throw new RuleEngineError('invalid_attestation', z.prettifyError(parsed.error));
  const attestation = parsed.data;
  const value = ATTESTATION_SUBJECTS[attestation.subject].schema.safeParse(attestation.value);
  if (!value.success) {
    throw new RuleEngineError('invalid_attestation', `value: ${z.prettifyError(value.error)}`);
  }
  if (Date.parse(attestation.expiresAt) <= Date.parse(attestation.attestedAt)) {
    throw new RuleEngineError('invalid_attestation', 'expiresAt must be after attestedAt');
  }
  return { ...attestation, value: value.data };
}

export type AttestationLookup =
  | { status: 'current'; attestation: Attestation; value: unknown }
  | { status: 'missing' }
  | { status: 'expired'; attestation: Attestation }
  | { status: 'invalid'; attestation: Attestation; detail: string };

/**
 * The attestation that counts for a subject in a scope at `now`: the latest one made by then.
 * Attestations dated after `now` are ignored (an evaluation of an older snapshot must not see them).
 */
export function lookupAttestation(
  attestations: readonly Attestation[],
  subject: SubjectName,
  scope: string,
  now: Date,
): AttestationLookup {
  let latest: Attestation | undefined;
  for (const a of attestations) {
    if (a.subject !== subject || a.scope !== scope) continue;
    if (Date.parse(a.attestedAt) > now.getTime()) continue;
    if (!latest || Date.parse(a.attestedAt) > Date.parse(latest.attestedAt)) latest = a;
  }
  if (!latest) return { status: 'missing' };
  if (Date.parse(latest.expiresAt) <= now.getTime()) return { status: 'expired', attestation: latest };
  // Stored attestations were validated when recorded, but a subject's schema can tighten since.
  const value = ATTESTATION_SUBJECTS[subject].schema.safeParse(latest.value);
  if (!value.success) return { status: 'invalid', attestation: latest, detail: z.prettifyError(value.error) };
  return { status: 'current', attestation: latest, value: value.data };
}

export function attestationRef(attestation: Attestation): AttestationRef {
  return {
    id: attestation.id,
    subject: attestation.subject,
    author: attestation.author.name,
    attestedAt: attestation.attestedAt,
    expiresAt: attestation.expiresAt,
  };
}
