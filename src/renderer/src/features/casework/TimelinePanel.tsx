import { Badge, Button, Chip, Group, Select, Stack, Text, Timeline } from '@mantine/core';
import { useState } from 'react';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../../../../shared/rpc/areas/timeline';
import { formatDate } from '../../i18n';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useTimeline } from './queries';

/**
 * One chronological list of a family's history: contacts, consents and —
 * for those who hold case work — notes and plan changes. Filtered by kind and
 * field of action; older pages load on request, so a long history opens fast.
 */
export function TimelinePanel({ familyId, kinds: available }: { familyId: string; kinds: readonly TimelineKind[] }) {
  const { t, i18n } = useT();
  const [kinds, setKinds] = useState<TimelineKind[]>([...available]);
  const [field, setField] = useState<string | null>(null);
  const [pages, setPages] = useState<string[]>([]);
  const filters = { familyId, kinds, ...(field ? { fieldOfAction: Number(field) } : {}) };
  const first = useTimeline(filters);
  const reset = () => setPages([]);
  const when = (iso: string) => formatDate(i18n.language, new Date(iso), iso.length > 10 ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
  const next = pages.length > 0 ? null : (first.data?.next ?? null);
  return (
    <Stack gap="sm">
      <Chip.Group
        multiple
        value={kinds}
        onChange={(v) => {
          setKinds(v as TimelineKind[]);
          reset();
        }}
      >
        <Group gap={6} role="group" aria-label={t('casework:timeline.kinds')}>
          {TIMELINE_KINDS.filter((k) => available.includes(k)).map((k) => (
            <Chip key={k} value={k} size="xs">
              {t(`casework:timeline.kind.${k}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Select
        size="xs"
        aria-label={t('casework:form.fieldOfAction')}
        placeholder={t('casework:timeline.allFields')}
        clearable
        data={listOptions(t, [1, 2, 3], 'fieldOfAction')}
        value={field}
        onChange={(v) => {
          setField(v);
          reset();
        }}
      />
      {first.data?.items.length === 0 && <Text c="dimmed">{t('casework:timeline.empty')}</Text>}
      <Timeline bulletSize={14} lineWidth={2}>
        {first.data?.items.map((e) => <Item key={`${e.kind}.${e.id}`} entry={e} when={when} />)}
        {pages.map((cursor, i) => (
          <OlderPage key={cursor} filters={filters} cursor={cursor} when={when} last={i === pages.length - 1} onNext={(c) => setPages((p) => [...p, c])} />
        ))}
      </Timeline>
      {next && (
        <Button size="xs" variant="default" onClick={() => setPages([next])}>
          {t('casework:timeline.more')}
        </Button>
      )}
    </Stack>
  );
}

function OlderPage({
  filters,
  cursor,
  when,
  last,
  onNext,
}: {
  filters: { familyId: string; kinds: TimelineKind[]; fieldOfAction?: number };
  cursor: string;
  when: (iso: string) => string;
  last: boolean;
  onNext: (cursor: string) => void;
}) {
  const { t } = useT();
  const page = useTimeline({ ...filters, cursor });
  return (
    <>
      {page.data?.items.map((e) => <Item key={`${e.kind}.${e.id}`} entry={e} when={when} />)}
      {last && page.data?.next && (
        <Button size="xs" variant="default" onClick={() => onNext(page.data!.next!)}>
          {t('casework:timeline.more')}
        </Button>
      )}
    </>
  );
}

function Item({ entry: e, when }: { entry: TimelineEntry; when: (iso: string) => string }) {
  const { t } = useT();
  const what = (() => {
    if (e.kind === 'contact') return t(`lists:contactType.${e.what}` as never);
    if (e.kind === 'consent') {
      const [purpose, state] = e.what.split('.');
      return `${t(`lists:consent.${purpose}` as never)}: ${t(`casework:timeline.what.${state}` as never)}`;
    }
    if (e.kind === 'note') return e.what === 'confidential' || e.what === 'deleted' ? t(`casework:timeline.what.${e.what}` as never) : `${t('casework:timeline.what.note')} · ${t(`lists:noteKind.${e.what}` as never)}`;
    return t(`casework:timeline.what.${e.what}` as never);
  })();
  return (
    <Timeline.Item title={`${what} · ${when(e.at)}`}>
      <Group gap={6}>
        {e.fieldOfAction && (
          <Text size="xs" c="dimmed">
            {t(`lists:fieldOfAction.${e.fieldOfAction}` as never)}
          </Text>
        )}
        {e.confidential && (
          <Badge size="xs" color="red.9" variant="filled">
            {t('casework:notes.confidential')}
          </Badge>
        )}
        {e.byName && (
          <Text size="xs" c="dimmed">
            {e.byName}
          </Text>
        )}
      </Group>
      {e.text && <Text size="sm">{e.text}</Text>}
    </Timeline.Item>
  );
}
