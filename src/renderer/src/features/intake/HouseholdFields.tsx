import type { GetInputPropsReturnType } from '@mantine/form';
import { Checkbox, Group, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { ACCESS_ROUTES, LANGUAGES, MIGRATION_BACKGROUND } from '../../../../shared/domain/lists';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useDistrictOptions } from '../districts/queries';

/** The household fields, shared by the intake and the family page's Edit (same names, same schema). */
export interface HouseholdValues {
  displayName: string;
  street: string;
  postalCode: string;
  city: string;
  districtId: string | null;
  phone: string;
  email: string;
  accessRoute: string;
  migrationBackground: string;
  immigrationHistory: string;
  notes: string;
}

export interface NeedsValues {
  languages: string[];
  preferredLanguage: string | null;
  interpreterNeeded: boolean;
  interpreterLanguage: string | null;
}

/** A Mantine form's getInputProps, for any form that holds these fields. */
export type InputProps = (path: string, options?: { type: 'checkbox' }) => GetInputPropsReturnType;

/** Languages sorted by their name in the UI language. */
export function useLanguageOptions() {
  const { t } = useT();
  return useMemo(() => listOptions(t, LANGUAGES, 'language').sort((a, b) => a.label.localeCompare(b.label)), [t]);
}

export function HouseholdFields({ inputProps, autoFocus = false }: { inputProps: InputProps; autoFocus?: boolean }) {
  const { t } = useT();
  const districts = useDistrictOptions();
  return (
    <Stack gap="sm" maw={760}>
      <TextInput label={t('families:intake.displayName')} required autoFocus={autoFocus} data-autofocus={autoFocus || undefined} {...inputProps('displayName')} />
      <Group grow align="flex-start">
        <TextInput label={t('families:intake.street')} {...inputProps('street')} />
        <TextInput label={t('families:intake.postalCode')} maw={140} inputMode="numeric" {...inputProps('postalCode')} />
        <TextInput label={t('families:intake.city')} {...inputProps('city')} />
      </Group>
      <Group grow align="flex-start">
        <Select label={t('families:intake.district')} data={districts} searchable clearable {...inputProps('districtId')} />
        <TextInput label={t('families:intake.phone')} type="tel" {...inputProps('phone')} />
        <TextInput label={t('families:intake.email')} type="email" {...inputProps('email')} />
      </Group>
      <Select label={t('families:intake.accessRoute')} data={listOptions(t, ACCESS_ROUTES, 'accessRoute')} allowDeselect={false} maw={372} {...inputProps('accessRoute')} />
      {/* Two Destatis definitions side by side: what each question means is said where it is asked. */}
      <Group grow align="flex-start">
        <Select label={t('families:intake.migration')} description={t('families:intake.migrationHint')} data={listOptions(t, MIGRATION_BACKGROUND, 'migration')} allowDeselect={false} {...inputProps('migrationBackground')} />
        <Select label={t('families:intake.immigration')} description={t('families:intake.immigrationHint')} data={listOptions(t, MIGRATION_BACKGROUND, 'migration')} allowDeselect={false} {...inputProps('immigrationHistory')} />
      </Group>
      <Textarea label={t('families:intake.notes')} autosize minRows={2} {...inputProps('notes')} />
    </Stack>
  );
}

/** Languages and the interpreter: the intake's third step, and part of Edit. */
export function NeedsFields({ inputProps, interpreterNeeded }: { inputProps: InputProps; interpreterNeeded: boolean }) {
  const { t } = useT();
  const languages = useLanguageOptions();
  return (
    <Stack gap="sm" maw={640}>
      <MultiSelect label={t('families:intake.languages')} data={languages} searchable {...inputProps('languages')} />
      <Select label={t('families:intake.preferredLanguage')} data={languages} searchable clearable {...inputProps('preferredLanguage')} />
      <Checkbox label={t('families:intake.interpreterNeeded')} {...inputProps('interpreterNeeded', { type: 'checkbox' })} />
      {interpreterNeeded && <Select label={t('families:intake.interpreterLanguage')} data={languages} searchable required {...inputProps('interpreterLanguage')} />}
    </Stack>
  );
}
