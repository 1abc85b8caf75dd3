import { ActionIcon, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { DOCUMENT_LANGUAGES, MEMBER_ROLES, MIGRATION_BACKGROUND } from '../../../../shared/domain/lists';
import { walkInSchema, type WalkInInput } from '../../../../shared/rpc/areas/events';
import type { MethodOutput } from '../../../../shared/rpc/contract';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { zodValidate } from '../../forms/validate';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';

interface Values {
  displayName: string;
  phone: string;
  members: { firstName: string; lastName: string; birthYear: number | string; role: string }[];
  migrationBackground: string;
  storageConsent: boolean;
  photoConsent: boolean;
  formLanguage: string;
}

const member = (lastName = '') => ({ firstName: '', lastName, birthYear: '' as number | string, role: 'parent' });

function toInput(eventId: string, v: Values): WalkInInput {
  return {
    eventId,
    displayName: v.displayName,
    phone: v.phone,
    members: v.members.map((m) => ({ firstName: m.firstName, lastName: m.lastName || v.displayName, birthYear: m.birthYear === '' ? Number.NaN : Number(m.birthYear), role: m.role as WalkInInput['members'][number]['role'] })),
    migrationBackground: v.migrationBackground as WalkInInput['migrationBackground'],
    storageConsent: v.storageConsent as true,
    photoConsent: v.photoConsent,
    formLanguage: v.formLanguage as WalkInInput['formLanguage'],
  };
}

/**
 * A family new to the office, at the counter: the fewest fields in one dialog
 * (name, who came, the signed storage consent), checked in at once. The full
 * intake can follow at the front desk. Refused input stays as typed.
 */
export function WalkInDialog({ eventId, onClose, onDone }: { eventId: string; onClose: () => void; onDone: (result: MethodOutput<'checkin.walkIn'>) => void }) {
  const { t } = useT();
  const walkIn = useRpcMutation('checkin.walkIn');
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { displayName: '', phone: '', members: [member()], migrationBackground: 'not_stated', storageConsent: false, photoConsent: false, formLanguage: 'de' },
  });
  const { error, busy, runChecked } = useRpcSubmit(form);
  const v = form.getValues();
  const submit = form.onSubmit((values) => {
    const input = toInput(eventId, values);
    runChecked(zodValidate(walkInSchema, t)(input), () => walkIn.mutate(input), onDone);
  });
  return (
    <Modal opened onClose={onClose} title={t('events:walkIn.title')} size="xl" closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('events:walkIn.intro')}</Text>
          <Group grow align="flex-start">
            <TextInput label={t('events:walkIn.familyName')} required data-autofocus {...form.getInputProps('displayName')} />
            <TextInput label={t('events:walkIn.phone')} {...form.getInputProps('phone')} />
          </Group>
          {v.members.map((_, i) => (
            <Group key={i} align="flex-end" wrap="nowrap">
              <TextInput label={t('events:walkIn.firstName')} required {...form.getInputProps(`members.${i}.firstName`)} />
              <TextInput label={t('events:walkIn.lastName')} placeholder={v.displayName} {...form.getInputProps(`members.${i}.lastName`)} />
              <NumberInput label={t('events:walkIn.birthYear')} required w={120} min={1900} allowDecimal={false} hideControls {...form.getInputProps(`members.${i}.birthYear`)} />
              <Select label={t('events:walkIn.role')} w={170} data={listOptions(t, MEMBER_ROLES, 'memberRole')} allowDeselect={false} {...form.getInputProps(`members.${i}.role`)} />
              <ActionIcon variant="subtle" color="red" size="lg" mb={2} disabled={v.members.length === 1} onClick={() => form.removeListItem('members', i)} aria-label={t('events:walkIn.removeMember', { n: i + 1 })}>
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Button variant="subtle" w="fit-content" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('members', { ...member(), role: 'child' })}>
            {t('events:walkIn.addMember')}
          </Button>
          <Group grow align="flex-start">
            <Select label={t('events:walkIn.migration')} description={t('events:walkIn.migrationHint')} data={listOptions(t, MIGRATION_BACKGROUND, 'migration')} allowDeselect={false} {...form.getInputProps('migrationBackground')} />
            <Select label={t('events:walkIn.formLanguage')} data={listOptions(t, DOCUMENT_LANGUAGES, 'language')} allowDeselect={false} {...form.getInputProps('formLanguage')} />
          </Group>
          <Checkbox label={t('events:walkIn.storageConsent')} {...form.getInputProps('storageConsent', { type: 'checkbox' })} />
          <Checkbox label={t('events:walkIn.photoConsent')} {...form.getInputProps('photoConsent', { type: 'checkbox' })} />
          <FormError message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('events:walkIn.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('events:walkIn.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
