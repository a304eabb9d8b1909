import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = {
  fail: 'red',
  unknown: 'yellow',
  excepted: 'violet',
  pass: 'green',
  not_applicable: 'gray',
  not_evaluated: 'gray',
  not_covered: 'gray',
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
  return (
    <Badge color={COLORS[state] ?? 'gray'} variant="light">
      {WORDS[state] ?? state}
    </Badge>
  );
}
