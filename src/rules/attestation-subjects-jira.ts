// Attestation subjects for jira settings that no public API exposes. Add entries with
// `defineSubject` from ./attestation-subject.ts.
import type { AttestationSubject } from './attestation-subject.ts';

export const JIRA_SUBJECTS = {} as const satisfies Record<string, AttestationSubject>;
