import { Stack, Tabs, Title } from '@mantine/core';
import type { AreaLocation, ReportsView } from '../../app/areas';
import { useNavigation } from '../../app/navigation';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import { CentralExportView } from './CentralExportView';
import { ReachView } from './ReachView';

/**
 * The reports area (coordinators and caseworkers, who may call reports.reach):
 * the reach report, and the package for the central project for those who
 * may send it (coordinators).
 */
export function ReportsPage({ location }: { location: AreaLocation<'reports'> }) {
  const { t } = useT();
  const { navigate } = useNavigation();
  const mayCentral = useCan('export.preview');
  const view: ReportsView = location.view === 'central' && mayCentral ? 'central' : 'reach';
  const views: ReportsView[] = mayCentral ? ['reach', 'central'] : ['reach'];
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('nav:reports')}
      </Title>
      {views.length > 1 && (
        <Tabs value={view} onChange={(value) => value && navigate({ area: 'reports', view: value as ReportsView })} keepMounted={false}>
          <Tabs.List aria-label={t('reports:tabs.label')}>
            {views.map((id) => (
              <Tabs.Tab key={id} value={id}>
                {t(`reports:tabs.${id}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      )}
      {view === 'central' ? <CentralExportView /> : <ReachView />}
    </Stack>
  );
}
