import { Checkbox, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { LANGUAGES, REFERRAL_KINDS, REFERRAL_REASONS } from '../../../../shared/domain/lists';
import type { Family } from '../../../../shared/rpc/areas/families';
import type { Referral } from '../../../../shared/rpc/areas/referrals';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { DateField } from '../../forms/DateField';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { errorText } from '../../forms/validate';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { FormButtons, FormModal } from '../casework/FormModal';
import { FamilySearch } from '../families/FamilySearch';
import { useFamily } from '../families/queries';

type FullFamily = Extract<Family, { view: 'full' }>;

interface Values {
  memberIds: string[];
  kind: string;
  language: string | null;
  reason: string | null;
  externalService: string;
  appointmentAt: string | null;
  time: string;
  place: string;
  durationMin: number | string;
  atHome: boolean;
}

function Fields({ family, onClose, onSaved }: { family: FullFamily; onClose: () => void; onSaved?: (id: string) => void }) {
  const { t } = useT();
  const create = useRpcMutation('referrals.create');
  const members = family.members.filter((m) => m.movedOutAt === null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      memberIds: [],
      kind: 'interpreting',
      // The language the family asked an interpreter for, else the one they prefer.
      language: family.interpreterLanguage ?? (family.preferredLanguage && family.preferredLanguage !== 'de' ? family.preferredLanguage : null),
      reason: null,
      externalService: '',
      appointmentAt: null,
      time: '',
      place: '',
      durationMin: 60,
      atHome: false,
    },
  });
  const { error, busy, runChecked } = useRpcSubmit(form);
  const v = form.getValues();
  const submit = form.onSubmit((values) => {
    // Date and time are asked apart (as people say them); the core gets one moment with this PC's offset.
    const errors: Record<string, string> = {};
    if (!values.appointmentAt) errors.appointmentAt = t('validation:required');
    if (!/^\d{2}:\d{2}$/.test(values.time)) errors.time = t('validation:time');
    if (!values.reason) errors.reason = t('validation:required');
    runChecked(
      errors,
      () =>
        create.mutate({
          familyId: family.id,
          memberIds: values.memberIds,
          kind: values.kind as Referral['kind'],
          ...(values.language ? { language: values.language as (typeof LANGUAGES)[number] } : {}),
          reason: values.reason as Referral['reason'],
          ...(values.kind === 'external' ? { externalService: values.externalService } : {}),
          appointmentAt: new Date(`${values.appointmentAt}T${values.time}:00`).toISOString(),
          place: values.place,
          durationMin: values.durationMin === '' ? 0 : Number(values.durationMin),
          atHome: values.atHome,
        }),
      (saved) => {
        notify(t, 'brand', t('volunteering:referral.saved', { name: family.displayName }));
        onSaved?.(saved.id);
        onClose();
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fw={600}>{family.displayName}</Text>
        {members.length > 1 && (
          <Checkbox.Group label={t('volunteering:referral.members')} description={t('volunteering:referral.membersHint')} {...form.getInputProps('memberIds')}>
            <Group mt={4} gap="md">
              {members.map((m) => (
                <Checkbox key={m.id} value={m.id} label={`${m.firstName} ${m.lastName}`} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <Group grow align="flex-start">
          <Select label={t('volunteering:referral.kind')} data={listOptions(t, REFERRAL_KINDS, 'referralKind')} allowDeselect={false} data-autofocus {...form.getInputProps('kind')} />
          <Select label={t('volunteering:referral.language')} data={listOptions(t, LANGUAGES, 'language')} searchable clearable required={v.kind === 'interpreting'} {...form.getInputProps('language')} />
        </Group>
        <Group grow align="flex-start">
          <Select label={t('volunteering:referral.reason')} data={listOptions(t, REFERRAL_REASONS, 'referralReason')} required {...form.getInputProps('reason')} />
          {v.kind === 'external' && <TextInput label={t('volunteering:referral.externalService')} description={t('volunteering:referral.externalServiceHint')} required {...form.getInputProps('externalService')} />}
        </Group>
        <Group grow align="flex-start">
          <DateField label={t('volunteering:referral.date')} required {...form.getInputProps('appointmentAt')} />
          <TextInput type="time" label={t('volunteering:referral.time')} required {...form.getInputProps('time')} />
          <NumberInput label={t('volunteering:referral.duration')} min={5} max={600} step={15} allowDecimal={false} required {...form.getInputProps('durationMin')} />
        </Group>
        <TextInput label={t('volunteering:referral.place')} description={t('volunteering:referral.placeHint')} required {...form.getInputProps('place')} />
        <Checkbox label={t('volunteering:referral.atHome')} description={t('volunteering:referral.atHomeHint')} {...form.getInputProps('atHome', { type: 'checkbox' })} />
        <FormError message={error} />
        <FormButtons onCancel={onClose} busy={busy} />
      </Stack>
    </form>
  );
}

function ForFamily({ familyId, onClose, onSaved }: { familyId: string; onClose: () => void; onSaved?: (id: string) => void }) {
  const { t } = useT();
  const family = useFamily(familyId);
  if (family.error) return <FormError message={errorText(t, family.error)} />;
  if (!family.data || family.data.view !== 'full') return null;
  return <Fields family={family.data} onClose={onClose} onSaved={onSaved} />;
}

/**
 * A new referral: the family (found as at the front desk, or the one whose
 * page is open), then the need, reason and appointment. Only its buttons
 * close it, so nothing typed is lost.
 */
export function ReferralForm({ familyId, onClose, onSaved }: { familyId?: string; onClose: () => void; onSaved?: (id: string) => void }) {
  const { t } = useT();
  const [chosen, setChosen] = useState<string | null>(familyId ?? null);
  if (!chosen) {
    return (
      <Modal opened onClose={onClose} title={t('volunteering:referral.new')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
        <FamilySearch onOpen={setChosen} />
      </Modal>
    );
  }
  return (
    <FormModal title={t('volunteering:referral.new')} onClose={onClose}>
      <ForFamily familyId={chosen} onClose={onClose} onSaved={onSaved} />
    </FormModal>
  );
}
