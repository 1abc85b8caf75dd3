import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { MIGRATION_BACKGROUND } from '../../../../shared/domain/lists';
import type { Counts } from '../../../../shared/rpc/areas/events';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { SubmitForm } from '../../forms/SubmitForm';
import { useT } from '../../i18n/useT';

/** Walk-ins counted without a name: adults, children, and migration background only if they want to say. */
export function AnonymousDialog({ eventId, onClose, onDone }: { eventId: string; onClose: () => void; onDone: (counts: Counts, persons: number) => void }) {
  const { t } = useT();
  const count = useRpcMutation('checkin.anonymous');
  const [adults, setAdults] = useState<number | string>(1);
  const [children, setChildren] = useState<number | string>(0);
  const [migration, setMigration] = useState<(typeof MIGRATION_BACKGROUND)[number]>('not_stated');
  const [error, setError] = useState<string | null>(null);
  const sending = useRef(false);
  const submit = async () => {
    // A second Enter while the first count is on its way must not count the same people twice.
    if (sending.current) return;
    sending.current = true;
    const a = Number(adults || 0);
    const c = Number(children || 0);
    const result = await count.mutate({ eventId, adults: a, children: c, migrationBackground: migration });
    sending.current = false;
    if (!result.ok) return setError(errorText(t, result.error.details?.issues?.[0] ? { ...result.error, message: result.error.details.issues[0].message } : result.error));
    onDone(result.data, a + c);
  };
  return (
    <Modal opened onClose={onClose} title={t('events:anonymous.title')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <SubmitForm onSubmit={submit}>
        <Stack gap="sm">
          <Group grow>
            <NumberInput label={t('events:anonymous.adults')} min={0} max={100} allowDecimal={false} allowNegative={false} value={adults} onChange={setAdults} data-autofocus size="lg" />
            <NumberInput label={t('events:anonymous.children')} min={0} max={100} allowDecimal={false} allowNegative={false} value={children} onChange={setChildren} size="lg" />
          </Group>
          <Text size="sm" id="anonymous-migration">
            {t('events:anonymous.migration')}
          </Text>
          <SegmentedControl
            aria-labelledby="anonymous-migration"
            value={migration}
            onChange={(value) => setMigration(value as typeof migration)}
            data={MIGRATION_BACKGROUND.map((value) => ({ value, label: t(`lists:migration.${value}`) }))}
          />
          <FormError message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('events:anonymous.cancel')}
            </Button>
            <Button type="submit" loading={count.pending}>
              {t('events:anonymous.save')}
            </Button>
          </Group>
        </Stack>
      </SubmitForm>
    </Modal>
  );
}
