import { notify } from '../../app/notify';
import { Alert, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExport } from '@tabler/icons-react';
import { useState } from 'react';
import type { BackupInfo } from '../../../../shared/rpc/areas/backup';
import { useRpcAction } from '../../data/useRpcMutation';
import { formatDate, formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useBackups, useBackupStatus } from './queries';

export function BackupsPanel() {
  const { t, i18n } = useT();
  const status = useBackupStatus().data;
  const items = useBackups().data?.items ?? [];
  const createBackup = useRpcAction('backup.create');
  const restoreBackup = useRpcAction('backup.restore');
  const busy = createBackup.pending || restoreBackup.pending;
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const when = (iso: string) => formatDate(i18n.language, new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  const create = async () => {
    const result = await createBackup.mutate({});
    if (result.ok) notify(t, 'brand', t('admin:backups.created'));
  };

  // A restore replaces every record: the core announces '*', and every screen reloads what it shows.
  const restore = async (backup: BackupInfo) => {
    setRestoring(null);
    const result = await restoreBackup.mutate({ name: backup.name });
    if (result.ok) notify(t, 'brand', t('admin:backups.restored'));
  };

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('admin:backups.title')}
      </Title>
      <Text>{t('admin:backups.intro')}</Text>
      {status && (
        <Stack gap={4}>
          <Text fw={600} data-testid="last-backup">
            {status.lastBackupAt ? t('admin:backups.last', { date: when(status.lastBackupAt) }) : t('admin:backups.none')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('admin:backups.folder', { dir: status.dir, keep: status.keep })}
          </Text>
          {status.stale && (
            <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} role="status">
              {t('admin:backups.stale')}
            </Alert>
          )}
        </Stack>
      )}
      <Group>
        <Button leftSection={<IconDatabaseExport size={16} aria-hidden />} onClick={() => void create()} loading={busy}>
          {t('admin:backups.create')}
        </Button>
      </Group>
      {items.length > 0 && (
        <Table striped aria-label={t('admin:backups.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin:backups.when')}</Table.Th>
              <Table.Th>{t('admin:backups.reason')}</Table.Th>
              <Table.Th>{t('admin:backups.size')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((b) => (
              <Table.Tr key={b.name}>
                <Table.Td>{when(b.createdAt)}</Table.Td>
                <Table.Td>{t(`admin:backups.reasons.${b.reason}`)}</Table.Td>
                <Table.Td>{formatNumber(i18n.language, b.sizeBytes / 1024, { maximumFractionDigits: 0 })} KiB</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setRestoring(b)}>
                    {t('admin:backups.restore')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={restoring !== null} onClose={() => setRestoring(null)} title={t('admin:backups.restoreTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        {restoring && (
          <Stack>
            <Text>{t('admin:backups.restoreText', { date: when(restoring.createdAt) })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRestoring(null)}>
                {t('admin:backups.cancel')}
              </Button>
              <Button color="red" onClick={() => void restore(restoring)}>
                {t('admin:backups.restore')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
