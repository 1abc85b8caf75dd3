import { Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n/useT';
import { AuditPanel } from './AuditPanel';
import { BackupsPanel } from './BackupsPanel';
import { DistrictsPanel } from './DistrictsPanel';
import { SettingsPanel } from './SettingsPanel';
import { UsersPanel } from './UsersPanel';

export type AdminTab = 'users' | 'settings' | 'districts' | 'backups' | 'audit';

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
          <Tabs.Tab value="users">{t('admin:tabs.users')}</Tabs.Tab>
          <Tabs.Tab value="settings">{t('admin:tabs.settings')}</Tabs.Tab>
          <Tabs.Tab value="districts">{t('admin:tabs.districts')}</Tabs.Tab>
          <Tabs.Tab value="backups">{t('admin:tabs.backups')}</Tabs.Tab>
          <Tabs.Tab value="audit">{t('admin:tabs.audit')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <SettingsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="districts" pt="md">
          <DistrictsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="backups" pt="md">
          <BackupsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          <AuditPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
