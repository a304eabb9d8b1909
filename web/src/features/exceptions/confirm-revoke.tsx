import { Button, Group, Modal, Text } from '@mantine/core';

/** "Revoke …?" with Cancel and Confirm; the change runs only on Confirm. */
export function ConfirmRevoke({
  what,
  opened,
  pending,
  onCancel,
  onConfirm,
}: {
  what: string | null;
  opened: boolean;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title="Revoke?">
      <Text mb="md">Revoke {what}? The next scan shows what it covered as it really is.</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button color="red" onClick={onConfirm} loading={pending}>
          Confirm
        </Button>
      </Group>
    </Modal>
  );
}
