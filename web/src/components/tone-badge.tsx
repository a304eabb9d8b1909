import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';

// A badge whose text stays readable (WCAG AA) in both themes: filled with a shade dark or light
// enough for white or black text (autoContrast picks which). Mantine's light variant in orange,
// yellow and green is under AA on white. The words always say the state; colour only repeats it.

const SHADES = {
  critical: 'red.9',
  high: 'orange.5',
  medium: 'yellow.4',
  low: 'gray.4',
  good: 'teal.9',
  excepted: 'violet.7',
  neutral: 'gray.4',
} as const;

export type Tone = keyof typeof SHADES;

export function ToneBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <Badge color={SHADES[tone]} variant="filled" autoContrast style={{ flexShrink: 0, overflow: 'visible' }}>
      {children}
    </Badge>
  );
}

/** A severity or risk band's tone (unknown values are neutral). */
export function severityTone(severity: string): Tone {
  return severity === 'critical' || severity === 'high' || severity === 'medium' || severity === 'low'
    ? severity
    : 'neutral';
}
