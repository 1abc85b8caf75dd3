import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useRpcMutation } from '../../data/useRpcMutation';
import { DateField } from '../../forms/DateField';
import { errorText, fieldErrors } from '../../forms/validate';
import { SubmitForm } from '../../forms/SubmitForm';
import { useT } from '../../i18n/useT';

/** The same event on another day (no registrations carried over). */
export function CopyEventDialog({ eventId, onClose, onCopied }: { eventId: string; onClose: () => void; onCopied: (id: string) => void }) {
  const { t } = useT();
  const copy = useRpcMutation('events.copy');
  const [date, setDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const result = await copy.mutate({ id: eventId, date: date ?? '' });
    if (result.ok) return onCopied(result.data.id);
    setError(fieldErrors(t, result.error)?.date ?? errorText(t, result.error));
  };
  return (
    <Modal opened onClose={onClose} title={t('events:copy.title')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <SubmitForm onSubmit={submit}>
        <Stack gap="sm">
          <DateField label={t('events:copy.date')} required value={date} onChange={(value) => setDate(value)} error={error} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('events:copy.cancel')}
            </Button>
            <Button type="submit" loading={copy.pending}>
              {t('events:copy.confirm')}
            </Button>
          </Group>
        </Stack>
      </SubmitForm>
    </Modal>
  );
}
