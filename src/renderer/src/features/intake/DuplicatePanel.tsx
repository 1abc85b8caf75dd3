import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCopy } from '@tabler/icons-react';
import type { MethodInput } from '../../../../shared/rpc/contract';
import { useT } from '../../i18n/useT';
import { FamilyHitSummary } from '../families/FamilyHitCard';
import { useDuplicates } from '../families/queries';
import type { IntakeValues } from './intakeForm';

/** While registering: families that look like the new one, to open instead of creating a duplicate. */
export function DuplicatePanel({ values, onOpen }: { values: IntakeValues; onOpen: (id: string) => void }) {
  const { t } = useT();
  const probe = JSON.stringify({
    displayName: values.displayName,
    members: values.members.map((m) => ({ firstName: m.firstName, lastName: m.lastName, birthYear: m.birthYear === '' ? undefined : m.birthYear })),
    phone: values.phone,
    street: values.street,
  });
  const [debounced] = useDebouncedValue(probe, 250);
  const input = JSON.parse(debounced) as MethodInput<'families.duplicates'>;
  // Nothing to compare before a name is typed.
  const candidates = useDuplicates(!input.displayName.trim() && input.members.every((m) => !m.lastName.trim()) ? null : input);

  if (candidates.length === 0) return null;
  return (
    <Alert color="orange" icon={<IconCopy aria-hidden />} title={t('families:duplicates.title')} role="status" data-testid="duplicate-warning">
      <Stack gap="sm">
        <Text size="sm">{t('families:duplicates.intro')}</Text>
        <Group align="stretch" gap="sm">
          {candidates.map((c) => (
            <Paper key={c.id} withBorder p="sm" radius="md" miw={260} style={{ flex: 1 }}>
              <Stack gap="xs">
                <FamilyHitSummary hit={c} />
                <Text size="xs">{c.reasons.map((r) => t(`families:duplicates.reasons.${r}` as never)).join(' · ')}</Text>
                <Button size="xs" variant="default" onClick={() => onOpen(c.id)}>
                  {t('families:duplicates.open')}
                </Button>
              </Stack>
            </Paper>
          ))}
        </Group>
      </Stack>
    </Alert>
  );
}
