import { type Tone, ToneBadge } from '../../components/tone-badge.tsx';

const TONES: Record<string, Tone> = {
  fail: 'critical',
  unknown: 'medium',
  excepted: 'excepted',
  pass: 'good',
};

const WORDS: Record<string, string> = {
  fail: 'Failing',
  unknown: 'Unknown',
  excepted: 'Excepted',
  pass: 'Passing',
  not_applicable: 'Not applicable',
  not_evaluated: 'Not evaluated',
  not_covered: 'No check',
};

/** A check's or control's state, in words (never colour alone). */
export function StateBadge({ state }: { state: string }) {
  return <ToneBadge tone={TONES[state] ?? 'neutral'}>{WORDS[state] ?? state}</ToneBadge>;
}
