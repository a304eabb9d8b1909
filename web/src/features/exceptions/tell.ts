import { notifications } from '@mantine/notifications';

/** A short notice of what a change did (its close button is named, for screen readers and axe). */
export function tell(message: string, options: { title?: string; failed?: boolean } = {}): void {
  notifications.show({
    color: options.failed ? 'red' : 'green',
    message,
    ...(options.title ? { title: options.title } : {}),
    closeButtonProps: { 'aria-label': 'Hide this notice' },
  });
}
