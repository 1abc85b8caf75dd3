import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useRpcAction } from '../../data/useRpcMutation';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useToday } from './queries';

/**
 * The caseworker's start screen, "Due today": overdue and due measures,
 * reviews due, their open cases with the last contact, and who opened their
 * confidential notes through break-glass (until they mark it seen).
 */
export function TodayPanel({ onOpenFamily }: { onOpenFamily: (id: string) => void }) {
  const { t, i18n } = useT();
  const { data } = useToday();
  const ack = useRpcAction('cases.ackAccess');
  const day = (iso: string) => formatDate(i18n.language, new Date(iso), { dateStyle: 'medium' });
  const when = (iso: string) => formatDate(i18n.language, new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  if (!data) return null;
  const family = (id: string, name: string) => (
    <Anchor component="button" type="button" size="sm" onClick={() => onOpenFamily(id)}>
      {name}
    </Anchor>
  );
  const nothing = data.measures.length + data.reviews.length + data.accesses.length === 0;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="today-title">
      <Title order={2} size="h4" id="today-title" mb="xs">
        {t('casework:today.title')}
      </Title>
      <Stack gap="md">
        {data.accesses.length > 0 && (
          <Block title={t('casework:today.accesses')}>
            {data.accesses.map((a) => (
              <Group key={a.id} justify="space-between" wrap="nowrap" data-testid="break-glass-notice">
                <Group gap="xs" wrap="nowrap">
                  <IconAlertTriangle size={16} color="var(--mantine-color-orange-7)" aria-hidden />
                  <Text size="sm">{t('casework:today.accessLine', { name: a.byName ?? '—', at: when(a.at), date: day(a.noteOn), family: a.familyName, reason: a.reason })}</Text>
                </Group>
                <Button
                  size="xs"
                  variant="default"
                  style={{ flexShrink: 0 }}
                  aria-label={`${t('casework:today.ack')}: ${a.byName ?? '—'}, ${when(a.at)}`}
                  onClick={() => void ack.mutate({ ids: [a.id] })}
                >
                  {t('casework:today.ack')}
                </Button>
              </Group>
            ))}
          </Block>
        )}
        {data.measures.length > 0 && (
          <Block title={t('casework:today.measures')}>
            {data.measures.map((m) => (
              <Group key={m.measureId} gap="xs" data-testid="due-measure">
                {family(m.familyId, m.familyName)}
                <Text size="sm">· {m.description} ·</Text>
                <Badge size="sm" color={m.overdue ? 'red.9' : 'dark'} variant="filled">
                  {m.overdue ? t('casework:today.overdue', { date: day(m.dueOn) }) : t('casework:today.due', { date: day(m.dueOn) })}
                </Badge>
              </Group>
            ))}
          </Block>
        )}
        {data.reviews.length > 0 && (
          <Block title={t('casework:today.reviews')}>
            {data.reviews.map((r) => (
              <Group key={r.familyId} gap="xs">
                {family(r.familyId, r.familyName)}
                <Badge size="sm" color={r.overdue ? 'red.9' : 'dark'} variant="filled">
                  {r.overdue ? t('casework:today.overdue', { date: day(r.nextReviewOn) }) : t('casework:today.due', { date: day(r.nextReviewOn) })}
                </Badge>
              </Group>
            ))}
          </Block>
        )}
        {nothing && <Text c="dimmed">{t('casework:today.nothing')}</Text>}
        {data.cases.length > 0 && (
          <Block title={t('casework:today.cases')}>
            {data.cases.map((c) => (
              <Group key={c.familyId} gap="xs">
                {family(c.familyId, c.familyName)}
                <Text size="sm" c="dimmed">
                  {c.familyCode} · {c.lead ? t('casework:today.lead') : t('casework:today.helper')} ·{' '}
                  {c.lastContact ? t('casework:today.lastContact', { date: day(c.lastContact) }) : t('casework:today.noContact')}
                </Text>
              </Group>
            ))}
          </Block>
        )}
      </Stack>
    </Paper>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h6">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
