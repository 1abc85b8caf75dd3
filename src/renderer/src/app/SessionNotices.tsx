import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useRpcAction } from '../data/useRpcMutation';
import { formatDate } from '../i18n';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionContext';

/**
 * What a coordinator must see after logging in: a use of the recovery key, a
 * key file changed outside the app, a database older than the one this PC saw
 * last (with the choice to go on with it or to lock).
 */
export function SessionNotices() {
  const { t, i18n } = useT();
  const session = useSession();
  const accept = useRpcAction('session.acceptRollback');
  const notices = session.status.notices ?? [];
  if (notices.length === 0) return null;
  return (
    <Stack gap="xs" mb="md">
      {notices.map((notice, i) => (
        <Alert key={`${notice.kind}-${i}`} color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" title={t(`session:notices.${notice.kind}.title`)}>
          <Stack gap="xs">
            <Text size="sm">
              {t(`session:notices.${notice.kind}.text`, {
                name: notice.userName ?? '',
                date: notice.at ? formatDate(i18n.language, new Date(notice.at), { dateStyle: 'medium', timeStyle: 'short' }) : '',
              })}
            </Text>
            {notice.kind === 'rolled_back' && (
              <Group gap="xs">
                <Button size="xs" color="red" onClick={async () => (await accept.mutate({})).ok && session.refresh()}>
                  {t('session:notices.rolled_back.accept')}
                </Button>
                <Button size="xs" variant="default" onClick={() => void session.lock()}>
                  {t('common:lock')}
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
