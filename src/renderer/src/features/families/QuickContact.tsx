import { Button, Group, Modal, MultiSelect, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { CONTACT_TOPICS, CONTACT_TYPES } from '../../../../shared/domain/lists';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';

const LAST_FIELD_KEY = 'm3.lastFieldOfAction';

/**
 * One key opens it, Enter saves it: a walk-in now, in the field of action
 * used last, unless the worker changes something.
 */
export function QuickContact({ familyId, opened, onClose }: { familyId: string; opened: boolean; onClose: () => void }) {
  const { t } = useT();
  const log = useRpcMutation('contacts.log');
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      type: 'walk_in',
      fieldOfAction: localStorage.getItem(LAST_FIELD_KEY) ?? '1',
      topics: [] as string[],
      durationMin: '' as number | '',
      note: '',
    },
  });
  const { error, busy, run } = useRpcSubmit(form);
  const list = (values: readonly (string | number)[], name: string) => listOptions(t, values, name);

  const submit = form.onSubmit((v) =>
    run(
      () =>
        log.mutate({
          familyId,
          type: v.type as (typeof CONTACT_TYPES)[number],
          fieldOfAction: Number(v.fieldOfAction) as 1 | 2 | 3,
          topics: v.topics as (typeof CONTACT_TOPICS)[number][],
          ...(v.durationMin === '' ? {} : { durationMin: v.durationMin }),
          note: v.note,
        }),
      () => {
        localStorage.setItem(LAST_FIELD_KEY, v.fieldOfAction);
        notify(t, 'brand', t('families:contact.saved'));
        form.reset();
        onClose();
      },
    ),
  );

  return (
    <Modal opened={opened} onClose={onClose} title={t('families:contact.title')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SegmentedControl aria-label={t('families:contact.type')} data={list(CONTACT_TYPES, 'contactType')} {...form.getInputProps('type')} />
          <Select label={t('families:contact.fieldOfAction')} data={list([1, 2, 3], 'fieldOfAction')} allowDeselect={false} {...form.getInputProps('fieldOfAction')} />
          <MultiSelect label={t('families:contact.topics')} data={list(CONTACT_TOPICS, 'topic')} {...form.getInputProps('topics')} />
          <Group grow align="flex-start">
            <NumberInput label={t('families:contact.duration')} min={1} max={600} allowDecimal={false} {...form.getInputProps('durationMin')} />
            <TextInput label={t('families:contact.note')} {...form.getInputProps('note')} />
          </Group>
          <FormError message={error} />
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('families:contact.hint')}
            </Text>
            <Button type="submit" loading={busy} data-autofocus>
              {t('families:contact.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
