import { Alert, Modal, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { useT } from '../../i18n/useT';
import { FormButtons } from './FormModal';

/** A coordinator deletes a note for good, with a reason: its text is gone, that it existed stays. */
export function DeleteNoteDialog({ noteId, onDeleted, onClose }: { noteId: string; onDeleted: () => void; onClose: () => void }) {
  const { t } = useT();
  const remove = useRpcMutation('notes.delete');
  const form = useForm({ mode: 'controlled', initialValues: { reason: '' } });
  const { error, busy, run } = useRpcSubmit(form);
  const submit = form.onSubmit((v) =>
    run(
      () => remove.mutate({ id: noteId, reason: v.reason }),
      () => {
        notify(t, 'brand', t('casework:delete.done'));
        onDeleted();
      },
    ),
  );
  return (
    <Modal opened onClose={onClose} title={t('casework:delete.title')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Alert color="red">{t('casework:delete.warning')}</Alert>
          <Textarea label={t('casework:delete.reason')} required autosize minRows={2} data-autofocus {...form.getInputProps('reason')} />
          <FormError message={error} />
          <FormButtons onCancel={onClose} busy={busy} confirm={t('casework:delete.confirm')} color="red.9" />
        </Stack>
      </form>
    </Modal>
  );
}
