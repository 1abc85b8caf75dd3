import { Alert, Modal, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Note } from '../../../../shared/rpc/areas/notes';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { useT } from '../../i18n/useT';
import { FormButtons } from './FormModal';

/** Someone else's confidential note: opened only with a stated reason, which is logged and shown to its author. */
export function BreakGlassDialog({ noteId, onOpened, onClose }: { noteId: string; onOpened: (note: Note) => void; onClose: () => void }) {
  const { t } = useT();
  const glass = useRpcMutation('notes.breakGlass');
  const form = useForm({ mode: 'controlled', initialValues: { reason: '' } });
  const { error, busy, run } = useRpcSubmit(form);
  const submit = form.onSubmit((v) => run(() => glass.mutate({ id: noteId, reason: v.reason }), (note) => onOpened(note)));
  return (
    <Modal opened onClose={onClose} title={t('casework:glass.title')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Alert color="orange" icon={<IconAlertTriangle size={18} aria-hidden />}>
            {t('casework:glass.warning')}
          </Alert>
          <Textarea label={t('casework:glass.reason')} required autosize minRows={2} data-autofocus {...form.getInputProps('reason')} />
          <FormError message={error} />
          <FormButtons onCancel={onClose} busy={busy} confirm={t('casework:glass.confirm')} color="red.9" />
        </Stack>
      </form>
    </Modal>
  );
}
