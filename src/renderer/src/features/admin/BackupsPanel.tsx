import { notify } from '../../app/notify';
import { Alert, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExport } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { BackupInfo } from '../../../../shared/rpc/areas/backup';
import type { MethodOutput } from '../../../../shared/rpc/contract';
import { useApi } from '../../api/ApiContext';
import { errorText } from '../../forms/validate';
import { formatDate, formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';

export function BackupsPanel() {
  const { t, i18n } = useT();
  const api = useApi();
  const [status, setStatus] = useState<MethodOutput<'backup.status'> | null>(null);
  const [items, setItems] = useState<BackupInfo[]>([]);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const when = (iso: string) => formatDate(i18n.language, new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  const load = useCallback(async () => {
    const [s, l] = await Promise.all([api.call('backup.status', {}), api.call('backup.list', {})]);
    if (s.ok) setStatus(s.data);
    if (l.ok) setItems(l.data.items);
  }, [api]);
  useEffect(() => void load(), [load]);

  const create = async () => {
    setBusy(true);
    const result = await api.call('backup.create', {});
    setBusy(false);
    if (!result.ok) return notify(t, 'red', errorText(t, result.error));
    notify(t, 'brand', t('admin:backups.created'));
    void load();
  };

  const restore = async (backup: BackupInfo) => {
    setRestoring(null);
    setBusy(true);
    const result = await api.call('backup.restore', { name: backup.name });
    setBusy(false);
    if (!result.ok) return notify(t, 'red', errorText(t, result.error));
    notify(t, 'brand', t('admin:backups.restored'));
    void load();
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
