import { Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconDatabaseExport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { HubBackupInfo } from '../../../../shared/rpc/areas/hub';
import { notify } from '../../app/notify';
import { useRpcAction } from '../../data/useRpcMutation';
import { useRpcQuery } from '../../data/useRpcQuery';
import { formatDate, formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';

/** The hub PC's backups of the whole office: made daily by the hub, on demand here, and restored from here. */
export function HubBackupsCard() {
  const { t, i18n } = useT();
  const queryClient = useQueryClient();
  const items = useRpcQuery('hub.listBackups', {}, { dependsOn: ['backup'] }).data?.items ?? [];
  const backupNow = useRpcAction('hub.backupNow');
  const restoreBackup = useRpcAction('hub.restoreBackup');
  const [restoring, setRestoring] = useState<HubBackupInfo | null>(null);
  const busy = backupNow.pending || restoreBackup.pending;
  const when = (iso: string) => formatDate(i18n.language, new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['hub.listBackups'] }).then(() => queryClient.invalidateQueries({ queryKey: ['hub.host'] }));

  const create = async () => {
    const result = await backupNow.mutate({});
    if (!result.ok) return;
    notify(t, 'brand', t('admin:hub.host.backedUp'));
    await refresh();
  };
  const restore = async (backup: HubBackupInfo) => {
    setRestoring(null);
    const result = await restoreBackup.mutate({ name: backup.name });
    if (!result.ok) return;
    notify(t, 'brand', t('admin:hub.host.restored'));
    await refresh();
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('admin:hub.host.backupsTitle')}
        </Title>
        <Text size="sm">{t('admin:hub.host.backupsIntro')}</Text>
        <Group>
          <Button leftSection={<IconDatabaseExport size={16} aria-hidden />} onClick={() => void create()} loading={busy} data-testid="hub-backup-now">
            {t('admin:hub.host.backupNow')}
          </Button>
        </Group>
        {items.length > 0 && (
          <Table striped aria-label={t('admin:hub.host.tableLabel')} data-testid="hub-backups">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin:hub.host.when')}</Table.Th>
                <Table.Th>{t('admin:hub.host.reason')}</Table.Th>
                <Table.Th>{t('admin:hub.host.size')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((b) => (
                <Table.Tr key={b.name}>
                  <Table.Td>{when(b.createdAt)}</Table.Td>
                  <Table.Td>{t(`admin:hub.host.reasons.${b.reason}`)}</Table.Td>
                  <Table.Td>{formatNumber(i18n.language, b.sizeBytes / 1024, { maximumFractionDigits: 0 })} KiB</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" disabled={busy} onClick={() => setRestoring(b)}>
                      {t('admin:hub.host.restore')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal opened={restoring !== null} onClose={() => setRestoring(null)} title={t('admin:hub.host.restoreTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        {restoring && (
          <Stack>
            <Text>{t('admin:hub.host.restoreText', { date: when(restoring.createdAt) })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRestoring(null)}>
                {t('admin:hub.host.cancel')}
              </Button>
              <Button color="red" onClick={() => void restore(restoring)}>
                {t('admin:hub.host.restore')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
