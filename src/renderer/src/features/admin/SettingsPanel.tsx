import { notify } from '../../app/notify';
import { Button, Group, NumberInput, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { settingsUpdateSchema } from '../../../../shared/rpc/areas/settings';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { zodValidate } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { CentralSettingsFields } from './CentralSettingsFields';
import { OfficeIdentityPanel } from './OfficeIdentityPanel';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';
import { useSettings } from './queries';
import { formValues, toUpdate, type SettingsFormValues } from './settingsForm';

export function SettingsPanel() {
  const { t } = useT();
  const settings = useSettings();
  const update = useRpcMutation('settings.update');
  const form = useForm<SettingsFormValues>({
    mode: 'controlled',
    initialValues: {
      officeName: '',
      officeLocation: '',
      officeContact: '',
      retentionYears: 3,
      autoLockMinutes: 5,
      backupDir: '',
      backupKeep: 14,
      projectName: '',
      fundingLine: '',
      centralRecipient: '',
      suppressionThreshold: 5,
      exportEndpoint: '',
      pseudonymKey: '',
    },
    validate: zodValidate(settingsUpdateSchema, t),
  });

  // The form takes the stored settings once; a later refresh never overwrites what is being typed.
  const { initialize } = form;
  useEffect(() => {
    if (settings.data) initialize(formValues(settings.data));
  }, [settings.data, initialize]);

  const { error, run } = useRpcSubmit(form);
  const submit = form.onSubmit((values) =>
    run(
      () => update.mutate(toUpdate(values)),
      (saved) => {
        // The header's office name and the auto-lock follow through the `changed` event (app/App.tsx).
        // The pseudonym key typed is not kept: the field is empty again, and says the key is set.
        const stored = formValues(saved);
        form.setValues(stored);
        form.resetDirty(stored);
        notify(t, 'brand', t('admin:settings.saved'));
      },
    ),
  );

  return (
    <Stack gap="xl">
      <form onSubmit={submit} noValidate aria-busy={settings.pending && !settings.error}>
        <Stack gap="sm" maw={640}>
          <Title order={2} size="h3">
            {t('admin:settings.title')}
          </Title>
          <TextInput label={t('admin:settings.officeName')} required {...form.getInputProps('officeName')} />
          <TextInput label={t('admin:settings.officeLocation')} {...form.getInputProps('officeLocation')} />
          <Textarea label={t('admin:settings.officeContact')} description={t('admin:settings.officeContactHint')} autosize minRows={2} {...form.getInputProps('officeContact')} />
          <NumberInput label={t('admin:settings.retentionYears')} description={t('admin:settings.retentionYearsHint')} min={1} max={10} step={1} allowDecimal={false} {...form.getInputProps('retentionYears')} />
          <NumberInput
            label={t('admin:settings.autoLock')}
            description={t('admin:settings.autoLockHint')}
            min={0.25}
            max={240}
            step={1}
            decimalScale={2}
            decimalSeparator={t('common:decimalSeparator')}
            {...form.getInputProps('autoLockMinutes')}
          />
          <TextInput label={t('admin:settings.backupDir')} description={t('admin:settings.backupDirHint')} {...form.getInputProps('backupDir')} />
          <NumberInput label={t('admin:settings.backupKeep')} min={1} max={365} step={1} allowDecimal={false} {...form.getInputProps('backupKeep')} />
          <TextInput label={t('admin:settings.projectName')} required {...form.getInputProps('projectName')} />
          <Textarea label={t('admin:settings.fundingLine')} description={t('admin:settings.fundingLineHint')} required autosize minRows={2} {...form.getInputProps('fundingLine')} />
          <CentralSettingsFields form={form} pseudonymKeySet={settings.data?.pseudonymKeySet ?? false} />
          <FormError message={error} />
          <Group justify="flex-end">
            <Button type="submit">{t('admin:settings.save')}</Button>
          </Group>
        </Stack>
      </form>
      <RecoveryKeyPanel />
      <OfficeIdentityPanel />
    </Stack>
  );
}
