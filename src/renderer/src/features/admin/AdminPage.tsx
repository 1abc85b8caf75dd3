import { Stack, Tabs, Title } from '@mantine/core';
import type { ComponentType } from 'react';
import type { AreaLocation } from '../../app/areas';
import { useNavigation } from '../../app/navigation';
import { useT } from '../../i18n/useT';
import { AuditPanel } from './AuditPanel';
import { BackupsPanel } from './BackupsPanel';
import { DistrictsPanel } from './DistrictsPanel';
import { HubPanel } from './HubPanel';
import { SettingsPanel } from './SettingsPanel';
import { ADMIN_TABS, type AdminTab } from './tabs';
import { UsersPanel } from './UsersPanel';

const PANELS: Record<AdminTab, ComponentType> = {
  users: UsersPanel,
  settings: SettingsPanel,
  districts: DistrictsPanel,
  backups: BackupsPanel,
  hub: HubPanel,
  audit: AuditPanel,
};

const isAdminTab = (value: string | null): value is AdminTab => (ADMIN_TABS as readonly (string | null)[]).includes(value);

/** Coordinators only; the core refuses every admin call for other roles anyway. The tab shown is the area's view. */
export function AdminPage({ location }: { location: AreaLocation<'admin'> }) {
  const { t } = useT();
  const { navigate } = useNavigation();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('nav:admin')}
      </Title>
      <Tabs value={location.view} onChange={(value) => isAdminTab(value) && navigate({ area: 'admin', view: value })} keepMounted={false}>
        <Tabs.List aria-label={t('admin:tabs.label')}>
          {ADMIN_TABS.map((id) => (
            <Tabs.Tab key={id} value={id}>
              {t(`admin:tabs.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {ADMIN_TABS.map((id) => {
          const Panel = PANELS[id];
          return (
            <Tabs.Panel key={id} value={id} pt="md">
              <Panel />
            </Tabs.Panel>
          );
        })}
      </Tabs>
    </Stack>
  );
}
