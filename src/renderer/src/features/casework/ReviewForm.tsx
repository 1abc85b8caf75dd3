import { Group, Modal, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { localDay } from '../../../../shared/dates';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { DateField } from '../../forms/DateField';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { useT } from '../../i18n/useT';
import { FormButtons } from './FormModal';

/** A review of the plan with the family: when, what came of it, when the next one is due. */
export function ReviewForm({ familyId, onClose }: { familyId: string; onClose: () => void }) {
  const { t } = useT();
  const add = useRpcMutation('plans.addReview');
  const form = useForm({ mode: 'controlled', initialValues: { heldOn: localDay(), outcome: '', nextReviewOn: null as string | null } });
  const { error, busy, run } = useRpcSubmit(form);
  const submit = form.onSubmit((v) =>
    run(
      () => add.mutate({ familyId, heldOn: v.heldOn, outcome: v.outcome, nextReviewOn: v.nextReviewOn ?? undefined }),
      () => {
        notify(t, 'brand', t('casework:plan.reviewSaved'));
        onClose();
      },
    ),
  );
  return (
    <Modal opened onClose={onClose} title={t('casework:plan.titleReview')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <DateField label={t('casework:plan.heldOn')} required {...form.getInputProps('heldOn')} />
            <DateField label={t('casework:plan.nextReviewOn')} clearable {...form.getInputProps('nextReviewOn')} />
          </Group>
          <Textarea label={t('casework:plan.outcome')} required autosize minRows={3} data-autofocus {...form.getInputProps('outcome')} />
          <FormError message={error} />
          <FormButtons onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}
