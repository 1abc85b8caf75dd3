import { notify } from '../../app/notify';
import { Button, Group, NumberInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { settingsUpdateSchema, type Settings } from '../../../../shared/rpc/areas/settings';
import { useApi } from '../../api/ApiContext';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { zodValidate } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionContext';

export function SettingsPanel() {
  const { t } = useT();
  const api = useApi();
  const session = useSession();
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

  const { error, run } = useRpcSubmit(form);
  const submit = form.onSubmit((values) =>
    run(
      () => api.call('settings.update', values),
      async (saved) => {
        form.resetDirty(saved);
        notify(t, 'brand', t('admin:settings.saved'));
        await session.refresh();
      },
    ),
  );

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
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit">{t('admin:settings.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
