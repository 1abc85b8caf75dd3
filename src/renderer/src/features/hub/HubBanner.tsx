import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { IconPlugConnectedX, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import type { HubStatus } from '../../../../shared/rpc/areas/hub';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionContext';

/**
 * On a PC of the office hub: a banner while the hub does not answer (what
 * still works, how many check-ins wait in this PC's journal), and after the
 * journal went in, the persons two counters checked in meanwhile — counted
 * once, listed for the host.
 */
export function HubBanner({ status }: { status: HubStatus | null }) {
  const { t, i18n } = useT();
  const [seen, setSeen] = useState<string | null>(null);
  const withoutHub = useSession().status.offline === true;
  if (!status || status.mode !== 'hub') return null;
  if (!status.online) {
    return (
      <Alert color="red" icon={<IconPlugConnectedX aria-hidden />} role="alert" title={t('common:hub.offline.title')} mb="md" data-testid="hub-offline">
        <Stack gap={4}>
          <Text size="sm">{t(withoutHub ? 'common:hub.offline.session' : 'common:hub.offline.text')}</Text>
          {status.pending > 0 && <Text size="sm">{t('common:hub.offline.pending', { count: status.pending })}</Text>}
        </Stack>
      </Alert>
    );
  }
  const replay = status.lastReplay;
  if (!replay || (replay.alreadyIn.length === 0 && replay.dropped === 0) || seen === replay.at) return null;
  return (
    <Alert color="orange" icon={<IconUsers aria-hidden />} role="status" title={t('common:hub.twice.title')} mb="md" data-testid="hub-twice">
      <Stack gap="xs">
        <Text size="sm">
          {t('common:hub.twice.text', { date: formatDate(i18n.language, new Date(replay.at), { dateStyle: 'medium', timeStyle: 'short' }) })}
        </Text>
        {replay.dropped > 0 && <Text size="sm">{t('common:hub.twice.dropped', { count: replay.dropped })}</Text>}
        <List size="sm">
          {replay.alreadyIn.map((entry, i) => (
            <List.Item key={`${entry.eventId}-${i}`}>
              {entry.familyName}: {entry.names.join(', ')}
            </List.Item>
          ))}
        </List>
        <Button size="xs" variant="default" w="fit-content" onClick={() => setSeen(replay.at)}>
          {t('common:hub.twice.done')}
        </Button>
      </Stack>
    </Alert>
  );
}
