import { Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { MethodOutput } from '../../../../shared/rpc/contract';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { errorText, fieldErrors } from '../../forms/validate';
import { SubmitForm } from '../../forms/SubmitForm';
import { useT } from '../../i18n/useT';

/** Cancels the event with a reason, then lists the registered families with their phone numbers to call. */
export function CancelEventDialog({ eventId, onClose }: { eventId: string; onClose: () => void }) {
  const { t } = useT();
  const cancel = useRpcMutation('events.cancel');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<MethodOutput<'events.cancel'> | null>(null);
  const submit = async () => {
    const result = await cancel.mutate({ id: eventId, reason });
    if (result.ok) return setDone(result.data);
    setError(fieldErrors(t, result.error)?.reason ?? errorText(t, result.error));
  };
  return (
    <Modal opened onClose={onClose} title={t('events:cancel.title')} size="lg" closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common:close') }}>
      {done ? (
        <Stack gap="sm">
          <Text>{done.families.length > 0 ? t('events:cancel.call', { count: done.families.length }) : t('events:cancel.nobody')}</Text>
          <List>
            {done.families.map((f) => (
              <List.Item key={f.familyId}>
                <strong>{f.familyName}</strong> – {f.phone ?? t('events:cancel.noPhone')}
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {t('common:close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <SubmitForm onSubmit={submit}>
          <Stack gap="sm">
            <Textarea label={t('events:cancel.reason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} data-autofocus />
            <FormError message={null} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('events:cancel.keep')}
              </Button>
              <Button type="submit" color="red" loading={cancel.pending}>
                {t('events:cancel.confirm')}
              </Button>
            </Group>
          </Stack>
        </SubmitForm>
      )}
    </Modal>
  );
}
