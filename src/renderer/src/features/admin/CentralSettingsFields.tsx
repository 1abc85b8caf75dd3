import { NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { PasswordField } from '../../forms/PasswordField';
import { useT } from '../../i18n/useT';
import type { SettingsFormValues } from './settingsForm';

/**
 * The settings for the central project: its public key (packages are
 * encrypted to it), the pseudonym key (write-only: the core says whether
 * one is set, never what it is), the suppression threshold and where
 * packages are sent.
 */
export function CentralSettingsFields({ form, pseudonymKeySet }: { form: UseFormReturnType<SettingsFormValues>; pseudonymKeySet: boolean }) {
  const { t } = useT();
  return (
    <Stack gap="sm" data-testid="central-settings">
      <Title order={3} size="h4" mt="md">
        {t('admin:central.title')}
      </Title>
      <Text size="sm">{t('admin:central.hint')}</Text>
      <TextInput label={t('admin:central.recipient')} description={t('admin:central.recipientHint')} placeholder="age1…" spellCheck={false} autoComplete="off" {...form.getInputProps('centralRecipient')} />
      <PasswordField
        label={t('admin:central.pseudonymKey')}
        description={t(pseudonymKeySet ? 'admin:central.pseudonymKeySet' : 'admin:central.pseudonymKeyUnset')}
        autoComplete="off"
        spellCheck={false}
        {...form.getInputProps('pseudonymKey')}
      />
      <NumberInput
        label={t('admin:central.threshold')}
        description={t('admin:central.thresholdHint')}
        min={2}
        max={20}
        step={1}
        allowDecimal={false}
        {...form.getInputProps('suppressionThreshold')}
      />
      <TextInput label={t('admin:central.endpoint')} description={t('admin:central.endpointHint')} placeholder="https://" spellCheck={false} {...form.getInputProps('exportEndpoint')} />
    </Stack>
  );
}
