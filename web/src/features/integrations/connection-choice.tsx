import { Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { CHOICES, type Choice, isChoice } from './choices.ts';

// Add, before the consent: what to connect (choices.ts), as cards of one radio group.

export function ConnectionChoice({ value, onChange }: { value: Choice; onChange: (choice: Choice) => void }) {
  return (
    <Radio.Group
      label="What to connect"
      value={value}
      onChange={(next) => {
        if (isChoice(next)) onChange(next);
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
        {CHOICES.map((c) => (
          <Radio.Card key={c.value} value={c.value} p="sm" radius="md" withBorder>
            <Stack gap={2}>
              <Radio.Indicator aria-hidden="true" />
              <Text fw={600}>{c.label}</Text>
              <Text size="sm">{c.description}</Text>
            </Stack>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
