import { Button, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconDoorEnter } from '@tabler/icons-react';
import type { OfflineEvent } from '../../../../shared/rpc/areas/events';
import { errorText } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useOfflineEvents } from './queries';

/** An event's day and time as its kept list has them (older lists have neither). */
export function offlineWhen(event: OfflineEvent, language: string): string {
  if (!event.date) return '';
  const day = formatDate(language, new Date(`${event.date}T12:00:00`), { dateStyle: 'full' });
  return [day, event.start && event.end ? `${event.start}–${event.end}` : null, event.place].filter(Boolean).join(' · ');
}

/**
 * While the office hub does not answer: the events whose counter this PC can
 * run from the list it kept when the counter was last open here, each with
 * the way to its counter.
 */
export function OfflineCounters({ onCounter }: { onCounter: (eventId: string) => void }) {
  const { t, i18n } = useT();
  const list = useOfflineEvents(true);
  const items = list.data?.items ?? [];
  const taken = (iso: string) => formatDate(i18n.language, new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Paper withBorder p="md" mb="lg" data-testid="offline-counters" aria-labelledby="offline-counters-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="offline-counters-title">
          {t('events:offline.title')}
        </Title>
        <Text>{t('events:offline.intro')}</Text>
        {list.error && <Text c="red">{errorText(t, list.error)}</Text>}
        {list.data && items.length === 0 && <Text>{t('events:offline.none')}</Text>}
        {items.length > 0 && (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('events:offline.event')}</Table.Th>
                <Table.Th>{t('events:offline.present')}</Table.Th>
                <Table.Th>{t('events:offline.listOf')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('events:offline.open')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((event) => (
                <Table.Tr key={event.eventId}>
                  <Table.Td>
                    <Text fw={700}>{event.title}</Text>
                    <Text size="sm">{offlineWhen(event, i18n.language)}</Text>
                    {event.status === 'cancelled' && <Text size="sm" c="red">{t('events:offline.cancelled')}</Text>}
                  </Table.Td>
                  <Table.Td>{event.counts.present}</Table.Td>
                  <Table.Td>{taken(event.takenAt)}</Table.Td>
                  <Table.Td>
                    <Button leftSection={<IconDoorEnter size={18} aria-hidden />} onClick={() => onCounter(event.eventId)} aria-label={t('events:offline.openFor', { title: event.title })}>
                      {t('events:offline.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
