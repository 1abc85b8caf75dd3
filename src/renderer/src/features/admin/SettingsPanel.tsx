import { notify } from '../../app/notify';
import { Alert, Button, Group, NumberInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { settingsUpdateSchema, type Settings } from '../../../../shared/rpc/areas/settings';
import { useApi } from '../../api/ApiContext';
import { errorText, fieldErrors, zodValidate } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionContext';

export function SettingsPanel() {
  const { t } = useT();
  const api = useApi();
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const form = useForm<Settings>({
    mode: 'controlled',
    initialValues: { officeName: '', officeLocation: '', autoLockMinutes: 5, backupDir: '', backupKeep: 14 },
    validate: zodValidate(settingsUpdateSchema, t),
  });

  useEffect(() => {
    void api.call('settings.get', {}).then((result) => {
      if (result.ok) {
        form.setValues(result.data);
        form.resetDirty(result.data);
      }
      setLoaded(true);
    });
    // Load once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const result = await api.call('settings.update', values);
    if (!result.ok) {
      const fields = fieldErrors(t, result.error);
      if (fields) form.setErrors(fields);
      else setError(errorText(t, result.error));
      return;
    }
    form.resetDirty(result.data);
    notify(t, 'brand', t('admin:settings.saved'));
    await session.refresh();
  });

  return (
    <form onSubmit={submit} noValidate aria-busy={!loaded}>
      <Stack gap="sm" maw={640}>
        <Title order={2} size="h3">
          {t('admin:settings.title')}
        </Title>
        <TextInput label={t('admin:settings.officeName')} required {...form.getInputProps('officeName')} />
        <TextInput label={t('admin:settings.officeLocation')} {...form.getInputProps('officeLocation')} />
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
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit">{t('admin:settings.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
