import { Badge, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { caseworkDraftKey } from '../../../../shared/rpc/areas/drafts';
import type { Plan } from '../../../../shared/rpc/areas/plans';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useDrafts } from '../drafts/DraftsContext';
import { PlanForm } from './PlanForm';
import { useCaseStaff, usePlan } from './queries';
import { ReviewForm } from './ReviewForm';

type Measure = Plan['goals'][number]['measures'][number];

/** The family's support plan on its page: goals with measures and reviews; edited whole, printed for the family. */
export function PlanPanel({ familyId, onPrint }: { familyId: string; onPrint: (plan: Plan, ownerName: (m: Measure) => string) => void }) {
  const { t, i18n } = useT();
  const drafts = useDrafts();
  const { data, error } = usePlan(familyId);
  const staff = useCaseStaff().data?.items ?? [];
  const [editing, setEditing] = useState(() => drafts.peek(caseworkDraftKey.plan(familyId)) !== undefined);
  const [reviewing, setReviewing] = useState(false);
  const plan = data?.plan ?? null;
  const day = (iso: string | null) => (iso ? formatDate(i18n.language, new Date(iso), { dateStyle: 'medium' }) : '—');
  const ownerName = (m: Measure) => (m.ownerKind === 'staff' ? (staff.find((s) => s.id === m.ownerUserId)?.displayName ?? '—') : (m.ownerName ?? '—'));

  return (
    <Stack gap="sm">
      {error && <FormError message={errorText(t, error)} />}
      <Group justify="flex-end" gap="xs">
        <Button size="xs" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing(true)}>
          {plan ? t('casework:plan.edit') : t('casework:plan.create')}
        </Button>
        {plan && (
          <>
            <Button size="xs" variant="default" onClick={() => setReviewing(true)}>
              {t('casework:plan.addReview')}
            </Button>
            <Button size="xs" variant="default" leftSection={<IconPrinter size={14} aria-hidden />} onClick={() => onPrint(plan, ownerName)}>
              {t('casework:plan.print')}
            </Button>
          </>
        )}
      </Group>
      {data && !plan && <Text c="dimmed">{t('casework:plan.none')}</Text>}
      {plan?.goals.map((g, i) => (
        <Stack key={g.id} gap={4}>
          <Group gap="xs">
            <Title order={3} size="h6">
              {t('casework:plan.goal', { n: i + 1 })}: {g.description}
            </Title>
            <Badge size="sm" variant="light">
              {t(`casework:plan.goalStatus.${g.status}`)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {t(`lists:fieldOfAction.${g.fieldOfAction}` as never)} · {day(g.startOn)} – {day(g.targetOn)}
          </Text>
          <List size="sm" withPadding>
            {g.measures.map((m) => (
              <List.Item key={m.id}>
                {m.description} · {ownerName(m)} · {m.dueOn ? t('casework:today.due', { date: day(m.dueOn) }) : '—'} · {t(`casework:plan.measureStatus.${m.status}`)}
              </List.Item>
            ))}
          </List>
        </Stack>
      ))}
      {plan && plan.reviews.length > 0 && (
        <Stack gap={2}>
          <Title order={3} size="h6">
            {t('casework:plan.reviews')}
          </Title>
          {plan.reviews.map((r) => (
            <Text key={r.id} size="sm">
              {day(r.heldOn)}: {r.outcome}
              {r.nextReviewOn && ` · ${t('casework:plan.nextReviewOn')}: ${day(r.nextReviewOn)}`}
            </Text>
          ))}
        </Stack>
      )}
      {plan && (
        <Text size="xs" c="dimmed">
          {t('casework:plan.updated', { date: day(plan.updatedAt), name: plan.updatedByName ?? '—' })}
        </Text>
      )}
      {editing && data && <PlanForm familyId={familyId} plan={plan} onClose={() => setEditing(false)} />}
      {reviewing && <ReviewForm familyId={familyId} onClose={() => setReviewing(false)} />}
    </Stack>
  );
}
