import '@mantine/schedule/styles.css';
import { Badge, Button, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Schedule, type ScheduleEventData, type ScheduleViewLevel } from '@mantine/schedule';
import { IconCalendarPlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import 'dayjs/locale/de';
import { useMemo, useState } from 'react';
import { localDay } from '../../../../shared/dates';
import { EVENT_TYPES } from '../../../../shared/domain/lists';
import { errorText } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import classes from './EventCalendar.module.css';
import { EventForm } from './EventForm';
import { useEventList } from './queries';

type Mode = 'month' | 'week' | 'list';

/** Colours by type of event, so a month shows at a glance what kind of week it is. */
const COLORS: Record<string, string> = {
  parent_cafe: 'teal.9',
  information_evening: 'blue.9',
  workshop: 'grape.9',
  course: 'indigo.9',
  volunteer_training: 'orange.9',
  meeting: 'green.9',
  excursion: 'cyan.9',
  other: 'gray.8',
};

/** The days a view shows (with the days of the neighbouring months a month view shows too). */
function rangeOf(mode: Mode, anchor: string): { from: string; to: string } {
  const d = dayjs(anchor);
  if (mode === 'week') return { from: d.subtract(7, 'day').format('YYYY-MM-DD'), to: d.add(7, 'day').format('YYYY-MM-DD') };
  if (mode === 'month') return { from: d.startOf('month').subtract(7, 'day').format('YYYY-MM-DD'), to: d.endOf('month').add(7, 'day').format('YYYY-MM-DD') };
  return { from: d.format('YYYY-MM-DD'), to: d.add(3, 'month').format('YYYY-MM-DD') };
}

/** The events calendar: month and week (Mantine's schedule) and a list with filters; a new event from here. */
export function EventCalendar({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, i18n } = useT();
  const mayCreate = useCan('events.save');
  const [shown, setShown] = useState<'calendar' | 'list'>('calendar');
  const [calendarView, setCalendarView] = useState<'month' | 'week'>('month');
  const mode: Mode = shown === 'list' ? 'list' : calendarView;
  const [anchor, setAnchor] = useState(localDay());
  const [creating, setCreating] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [text, setText] = useState('');
  const range = rangeOf(mode, anchor);
  const list = useEventList(range.from, range.to);
  const items = useMemo(() => {
    const needle = text.trim().toLocaleLowerCase();
    return (list.data?.items ?? []).filter((e) => (!type || e.type === type) && (!needle || `${e.title} ${e.place}`.toLocaleLowerCase().includes(needle)));
  }, [list.data, type, text]);
  const scheduled = useMemo<ScheduleEventData[]>(
    () =>
      items.map((e) => ({
        id: e.id,
        title: e.status === 'cancelled' ? `${t('events:cancelled')}: ${e.title}` : e.title,
        start: `${e.date} ${e.start}:00`,
        end: `${e.date} ${e.end}:00`,
        color: e.status === 'cancelled' ? 'gray.7' : (COLORS[e.type] ?? 'gray.8'),
        // Filled, dark shades: white text on them passes the contrast check.
        variant: 'filled' as const,
      })),
    [items, t],
  );
  const labels = useMemo(
    () => ({
      day: t('events:calendar.day'),
      week: t('events:calendar.week'),
      month: t('events:calendar.month'),
      year: t('events:calendar.year'),
      today: t('events:calendar.today'),
      next: t('events:calendar.next'),
      previous: t('events:calendar.previous'),
      more: t('events:calendar.more'),
      allDay: t('events:calendar.allDay'),
      weekday: t('events:calendar.weekday'),
      timeSlot: t('events:calendar.timeSlot'),
      noEvents: t('events:calendar.noEvents'),
      viewSelectLabel: t('events:calendar.view'),
      switchToWeekView: t('events:calendar.switchToWeek'),
      switchToMonthView: t('events:calendar.switchToMonth'),
      moreLabel: (count: number) => t('events:calendar.moreLabel', { count }),
    }),
    [t],
  );
  const views = { views: ['week', 'month'] as ScheduleViewLevel[] };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('events:title')}
        </Title>
        {mayCreate && (
          <Button leftSection={<IconCalendarPlus size={18} aria-hidden />} onClick={() => setCreating(anchor)}>
            {t('events:new')}
          </Button>
        )}
      </Group>
      <Group align="flex-end">
        <SegmentedControl
          aria-label={t('events:calendar.view')}
          value={shown}
          onChange={(value) => setShown(value as typeof shown)}
          data={(['calendar', 'list'] as const).map((value) => ({ value, label: t(`events:calendar.${value}`) }))}
        />
        <Select label={t('events:filter.type')} placeholder={t('events:filter.allTypes')} data={listOptions(t, EVENT_TYPES, 'eventType')} value={type} onChange={setType} clearable w={260} />
        <TextInput label={t('events:filter.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} w={220} />
      </Group>
      {list.error && <Text c="red">{errorText(t, list.error)}</Text>}
      {mode === 'list' ? (
        <Table striped highlightOnHover aria-label={t('events:listLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('events:columns.date')}</Table.Th>
              <Table.Th>{t('events:columns.time')}</Table.Th>
              <Table.Th>{t('events:columns.title')}</Table.Th>
              <Table.Th>{t('events:columns.type')}</Table.Th>
              <Table.Th>{t('events:columns.place')}</Table.Th>
              <Table.Th>{t('events:columns.registered')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{formatDate(i18n.language, new Date(`${e.date}T12:00:00`), { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' })}</Table.Td>
                <Table.Td>
                  {e.start}–{e.end}
                </Table.Td>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => onOpen(e.id)}>
                    {e.title}
                  </Button>
                  {e.status === 'cancelled' && (
                    <Badge color="gray" ml="xs">
                      {t('events:cancelled')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{t(`lists:eventType.${e.type}`)}</Table.Td>
                <Table.Td>{e.place}</Table.Td>
                <Table.Td>{e.capacity ? `${e.registered} / ${e.capacity}` : e.registered}</Table.Td>
              </Table.Tr>
            ))}
            {items.length === 0 && !list.pending && (
              <Table.Tr>
                <Table.Td colSpan={6}>{t('events:calendar.noEvents')}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      ) : (
        <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
          <Schedule
            className={classes.calendar}
            view={calendarView}
            onViewChange={(view) => (view === 'week' || view === 'month') && setCalendarView(view)}
            date={anchor}
            onDateChange={(date) => setAnchor(dayjs(date).format('YYYY-MM-DD'))}
            events={scheduled}
            locale={i18n.language}
            labels={labels}
            onEventClick={(event) => onOpen(String(event.id))}
            onDayClick={(date) => mayCreate && setCreating(dayjs(date).format('YYYY-MM-DD'))}
            monthViewProps={{ viewSelectProps: views, firstDayOfWeek: 1 }}
            weekViewProps={{ viewSelectProps: views, firstDayOfWeek: 1, startTime: '07:00:00', endTime: '22:00:00', withCurrentTimeIndicator: false }}
          />
        </DatesProvider>
      )}
      {creating !== null && <EventForm event={null} date={creating} onClose={() => setCreating(null)} onSaved={onOpen} />}
    </Stack>
  );
}
