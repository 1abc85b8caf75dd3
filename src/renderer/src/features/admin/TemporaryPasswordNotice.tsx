import { Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';

export interface IssuedPassword {
  displayName: string;
  username: string;
  password: string;
  until: string;
}

/**
 * The temporary password the core issued, shown once to the coordinator to
 * read out or hand over: seven words, valid for a week, changed at the
 * person's first login. It is kept nowhere.
 */
export function TemporaryPasswordNotice({ issued, onClose }: { issued: IssuedPassword | null; onClose: () => void }) {
  const { t, i18n } = useT();
  return (
    <Modal opened={issued !== null} onClose={onClose} title={t('admin:users.issuedTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      {issued && (
        <Stack gap="md">
          <Text>{t('admin:users.issuedIntro', { name: issued.displayName, username: issued.username })}</Text>
          <Paper withBorder p="md" radius="md" bg="var(--mantine-color-default-hover)">
            <Text ff="monospace" fz="lg" ta="center" fw={600} data-testid="temporary-password" style={{ wordBreak: 'break-word' }}>
              {issued.password}
            </Text>
          </Paper>
          <Text size="sm" c="dimmed">
            {t('admin:users.issuedUntil', { date: formatDate(i18n.language, new Date(issued.until), { dateStyle: 'full', timeStyle: 'short' }) })}
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {t('admin:users.issuedDone')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
