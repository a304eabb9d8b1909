import { Badge } from '@mantine/core';

// Mantine's light badges and alert titles put coloured text on a tint of the same colour, under
// WCAG AA contrast in the light theme: the words keep the theme's text colour, the tint says the rest.

export const READABLE_TITLE = { title: { color: 'var(--mantine-color-text)' } };

export function StatusBadge({ color, children }: { color: string; children: string }) {
  return (
    <Badge
      variant="light"
      color={color}
      tt="none"
      styles={{
        root: { minWidth: 'max-content' },
        label: { color: 'var(--mantine-color-text)', overflow: 'visible' },
      }}
    >
      {children}
    </Badge>
  );
}
