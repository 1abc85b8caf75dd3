import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconArrowLeft, IconCopy, IconDownload, IconPencil, IconPrinter, IconScan, IconUserPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { LANGUAGES } from '../../../../shared/domain/lists';
import type { Counts } from '../../../../shared/rpc/areas/events';

type Language = (typeof LANGUAGES)[number];
import { notify } from '../../app/notify';
import { useRpcAction } from '../../data/useRpcMutation';
import { errorText } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionContext';
import { useCan } from '../../session/useCan';
import { useSettings } from '../admin/queries';
import { downloadText } from '../family-list/csv';
import { AttendanceSheet } from './AttendanceSheet';
import { CancelEventDialog } from './CancelEventDialog';
import { CopyEventDialog } from './CopyEventDialog';
import { EventForm } from './EventForm';
import { RegisterFamilyDialog } from './RegisterFamilyDialog';
import { TrainingVolunteers } from './TrainingVolunteers';
import { useAttendance, useEvent } from './queries';

/** The live counters, as the counter shows them too. */
export function CountsGrid({ counts, large = false }: { counts: Counts; large?: boolean }) {
  const { t } = useT();
  const cells: ['present' | 'registered' | 'walkIns' | 'anonymous' | 'capacityLeft', number | string][] = [
    ['present', counts.present],
    ['registered', counts.registered],
    ['walkIns', counts.walkIns],
    ['anonymous', counts.anonymous.total],
    ['capacityLeft', counts.capacityLeft ?? '–'],
  ];
  return (
    <SimpleGrid cols={{ base: 3, sm: 5 }} spacing="xs" role="status" aria-live="polite" aria-label={t('events:counts.label')}>
      {cells.map(([key, value]) => (
        <Paper key={key} withBorder p={large ? 'sm' : 'xs'} data-testid={`count-${key}`}>
          <Text size={large ? 'md' : 'xs'} c="dimmed" component="div">
            {t(`events:counts.${key}`)}
          </Text>
          <Text fw={700} fz={large ? 40 : 'xl'} lh={1.1} component="div">
            {value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** One event: its data, registrations with the waiting list, the attendance list and the way to the counter. */
export function EventDetail({ id, onBack, onOpen, onCounter }: { id: string; onBack: () => void; onOpen: (id: string) => void; onCounter: () => void }) {
  const { t, i18n } = useT();
  const { status } = useSession();
  const event = useEvent(id);
  const attendance = useAttendance(id);
  const settings = useSettings().data;
  const mayEdit = useCan('events.save');
  const mayVolunteers = useCan('trainings.volunteers');
  const mayRegister = useCan('registrations.add');
  const mayExport = useCan('attendance.export');
  const cancelRegistration = useRpcAction('registrations.cancel');
  const exportAttendance = useRpcAction('attendance.export');
  const [dialog, setDialog] = useState<'edit' | 'copy' | 'cancel' | 'register' | null>(null);
  const e = event.data;
  if (event.error) {
    return (
      <Stack>
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={onBack} w="fit-content">
          {t('events:back')}
        </Button>
        <Text c="red">{errorText(t, event.error)}</Text>
      </Stack>
    );
  }
  if (!e) return null;
  const day = formatDate(i18n.language, new Date(`${e.date}T12:00:00`), { dateStyle: 'full' });
  const open = e.registrations.filter((r) => r.status !== 'cancelled');
  const cancel = async (registrationId: string) => {
    const result = await cancelRegistration.mutate({ id: registrationId });
    if (result.ok && result.data.movedUpAll.length > 0) notify(t, 'brand', t('events:registrations.movedUp', { name: result.data.movedUpAll.map((r) => r.familyName).join(', ') }));
    else if (result.ok) notify(t, 'brand', t('events:registrations.cancelled'));
  };
  const download = async (format: 'csv' | 'xlsx') => {
    const result = await exportAttendance.mutate({ eventId: id, format, language: i18n.language === 'en' ? 'en' : 'de' });
    if (!result.ok) return;
    const bytes = Uint8Array.from(atob(result.data.base64), (ch) => ch.charCodeAt(0));
    downloadText(result.data.fileName, bytes, result.data.mime);
  };
  return (
    <Stack gap="md">
      <Button variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={onBack} w="fit-content">
        {t('events:back')}
      </Button>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {e.title} {e.status === 'cancelled' && <Badge color="gray">{t('events:cancelled')}</Badge>}
          </Title>
          <Text>
            {day} · {e.start}–{e.end} · {e.place}
          </Text>
          <Text c="dimmed" size="sm">
            {t(`lists:eventType.${e.type}`)} · {t(`lists:fieldOfAction.${e.fieldOfAction as 1 | 2 | 3}`)}
            {e.languages.length > 0 && ` · ${e.languages.map((l) => t(`lists:language.${l as Language}`)).join(', ')}`}
            {e.interpreter && ` · ${t('events:interpreterPresent')}`}
            {e.seriesId && ` · ${t('events:inSeries')}`}
            {e.hosts && ` · ${t('events:attendance.hosts')}: ${e.hosts}`}
          </Text>
          {e.status === 'cancelled' && <Text c="red">{t('events:cancelReason', { reason: e.cancelReason })}</Text>}
          {e.description && <Text>{e.description}</Text>}
        </Stack>
        {e.status !== 'cancelled' && (
          <Button size="lg" leftSection={<IconScan size={20} aria-hidden />} onClick={onCounter}>
            {t('events:openCounter')}
          </Button>
        )}
      </Group>
      <CountsGrid counts={e.counts} />
      <Group gap="xs">
        {mayEdit && e.status !== 'cancelled' && (
          <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setDialog('edit')}>
            {t('events:edit')}
          </Button>
        )}
        {mayEdit && (
          <Button variant="default" leftSection={<IconCopy size={16} aria-hidden />} onClick={() => setDialog('copy')}>
            {t('events:copy.open')}
          </Button>
        )}
        <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()} disabled={!attendance.data}>
          {t('events:attendance.print')}
        </Button>
        {mayExport && (
          <>
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => void download('csv')}>
              {t('events:attendance.csv')}
            </Button>
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => void download('xlsx')}>
              {t('events:attendance.xlsx')}
            </Button>
          </>
        )}
        {mayEdit && e.status !== 'cancelled' && (
          <Button variant="default" color="red" leftSection={<IconX size={16} aria-hidden />} onClick={() => setDialog('cancel')}>
            {t('events:cancel.open')}
          </Button>
        )}
      </Group>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('events:registrations.title')}
        </Title>
        {mayRegister && e.status !== 'cancelled' && (
          <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setDialog('register')}>
            {t('events:registrations.add')}
          </Button>
        )}
      </Group>
      <Table striped aria-label={t('events:registrations.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('events:registrations.family')}</Table.Th>
            <Table.Th>{t('events:registrations.code')}</Table.Th>
            <Table.Th>{t('events:registrations.persons')}</Table.Th>
            <Table.Th>{t('events:registrations.status')}</Table.Th>
            <Table.Th>{t('events:registrations.since')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('events:registrations.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {open.map((r) => (
            <Table.Tr key={r.id} data-testid="registration">
              <Table.Td>{r.familyName}</Table.Td>
              <Table.Td>{r.familyCode}</Table.Td>
              <Table.Td>{r.persons}</Table.Td>
              <Table.Td>
                <Badge color={r.status === 'waiting' ? 'orange' : 'teal'} variant="light">
                  {t(`events:registrations.statuses.${r.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDate(i18n.language, new Date(r.createdAt), { dateStyle: 'short', timeStyle: 'short' })}</Table.Td>
              <Table.Td>
                {mayRegister && (
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => void cancel(r.id)} aria-label={t('events:registrations.cancelFor', { name: r.familyName })}>
                    {t('events:registrations.cancel')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
          {open.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>{t('events:registrations.none')}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {e.type === 'volunteer_training' && mayVolunteers && <TrainingVolunteers eventId={e.id} cancelled={e.status === 'cancelled'} />}
      {dialog === 'edit' && <EventForm event={e} onClose={() => setDialog(null)} />}
      {dialog === 'copy' && (
        <CopyEventDialog
          eventId={id}
          onClose={() => setDialog(null)}
          onCopied={(copy) => {
            setDialog(null);
            onOpen(copy);
          }}
        />
      )}
      {dialog === 'cancel' && <CancelEventDialog eventId={id} onClose={() => setDialog(null)} />}
      {dialog === 'register' && <RegisterFamilyDialog eventId={id} onClose={() => setDialog(null)} />}
      {attendance.data && (
        <div className="print-only">
          <AttendanceSheet
            event={attendance.data.event}
            attendees={attendance.data.attendees}
            counts={attendance.data.counts}
            officeName={status.officeName ?? ''}
            projectName={settings?.projectName ?? ''}
            fundingLine={settings?.fundingLine ?? ''}
          />
        </div>
      )}
    </Stack>
  );
}
