import { Button, type ButtonProps, Group, Text } from '@mantine/core';
import { type ReactNode, useId } from 'react';

// An action the person may not take is shown disabled with the reason beside it (useMe().whyNot),
// never a button that fails: the reason is visible text, and the button's description for screen
// readers.

export function GuardedButton({
  reason,
  children,
  onClick,
  type = 'button',
  ...props
}: ButtonProps & {
  reason: string | undefined;
  children: ReactNode;
  onClick?: () => void;
  type?: 'button' | 'submit';
  'aria-label'?: string;
}) {
  const id = useId();
  if (!reason) {
    return (
      <Button type={type} onClick={onClick} {...props}>
        {children}
      </Button>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Button type={type} {...props} disabled aria-describedby={id} style={{ flexShrink: 0 }}>
        {children}
      </Button>
      <Text size="xs" c="dimmed" id={id} data-testid="disabled-reason">
        {reason}
      </Text>
    </Group>
  );
}
