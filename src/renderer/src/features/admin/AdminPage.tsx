import { Stack, Tabs, Title } from '@mantine/core';
import { useState, type ComponentType } from 'react';
import { useT } from '../../i18n/useT';
import { AuditPanel } from './AuditPanel';
import { BackupsPanel } from './BackupsPanel';
import { DistrictsPanel } from './DistrictsPanel';
import { SettingsPanel } from './SettingsPanel';
import { UsersPanel } from './UsersPanel';

const TABS = [
  ['users', UsersPanel],
  ['settings', SettingsPanel],
  ['districts', DistrictsPanel],
  ['backups', BackupsPanel],
  ['audit', AuditPanel],
] as const satisfies readonly (readonly [string, ComponentType])[];

export type AdminTab = (typeof TABS)[number][0];

/** Coordinators only; the core refuses every admin call for other roles anyway. */
export function AdminPage({ initialTab = 'users' }: { initialTab?: AdminTab }) {
  const { t } = useT();
  const [tab, setTab] = useState<AdminTab>(initialTab);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('nav:admin')}
      </Title>
      <Tabs value={tab} onChange={(value) => setTab((value as AdminTab) ?? 'users')} keepMounted={false}>
        <Tabs.List aria-label={t('admin:tabs.label')}>
          {TABS.map(([id]) => (
            <Tabs.Tab key={id} value={id}>
              {t(`admin:tabs.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map(([id, Panel]) => (
          <Tabs.Panel key={id} value={id} pt="md">
            <Panel />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
