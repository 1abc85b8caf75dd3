import { notify } from '../../app/notify';
import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExport, IconServer2 } from '@tabler/icons-react';
import type { BackupInfo } from '../../../../shared/rpc/areas/backup';
import { useNavigation } from '../../app/navigation';
import { useRpcQuery } from '../../data/useRpcQuery';
import { useRpcAction } from '../../data/useRpcMutation';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useHubStatus } from '../hub/useHubStatus';
import { BackupTable } from './BackupTable';
import { useBackups, useBackupStatus } from './queries';

/** The PC's own backups; on a PC of the office hub, where the hub's backups are instead (the PC makes none). */
export function BackupsPanel() {
  const hub = useHubStatus();
  if (!hub) return <Loader size="sm" aria-label="…" />;
  return hub.mode === 'hub' ? <HubBackupsNote /> : <PcBackups />;
}

function HubBackupsNote() {
  const { t } = useT();
  const { navigate } = useNavigation();
  // The same question as the Office hub tab asks (one cached answer): answered only on the hub PC.
  const host = useRpcQuery('hub.host', {}, { dependsOn: [] });
  if (host.pending) return <Loader size="sm" aria-label="…" />;
  return (
    <Paper withBorder p="md" radius="md" maw={720}>
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h3">
          {t('admin:backups.onHub.title')}
        </Title>
        <Text data-testid="hub-backups-note">{host.data ? t('admin:backups.onHub.host') : t('admin:backups.onHub.member')}</Text>
        {host.data && (
          <Button variant="light" leftSection={<IconServer2 size={16} aria-hidden />} onClick={() => navigate({ area: 'admin', view: 'hub' })}>
            {t('admin:backups.onHub.open')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function PcBackups() {
  const { t, i18n } = useT();
  const status = useBackupStatus().data;
  const items = useBackups().data?.items ?? [];
  const createBackup = useRpcAction('backup.create');
  const restoreBackup = useRpcAction('backup.restore');
  const busy = createBackup.pending || restoreBackup.pending;
  const when = (iso: string) => formatDate(i18n.language, new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  const create = async () => {
    const result = await createBackup.mutate({});
    if (result.ok) notify(t, 'brand', t('admin:backups.created'));
  };

  // A restore replaces every record: the core announces '*', and every screen reloads what it shows.
  const restore = async (backup: BackupInfo) => {
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
      <BackupTable items={items} words="admin:backups" busy={busy} onRestore={(b) => void restore(b)} />
    </Stack>
  );
}
