import { Button, Group, Kbd, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useT } from '../../i18n/useT';
import { IntakeWizard } from '../intake/IntakeWizard';
import { FamilyPage } from './FamilyPage';
import { FamilySearch } from './FamilySearch';

export type FrontDeskView = { kind: 'search' } | { kind: 'family'; id: string } | { kind: 'intake' };

/** The screen the front desk lives in: find a family, open it, or register a new one. */
export function FrontDeskPage({ title, view, onView }: { title: 'frontdesk' | 'families'; view: FrontDeskView; onView: (view: FrontDeskView) => void }) {
  const { t } = useT();
  useHotkeys([['alt+N', () => onView({ kind: 'intake' })]], []);

  if (view.kind === 'family') return <FamilyPage key={view.id} id={view.id} onBack={() => onView({ kind: 'search' })} />;
  if (view.kind === 'intake') {
    return <IntakeWizard onSaved={(id) => onView({ kind: 'family', id })} onCancel={() => onView({ kind: 'search' })} onOpenFamily={(id) => onView({ kind: 'family', id })} />;
  }
  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {title === 'frontdesk' ? t('families:frontdesk.title') : t('families:familiesTitle')}
        </Title>
        <Button leftSection={<IconUserPlus size={18} aria-hidden />} rightSection={<Kbd size="xs">{t('families:newShortcut')}</Kbd>} onClick={() => onView({ kind: 'intake' })}>
          {t('families:new')}
        </Button>
      </Group>
      <Text>{t('families:frontdesk.intro')}</Text>
      <FamilySearch onOpen={(id) => onView({ kind: 'family', id })} />
    </Stack>
  );
}
