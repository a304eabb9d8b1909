import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A count that opens the list it counts (its accessible name says what the list is). */
export function NumberLink({ to, label, children }: { to: string; label: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to} aria-label={label} fw={700}>
      {children}
    </Anchor>
  );
}
