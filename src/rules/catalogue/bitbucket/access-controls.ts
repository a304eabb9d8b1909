import type { SubjectValue } from '../../attestation-subjects.ts';

// The workspace plan as the admin attested it. Bitbucket's API does not say which plan a workspace
// is on, so the engine cannot gate Premium-only controls (Access controls) by plan: the rules that
// read the attested access controls answer "not applicable" themselves below Premium.

export type AccessControls = SubjectValue<'attested.bitbucket-access-controls'>;

const PLAN_NAMES: Readonly<Record<AccessControls['plan'], string>> = {
  free: 'Free',
  standard: 'Standard',
  premium: 'Premium',
};

/** Why the control is not applicable, or null on Premium. */
export function belowPremium(value: AccessControls): string | null {
  return value.plan === 'premium' ? null : `the workspace is on the ${PLAN_NAMES[value.plan]} plan`;
}
