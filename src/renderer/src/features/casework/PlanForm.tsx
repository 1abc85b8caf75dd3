import { ActionIcon, Alert, Button, Divider, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { localDay } from '../../../../shared/dates';
import { GOAL_STATUS, MEASURE_OWNERS, MEASURE_STATUS } from '../../../../shared/domain/lists';
import { caseworkDraftKey } from '../../../../shared/rpc/areas/drafts';
import type { GoalInput, Plan } from '../../../../shared/rpc/areas/plans';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { DateField } from '../../forms/DateField';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useDraft } from '../drafts/useDraft';
import { FormButtons, FormModal } from './FormModal';
import { useCaseStaff } from './queries';

interface MeasureValues {
  id?: string | undefined;
  description: string;
  ownerKind: string;
  ownerUserId: string | null;
  ownerName: string;
  dueOn: string | null;
  status: string;
}
interface GoalValues {
  id?: string | undefined;
  fieldOfAction: string;
  description: string;
  startOn: string;
  targetOn: string | null;
  status: string;
  measures: MeasureValues[];
}

const newMeasure = (): MeasureValues => ({ description: '', ownerKind: 'staff', ownerUserId: null, ownerName: '', dueOn: null, status: 'open' });
const newGoal = (): GoalValues => ({ fieldOfAction: '1', description: '', startOn: localDay(), targetOn: null, status: 'open', measures: [newMeasure()] });

/** The version the form was opened from travels with it (and its draft): saving checks it. */
function valuesOf(plan: Plan | null): { version: number | null; goals: GoalValues[] } {
  if (!plan) return { version: null, goals: [newGoal()] };
  return {
    version: plan.version,
    goals: plan.goals.map((g) => ({
      id: g.id,
      fieldOfAction: String(g.fieldOfAction),
      description: g.description,
      startOn: g.startOn,
      targetOn: g.targetOn,
      status: g.status,
      measures: g.measures.map((m) => ({ id: m.id, description: m.description, ownerKind: m.ownerKind, ownerUserId: m.ownerUserId, ownerName: m.ownerName ?? '', dueOn: m.dueOn, status: m.status })),
    })),
  };
}

function toInput(goals: GoalValues[]): GoalInput[] {
  return goals.map((g) => ({
    ...(g.id ? { id: g.id } : {}),
    fieldOfAction: Number(g.fieldOfAction) as 1 | 2 | 3,
    description: g.description,
    startOn: g.startOn,
    targetOn: g.targetOn ?? undefined,
    status: g.status as GoalInput['status'],
    measures: g.measures.map((m) => ({
      ...(m.id ? { id: m.id } : {}),
      description: m.description,
      ownerKind: m.ownerKind as 'staff',
      ownerUserId: m.ownerKind === 'staff' ? (m.ownerUserId ?? undefined) : undefined,
      ownerName: m.ownerKind === 'staff' ? undefined : m.ownerName,
      dueOn: m.dueOn ?? undefined,
      status: m.status as 'open',
    })),
  }));
}

/** The family's support plan, edited whole: goals with their measures; kept as an encrypted draft while typed. */
export function PlanForm({ familyId, plan, onClose }: { familyId: string; plan: Plan | null; onClose: () => void }) {
  const { t } = useT();
  const save = useRpcMutation('plans.save');
  const staff = useCaseStaff().data?.items ?? [];
  const form = useForm<{ version: number | null; goals: GoalValues[] }>({ mode: 'controlled', initialValues: valuesOf(plan) });
  const draft = useDraft(caseworkDraftKey.plan(familyId), form, form.values);
  const { error, busy, run } = useRpcSubmit(form);
  const list = (values: readonly (string | number)[], name: string) => listOptions(t, values, name);
  const goalStatus = GOAL_STATUS.map((s) => ({ value: s, label: t(`casework:plan.goalStatus.${s}`) }));
  const measureStatus = MEASURE_STATUS.map((s) => ({ value: s, label: t(`casework:plan.measureStatus.${s}`) }));
  const owners = MEASURE_OWNERS.map((s) => ({ value: s, label: t(`casework:plan.ownerKinds.${s}`) }));

  const submit = form.onSubmit((v) =>
    run(
      () => save.mutate({ familyId, version: v.version, goals: toInput(v.goals) }),
      async () => {
        await draft.clear();
        notify(t, 'brand', t('casework:plan.saved'));
        onClose();
      },
    ),
  );
  const cancel = async () => {
    await draft.clear();
    onClose();
  };

  return (
    <FormModal title={t('casework:plan.titleEdit')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {draft.restoredAt && <Alert color="brand">{t('casework:form.draftRestored')}</Alert>}
          {form.values.goals.map((goal, gi) => (
            <Paper key={gi} withBorder p="sm">
              <Stack gap="xs">
                <Group justify="space-between">
                  <Title order={3} size="h5">
                    {t('casework:plan.goal', { n: gi + 1 })}
                  </Title>
                  <ActionIcon variant="subtle" color="red" aria-label={`${t('casework:plan.removeGoal')} ${gi + 1}`} onClick={() => form.removeListItem('goals', gi)}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
                <Textarea label={t('casework:plan.description')} required autosize minRows={1} {...form.getInputProps(`goals.${gi}.description`)} />
                <Group grow align="flex-start">
                  <Select label={t('casework:form.fieldOfAction')} data={list([1, 2, 3], 'fieldOfAction')} allowDeselect={false} {...form.getInputProps(`goals.${gi}.fieldOfAction`)} />
                  <DateField label={t('casework:plan.startOn')} required {...form.getInputProps(`goals.${gi}.startOn`)} />
                  <DateField label={t('casework:plan.targetOn')} clearable {...form.getInputProps(`goals.${gi}.targetOn`)} />
                  <Select label={t('casework:plan.status')} data={goalStatus} allowDeselect={false} {...form.getInputProps(`goals.${gi}.status`)} />
                </Group>
                <Divider label={t('casework:plan.measures')} labelPosition="left" />
                {goal.measures.map((m, mi) => (
                  <Stack key={mi} gap={4}>
                    <Group align="flex-end" wrap="nowrap">
                      <TextInput style={{ flex: 2 }} label={`${t('casework:plan.measure')} ${gi + 1}.${mi + 1}`} required {...form.getInputProps(`goals.${gi}.measures.${mi}.description`)} />
                      <ActionIcon variant="subtle" color="red" mb={4} aria-label={`${t('casework:plan.removeMeasure')} ${gi + 1}.${mi + 1}`} onClick={() => form.removeListItem(`goals.${gi}.measures`, mi)}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                    <Group grow align="flex-start">
                      <Select label={t('casework:plan.ownerKind')} data={owners} allowDeselect={false} {...form.getInputProps(`goals.${gi}.measures.${mi}.ownerKind`)} />
                      {m.ownerKind === 'staff' ? (
                        <Select label={t('casework:plan.ownerStaff')} data={staff.map((s) => ({ value: s.id, label: s.displayName }))} {...form.getInputProps(`goals.${gi}.measures.${mi}.ownerUserId`)} />
                      ) : (
                        <TextInput label={t('casework:plan.ownerName')} {...form.getInputProps(`goals.${gi}.measures.${mi}.ownerName`)} />
                      )}
                      <DateField label={t('casework:plan.dueOn')} clearable {...form.getInputProps(`goals.${gi}.measures.${mi}.dueOn`)} />
                      <Select label={t('casework:plan.status')} data={measureStatus} allowDeselect={false} {...form.getInputProps(`goals.${gi}.measures.${mi}.status`)} />
                    </Group>
                  </Stack>
                ))}
                <Group>
                  <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem(`goals.${gi}.measures`, newMeasure())}>
                    {t('casework:plan.addMeasure')}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          ))}
          <Group>
            <Button variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem('goals', newGoal())}>
              {t('casework:plan.addGoal')}
            </Button>
          </Group>
          {form.values.goals.length === 0 && <Text c="dimmed">{t('validation:goals_required')}</Text>}
          <FormError message={error} />
          <FormButtons onCancel={() => void cancel()} busy={busy} />
        </Stack>
      </form>
    </FormModal>
  );
}
