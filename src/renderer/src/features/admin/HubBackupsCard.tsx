import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDatabaseExport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { HubBackupInfo } from '../../../../shared/rpc/areas/hub';
import { notify } from '../../app/notify';
import { useRpcAction } from '../../data/useRpcMutation';
import { useRpcQuery } from '../../data/useRpcQuery';
import { useT } from '../../i18n/useT';
import { BackupTable } from './BackupTable';

/** The hub PC's backups of the whole office: made daily by the hub, on demand here, and restored from here. */
export function HubBackupsCard() {
  const { t } = useT();
  const queryClient = useQueryClient();
  const items = useRpcQuery('hub.listBackups', {}, { dependsOn: ['backup'] }).data?.items ?? [];
  const backupNow = useRpcAction('hub.backupNow');
  const restoreBackup = useRpcAction('hub.restoreBackup');
  const busy = backupNow.pending || restoreBackup.pending;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['hub.listBackups'] }).then(() => queryClient.invalidateQueries({ queryKey: ['hub.host'] }));

  const create = async () => {
    const result = await backupNow.mutate({});
    if (!result.ok) return;
    notify(t, 'brand', t('admin:hub.host.backedUp'));
    await refresh();
  };
  const restore = async (backup: HubBackupInfo) => {
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
        <BackupTable items={items} words="admin:hub.host" busy={busy} onRestore={(b) => void restore(b)} testId="hub-backups" />
      </Stack>
    </Paper>
  );
}
