// Attestation subjects for org settings settings that no public API exposes. Add entries with
// `defineSubject` from ./attestation-subject.ts.
import type { AttestationSubject } from './attestation-subject.ts';

export const ORG_SETTINGS_SUBJECTS = {} as const satisfies Record<string, AttestationSubject>;
