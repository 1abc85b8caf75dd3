import { Checkbox, Group, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Referral } from '../../../../shared/rpc/areas/referrals';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { SubmitForm } from '../../forms/SubmitForm';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { useT } from '../../i18n/useT';
import { FormButtons } from '../casework/FormModal';

/** Steps that ask for something before they are taken: hours and feedback, a reason, a comment. */
export type Step = 'done' | 'reopen' | 'withdrawn' | 'cancelled' | 'no_show' | 'declined';

const TARGET: Record<Step, Referral['status']> = { done: 'done', reopen: 'requested', withdrawn: 'withdrawn', cancelled: 'cancelled', no_show: 'no_show', declined: 'requested' };
/** Where the core requires the comment (a reopening's reason, a withdrawal's audit comment). */
const COMMENT_REQUIRED: readonly Step[] = ['reopen', 'withdrawn'];

interface Values {
  hours: number | string;
  helped: boolean;
  followUp: boolean;
  comment: string;
}

/** One step of a referral that needs more than a click: done with hours and feedback, reopen with a reason, … */
export function StepDialog({ referral, step, onClose }: { referral: Referral; step: Step; onClose: () => void }) {
  const { t } = useT();
  const transition = useRpcMutation('referrals.transition');
  const form = useForm<Values>({ mode: 'controlled', initialValues: { hours: referral.durationMin / 60, helped: true, followUp: false, comment: '' } });
  const { error, busy, runChecked } = useRpcSubmit(form);
  const submit = () => {
    const values = form.getValues();
    const errors: Record<string, string> = {};
    if (step === 'done' && values.hours === '') errors.hours = t('validation:hours_required');
    if (COMMENT_REQUIRED.includes(step) && !values.comment.trim()) errors.comment = t('validation:reason_required');
    runChecked(
      errors,
      () =>
        transition.mutate({
          id: referral.id,
          version: referral.version,
          to: TARGET[step],
          ...(step === 'done' ? { hours: Number(values.hours), helped: values.helped, followUp: values.followUp } : {}),
          ...(values.comment.trim() ? { comment: values.comment } : {}),
        }),
      () => {
        notify(t, 'brand', t(`volunteering:steps.saved.${step}`));
        onClose();
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t(`volunteering:steps.title.${step}`)} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <SubmitForm onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">{t(`volunteering:steps.hint.${step}`, { name: referral.familyName })}</Text>
          {step === 'done' && (
            <>
              <NumberInput label={t('volunteering:steps.hours')} description={t('volunteering:steps.hoursHint')} min={0} max={24} step={0.25} decimalScale={2} decimalSeparator={t('common:decimalSeparator')} required data-autofocus {...form.getInputProps('hours')} />
              <Group>
                <Checkbox label={t('volunteering:steps.helped')} {...form.getInputProps('helped', { type: 'checkbox' })} />
                <Checkbox label={t('volunteering:steps.followUp')} {...form.getInputProps('followUp', { type: 'checkbox' })} />
              </Group>
            </>
          )}
          <Textarea
            label={t(step === 'done' ? 'volunteering:steps.feedback' : COMMENT_REQUIRED.includes(step) ? 'volunteering:steps.reason' : 'volunteering:steps.comment')}
            required={COMMENT_REQUIRED.includes(step)}
            autosize
            minRows={2}
            {...(step === 'done' ? {} : { 'data-autofocus': true })}
            {...form.getInputProps('comment')}
          />
          <FormError message={error} />
          <FormButtons onCancel={onClose} busy={busy} confirm={t(`volunteering:steps.confirm.${step}`)} />
        </Stack>
      </SubmitForm>
    </Modal>
  );
}
