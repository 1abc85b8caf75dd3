import { Button, Group, Kbd, Stack, Text, Title } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { AREAS, familyIdOf, type AreaLocation, type DeskView } from '../../app/areas';
import { useNavigation } from '../../app/navigation';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import { NoteSearch } from '../casework/NoteSearch';
import { TodayPanel } from '../casework/TodayPanel';
import { FamilyListPage } from '../family-list/FamilyListPage';
import { IntakeWizard } from '../intake/IntakeWizard';
import { FamilyPage } from './FamilyPage';
import { FamilySearch } from './FamilySearch';

/** The screen the front desk lives in: find a family, open it, or register a new one (Alt+N, handled by the shell). */
export function FrontDeskPage({ location }: { location: AreaLocation<'frontdesk'> | AreaLocation<'families'> }) {
  const { t } = useT();
  const { navigate } = useNavigation();
  const mayRegister = useCan('families.create');
  const mayCasework = useCan('cases.today');
  const { area, view } = location;
  const go = (next: DeskView) => navigate({ area, view: next });
  const openFamily = (id: string) => go(`family/${id}`);

  // Back from a family or an intake goes where the area starts: the search at the desk, the list under Familien.
  const home: DeskView = AREAS[area].home;
  const familyId = familyIdOf(view);
  if (familyId) return <FamilyPage key={familyId} id={familyId} onBack={() => go(home)} backLabel={home === 'list' ? t('families:backToList') : t('families:back')} />;
  if (view === 'intake') return <IntakeWizard onSaved={openFamily} onCancel={() => go(home)} onOpenFamily={openFamily} />;
  if (view === 'list') return <FamilyListPage onOpen={openFamily} onNew={mayRegister ? () => go('intake') : undefined} />;
  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {area === 'frontdesk' ? t('families:frontdesk.title') : t('families:familiesTitle')}
        </Title>
        {mayRegister && (
          <Button leftSection={<IconUserPlus size={18} aria-hidden />} rightSection={<Kbd size="xs">{t('families:newShortcut')}</Kbd>} onClick={() => go('intake')}>
            {t('families:new')}
          </Button>
        )}
      </Group>
      <Text>{t('families:frontdesk.intro')}</Text>
      <FamilySearch onOpen={openFamily} />
      {mayCasework && area === 'frontdesk' && <TodayPanel onOpenFamily={openFamily} />}
      {mayCasework && area === 'frontdesk' && <NoteSearch onOpenFamily={openFamily} />}
    </Stack>
  );
}
