import { ActionIcon, Button, Checkbox, Fieldset, Group, MultiSelect, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { LANGUAGE_LEVELS, LANGUAGES, VOLUNTEER_CONSENTS, VOLUNTEER_ROLES, VOLUNTEER_STATUS } from '../../../../shared/domain/lists';
import type { Volunteer, VolunteerFields } from '../../../../shared/rpc/areas/volunteers';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { DateField } from '../../forms/DateField';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { FormButtons } from '../casework/FormModal';
import { useDistrictOptions } from '../districts/queries';
import { weekdayName } from '../referrals/reasons';

type Language = (typeof LANGUAGES)[number];
interface Values {
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  street: string;
  postalCode: string;
  city: string;
  roles: string[];
  languages: { code: string | null; level: string }[];
  districtIds: string[];
  availability: { weekday: string; from: string; to: string }[];
  absences: { from: string | null; to: string | null }[];
  trainings: { title: string; date: string | null; hours: number | string; certificate: boolean; qualification: boolean }[];
  confidentialityOn: string | null;
  /** Per purpose: not asked (''), given or refused, with the date. */
  consents: { purpose: (typeof VOLUNTEER_CONSENTS)[number]; state: '' | 'given' | 'refused'; date: string | null }[];
  status: string;
  notes: string;
}

/** What a new volunteer's form starts with: empty, or a family member's name and languages (becoming a volunteer). */
export type VolunteerStart = Partial<Pick<Values, 'firstName' | 'lastName' | 'phone' | 'street' | 'postalCode' | 'city'>> & { languages?: string[]; memberId?: string };

function initial(v: Volunteer | null, start: VolunteerStart): Values {
  return {
    firstName: v?.firstName ?? start.firstName ?? '',
    lastName: v?.lastName ?? start.lastName ?? '',
    phone: v?.phone ?? start.phone ?? '',
    email: v?.email ?? '',
    street: v?.street ?? start.street ?? '',
    postalCode: v?.postalCode ?? start.postalCode ?? '',
    city: v?.city ?? start.city ?? '',
    roles: v?.roles ?? [],
    languages: v?.languages ?? (start.languages ?? []).map((code) => ({ code, level: code === 'de' ? 'fluent' : 'native' })),
    districtIds: v?.districtIds ?? [],
    availability: (v?.availability ?? []).map((a) => ({ weekday: String(a.weekday), from: a.from, to: a.to })),
    absences: v?.absences ?? [],
    trainings: (v?.trainings ?? []).map((tr) => ({ title: tr.title, date: tr.date, hours: tr.hours, certificate: tr.certificate, qualification: tr.qualification })),
    confidentialityOn: v?.confidentialityOn ?? null,
    consents: VOLUNTEER_CONSENTS.map((purpose) => {
      const stored = v?.consents.find((c) => c.purpose === purpose);
      return { purpose, state: stored ? (stored.given ? 'given' : 'refused') : '', date: stored?.date ?? null };
    }),
    status: v?.status ?? 'active',
    notes: v?.notes ?? '',
  };
}

/**
 * A volunteer's record for coordinators: contact, roles, languages with
 * levels, districts, weekly slots, absences, trainings (the M³
 * qualification among them), the confidentiality declaration, status.
 * Field refusals land next to their fields; nothing typed is lost.
 */
export function VolunteerForm({ volunteer, start = {}, onCancel, onSaved }: { volunteer: Volunteer | null; start?: VolunteerStart; onCancel: () => void; onSaved: (saved: Volunteer) => void }) {
  const { t, i18n } = useT();
  const save = useRpcMutation('volunteers.save');
  const districts = useDistrictOptions();
  const form = useForm<Values>({ mode: 'controlled', initialValues: initial(volunteer, start) });
  // The version this form was filled from: a newer save by someone else is refused, not overwritten (and nothing typed is lost).
  const [version, setVersion] = useState(volunteer?.version);
  const { error, busy, run } = useRpcSubmit(form);
  const v = form.getValues();
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: weekdayName(i18n.language, d) }));
  const submit = form.onSubmit((values) =>
    run(
      () =>
        save.mutate({
          ...(volunteer ? { id: volunteer.id, version } : {}),
          firstName: values.firstName,
          lastName: values.lastName,
          phone: values.phone,
          email: values.email,
          street: values.street,
          postalCode: values.postalCode,
          city: values.city,
          roles: values.roles as VolunteerFields['roles'],
          languages: values.languages.map((l) => ({ code: (l.code ?? '') as Language, level: l.level as 'native' })),
          districtIds: values.districtIds,
          availability: values.availability.map((a) => ({ weekday: Number(a.weekday), from: a.from, to: a.to })),
          absences: values.absences.map((a) => ({ from: a.from ?? '', to: a.to ?? '' })),
          trainings: values.trainings.map((tr) => ({ title: tr.title, date: tr.date ?? '', hours: tr.hours === '' ? -1 : Number(tr.hours), certificate: tr.certificate, qualification: tr.qualification })),
          confidentialityOn: values.confidentialityOn ?? undefined,
          consents: values.consents.filter((c) => c.state !== '').map((c) => ({ purpose: c.purpose, given: c.state === 'given', date: c.date ?? '' })),
          status: values.status as Volunteer['status'],
          notes: values.notes,
          ...((volunteer?.memberId ?? start.memberId) ? { memberId: volunteer?.memberId ?? start.memberId } : {}),
        }),
      (saved) => {
        setVersion(saved.version);
        notify(t, 'brand', t('volunteering:pool.saved', { name: `${saved.firstName} ${saved.lastName}` }));
        onSaved(saved);
      },
    ),
  );
  const remove = (label: string, path: string, i: number) => (
    <ActionIcon variant="subtle" color="red" mb={4} aria-label={`${label} ${i + 1}`} onClick={() => form.removeListItem(path, i)}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
  const addButton = (label: string, onClick: () => void) => (
    <Group>
      <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={onClick}>
        {label}
      </Button>
    </Group>
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput label={t('volunteering:pool.firstName')} required data-autofocus {...form.getInputProps('firstName')} />
          <TextInput label={t('volunteering:pool.lastName')} required {...form.getInputProps('lastName')} />
          <Select label={t('volunteering:pool.status')} data={listOptions(t, VOLUNTEER_STATUS, 'volunteerStatus')} allowDeselect={false} {...form.getInputProps('status')} />
        </Group>
        <Checkbox.Group label={t('volunteering:pool.roles')} required {...form.getInputProps('roles')}>
          <Group mt={4}>
            {VOLUNTEER_ROLES.map((role) => (
              <Checkbox key={role} value={role} label={t(`lists:volunteerRole.${role}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Fieldset legend={t('volunteering:pool.contact')}>
          <Group grow align="flex-start">
            <TextInput label={t('volunteering:pool.phone')} type="tel" {...form.getInputProps('phone')} />
            <TextInput label={t('volunteering:pool.email')} type="email" {...form.getInputProps('email')} />
          </Group>
          <Group grow align="flex-start" mt="xs">
            <TextInput label={t('volunteering:pool.street')} {...form.getInputProps('street')} />
            <TextInput label={t('volunteering:pool.postalCode')} maw={120} {...form.getInputProps('postalCode')} />
            <TextInput label={t('volunteering:pool.city')} {...form.getInputProps('city')} />
          </Group>
        </Fieldset>
        <Fieldset legend={t('volunteering:pool.languages')}>
          <Stack gap={6}>
            {v.languages.map((_, i) => (
              <Group key={i} align="flex-end" gap="xs">
                <Select label={t('volunteering:pool.language')} data={listOptions(t, LANGUAGES, 'language')} searchable allowDeselect={false} w={220} {...form.getInputProps(`languages.${i}.code`)} error={form.errors[`languages.${i}.code`] ?? form.errors[`languages.${i}`]} />
                <Select label={t('volunteering:pool.level')} data={listOptions(t, LANGUAGE_LEVELS, 'languageLevel')} allowDeselect={false} w={180} {...form.getInputProps(`languages.${i}.level`)} />
                {remove(t('volunteering:pool.removeLanguage'), 'languages', i)}
              </Group>
            ))}
            {addButton(t('volunteering:pool.addLanguage'), () => form.insertListItem('languages', { code: null, level: 'native' }))}
          </Stack>
        </Fieldset>
        <MultiSelect label={t('volunteering:pool.districts')} data={districts} searchable {...form.getInputProps('districtIds')} />
        <Fieldset legend={t('volunteering:pool.availability')}>
          <Stack gap={6}>
            {v.availability.map((_, i) => (
              <Group key={i} align="flex-start" gap="xs">
                <Select label={t('volunteering:pool.weekday')} data={weekdays} allowDeselect={false} w={180} {...form.getInputProps(`availability.${i}.weekday`)} />
                <TextInput type="time" label={t('volunteering:pool.from')} w={130} {...form.getInputProps(`availability.${i}.from`)} />
                <TextInput type="time" label={t('volunteering:pool.to')} w={130} {...form.getInputProps(`availability.${i}.to`)} />
                <Stack justify="flex-end" h={60}>
                  {remove(t('volunteering:pool.removeSlot'), 'availability', i)}
                </Stack>
              </Group>
            ))}
            {addButton(t('volunteering:pool.addSlot'), () => form.insertListItem('availability', { weekday: '1', from: '14:00', to: '18:00' }))}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('volunteering:pool.absences')}>
          <Stack gap={6}>
            {v.absences.map((_, i) => (
              <Group key={i} align="flex-start" gap="xs">
                <DateField label={t('volunteering:pool.from')} {...form.getInputProps(`absences.${i}.from`)} />
                <DateField label={t('volunteering:pool.to')} {...form.getInputProps(`absences.${i}.to`)} />
                <Stack justify="flex-end" h={60}>
                  {remove(t('volunteering:pool.removeAbsence'), 'absences', i)}
                </Stack>
              </Group>
            ))}
            {addButton(t('volunteering:pool.addAbsence'), () => form.insertListItem('absences', { from: null, to: null }))}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('volunteering:pool.trainings')}>
          <Stack gap={6}>
            {v.trainings.map((_, i) => (
              <Group key={i} align="flex-end" gap="xs">
                <TextInput label={t('volunteering:pool.trainingTitle')} w={260} {...form.getInputProps(`trainings.${i}.title`)} />
                <DateField label={t('volunteering:pool.trainingDate')} {...form.getInputProps(`trainings.${i}.date`)} />
                <NumberInput label={t('volunteering:pool.trainingHours')} w={100} min={0} max={1000} decimalScale={2} decimalSeparator={t('common:decimalSeparator')} {...form.getInputProps(`trainings.${i}.hours`)} />
                <Checkbox label={t('volunteering:pool.certificate')} mb={8} {...form.getInputProps(`trainings.${i}.certificate`, { type: 'checkbox' })} />
                <Checkbox label={t('volunteering:pool.qualification')} mb={8} {...form.getInputProps(`trainings.${i}.qualification`, { type: 'checkbox' })} />
                {remove(t('volunteering:pool.removeTraining'), 'trainings', i)}
              </Group>
            ))}
            {addButton(t('volunteering:pool.addTraining'), () => form.insertListItem('trainings', { title: '', date: null, hours: '', certificate: false, qualification: false }))}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('volunteering:pool.consents')}>
          <Stack gap={6}>
            {v.consents.map((c, i) => (
              <Group key={c.purpose} align="flex-start" gap="xs">
                <Select
                  label={t(`lists:volunteerConsent.${c.purpose}`)}
                  data={[
                    { value: '', label: t('volunteering:pool.consentNotAsked') },
                    { value: 'given', label: t('volunteering:pool.consentGiven') },
                    { value: 'refused', label: t('volunteering:pool.consentRefused') },
                  ]}
                  allowDeselect={false}
                  w={300}
                  {...form.getInputProps(`consents.${i}.state`)}
                />
                {c.state !== '' && <DateField label={t('volunteering:pool.consentDate')} required {...form.getInputProps(`consents.${i}.date`)} />}
              </Group>
            ))}
          </Stack>
        </Fieldset>
        <DateField label={t('volunteering:pool.confidentialityOn')} description={t('volunteering:pool.confidentialityHint')} {...form.getInputProps('confidentialityOn')} />
        <Textarea label={t('volunteering:pool.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <FormError message={error} />
        <FormButtons onCancel={onCancel} busy={busy} />
      </Stack>
    </form>
  );
}
