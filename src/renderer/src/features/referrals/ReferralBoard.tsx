import { Alert, Badge, Box, Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconAlarm, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { localDay } from '../../../../shared/dates';
import { LANGUAGES, REFERRAL_KINDS, REFERRAL_REASONS, REFERRAL_STATUS } from '../../../../shared/domain/lists';
import type { Referral } from '../../../../shared/rpc/areas/referrals';
import type { MethodInput } from '../../../../shared/rpc/contract';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useReferrals, useReminders } from './queries';
import { ReferralForm } from './ReferralForm';
import { appointmentText } from './when';

type Status = Referral['status'];
/** The board's columns: the open steps, done, and the ways a referral ends otherwise. */
const COLUMNS: { id: 'requested' | 'offered' | 'confirmed' | 'done' | 'closed'; statuses: Status[] }[] = [
  { id: 'requested', statuses: ['requested'] },
  { id: 'offered', statuses: ['offered'] },
  { id: 'confirmed', statuses: ['confirmed'] },
  { id: 'done', statuses: ['done'] },
  { id: 'closed', statuses: ['cancelled', 'no_show', 'withdrawn'] },
];
/** Dark shades, filled: readable (WCAG AA) on white and on striped rows. */
const OPEN: Status[] = ['requested', 'offered', 'confirmed'];
const ENDED: Status[] = ['done', 'cancelled', 'no_show', 'withdrawn'];
/** What the core answers at most per call (referrals/rows.ts). */
const LIMIT = 500;
const COLOR: Record<Status, string> = { requested: 'indigo.9', offered: 'grape.9', confirmed: 'blue.9', done: 'teal.9', cancelled: 'gray.7', no_show: 'red.9', withdrawn: 'gray.7' };

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useT();
  return (
    <Badge color={COLOR[status]} variant="filled">
      {t(`lists:referralStatus.${status}`)}
    </Badge>
  );
}

/** What a referral is for, in a few words: kind, language, reason. */
export function useNeedText() {
  const { t } = useT();
  return (r: Pick<Referral, 'kind' | 'language' | 'reason' | 'externalService'>) =>
    [t(`lists:referralKind.${r.kind}`), r.language ? t(`lists:language.${r.language as (typeof LANGUAGES)[number]}`) : null, r.externalService, t(`lists:referralReason.${r.reason}`)].filter(Boolean).join(' · ');
}

function ReferralCard({ referral, onOpen }: { referral: Referral; onOpen: (id: string) => void }) {
  const { t, i18n } = useT();
  const need = useNeedText();
  return (
    <UnstyledButton onClick={() => onOpen(referral.id)} data-testid="referral-card" aria-label={t('volunteering:board.open', { name: referral.familyName, when: appointmentText(i18n.language, referral, false) })}>
    <Card withBorder padding="xs">
      <Text fw={600} size="sm">
        {referral.familyName}
      </Text>
      <Text size="sm">{need(referral)}</Text>
      <Text size="sm" c="dimmed">
        {appointmentText(i18n.language, referral)}
      </Text>
      {referral.volunteerName && <Text size="sm">{t('volunteering:board.volunteer', { name: referral.volunteerName })}</Text>}
      {referral.status !== COLUMNS.find((c) => c.statuses.includes(referral.status))?.id && <StatusBadge status={referral.status} />}
    </Card>
    </UnstyledButton>
  );
}

/** Referrals with an appointment in the next 48 hours that nobody has confirmed yet. */
function Reminders({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, i18n } = useT();
  const due = useReminders().data?.items ?? [];
  if (due.length === 0) return null;
  return (
    <Alert color="orange" icon={<IconAlarm aria-hidden />} title={t('volunteering:reminders.title', { count: due.length })} data-testid="reminders">
      <Stack gap={4}>
        {due.map((r) => (
          <Group key={r.id} gap="xs">
            <Button size="compact-sm" variant="subtle" onClick={() => onOpen(r.id)}>
              {r.familyName}
            </Button>
            <Text size="sm">
              {appointmentText(i18n.language, r, false)} · <StatusBadge status={r.status} />
            </Text>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}

/**
 * Referrals by status as a board, or as a list with filters; reminders of
 * unconfirmed appointments in the next 48 hours above both.
 */
export function ReferralBoard({ mode, onMode, onOpen }: { mode: 'board' | 'list'; onMode: (mode: 'board' | 'list') => void; onOpen: (id: string) => void }) {
  const { t, i18n } = useT();
  const need = useNeedText();
  const [creating, setCreating] = useState(false);
  const [kind, setKind] = useState<string | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // The board shows the last 30 days and what is ahead; the list goes back a year.
  const [today] = useState(() => new Date());
  const from = localDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - (mode === 'board' ? 30 : 365)));
  const filter: NonNullable<MethodInput<'referrals.list'>> = {
    ...(kind ? { kind: kind as Referral['kind'] } : {}),
    ...(reason ? { reason: reason as Referral['reason'] } : {}),
    ...(language ? { language: language as (typeof LANGUAGES)[number] } : {}),
  };
  // The board: every open referral, however old, and what ended in the last 30 days. The list: a year, newest first.
  const open = useReferrals({ ...filter, statuses: OPEN }, mode === 'board');
  const ended = useReferrals({ ...filter, statuses: ENDED, from }, mode === 'board');
  const listed = useReferrals({ ...filter, from, newestFirst: true, ...(status ? { status: status as Status } : {}) }, mode === 'list');
  const items = useMemo(() => (mode === 'list' ? (listed.data?.items ?? []) : [...(open.data?.items ?? []), ...(ended.data?.items ?? [])]), [mode, listed.data, open.data, ended.data]);
  const error = (mode === 'list' ? listed.error : (open.error ?? ended.error)) ?? null;
  const loaded = mode === 'list' ? listed.data !== undefined : open.data !== undefined && ended.data !== undefined;
  // The core answers at most 500 at a time: say so rather than leave the rest out silently.
  const capped = mode === 'list' ? (listed.data?.items.length ?? 0) >= LIMIT : (open.data?.items.length ?? 0) >= LIMIT || (ended.data?.items.length ?? 0) >= LIMIT;
  return (
    <Stack gap="md">
      <Reminders onOpen={onOpen} />
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="sm">
          <SegmentedControl
            aria-label={t('volunteering:board.view')}
            value={mode}
            onChange={(value) => onMode(value as 'board' | 'list')}
            data={[
              { value: 'board', label: t('volunteering:board.board') },
              { value: 'list', label: t('volunteering:board.list') },
            ]}
          />
          <Select label={t('volunteering:referral.kind')} data={listOptions(t, REFERRAL_KINDS, 'referralKind')} value={kind} onChange={setKind} clearable w={170} />
          <Select label={t('volunteering:referral.reason')} data={listOptions(t, REFERRAL_REASONS, 'referralReason')} value={reason} onChange={setReason} clearable w={220} />
          <Select label={t('volunteering:referral.language')} data={listOptions(t, LANGUAGES, 'language')} value={language} onChange={setLanguage} clearable searchable w={170} />
          {mode === 'list' && <Select label={t('volunteering:referral.status')} data={listOptions(t, REFERRAL_STATUS, 'referralStatus')} value={status} onChange={setStatus} clearable w={170} />}
        </Group>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('volunteering:referral.new')}
        </Button>
      </Group>
      {error && <FormError message={errorText(t, error)} />}
      {capped && <Text c="dimmed">{t('volunteering:board.capped', { count: LIMIT })}</Text>}
      {mode === 'board' ? (
        <Box style={{ overflowX: 'auto' }}>
          <SimpleGrid cols={5} spacing="sm" miw={1000}>
            {COLUMNS.map((column) => {
              const cards = items.filter((r) => column.statuses.includes(r.status));
              return (
                <Stack key={column.id} gap="xs" component="section" aria-labelledby={`column-${column.id}`} data-testid={`column-${column.id}`}>
                  <Title order={2} size="h5" id={`column-${column.id}`}>
                    {t(`volunteering:board.columns.${column.id}`)} ({cards.length})
                  </Title>
                  {cards.map((r) => (
                    <ReferralCard key={r.id} referral={r} onOpen={onOpen} />
                  ))}
                </Stack>
              );
            })}
          </SimpleGrid>
        </Box>
      ) : (
        <Table striped highlightOnHover aria-label={t('volunteering:board.list')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('volunteering:referral.appointment')}</Table.Th>
              <Table.Th>{t('volunteering:referral.family')}</Table.Th>
              <Table.Th>{t('volunteering:referral.need')}</Table.Th>
              <Table.Th>{t('volunteering:referral.volunteer')}</Table.Th>
              <Table.Th>{t('volunteering:referral.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{appointmentText(i18n.language, r, false)}</Table.Td>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => onOpen(r.id)}>
                    {r.familyName}
                  </Button>
                </Table.Td>
                <Table.Td>{need(r)}</Table.Td>
                <Table.Td>{r.volunteerName ?? '–'}</Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
              </Table.Tr>
            ))}
            {loaded && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>{t('volunteering:board.none')}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      )}
      {creating && <ReferralForm onClose={() => setCreating(false)} onSaved={onOpen} />}
    </Stack>
  );
}
