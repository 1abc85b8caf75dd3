import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { RpcError } from '../../../../shared/errors';
import { recoverInputSchema } from '../../../../shared/rpc/areas/session';
import { useApi } from '../../api/ApiContext';
import { errorText, fieldErrors, withRepeat, zodValidate } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { NewPasswordFields } from './PasswordFields';

/** A forgotten password, reset with the printed recovery key. */
export function RecoverForm({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  const { t } = useT();
  const api = useApi();
  const [error, setError] = useState<RpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { recoveryKey: '', username: '', newPassword: '', repeat: '' },
    validate: withRepeat(zodValidate(recoverInputSchema, t), t, 'newPassword'),
  });
  const submit = form.onSubmit(async ({ repeat: _repeat, ...values }) => {
    setBusy(true);
    setError(null);
    const result = await api.call('session.recover', values);
    setBusy(false);
    if (result.ok) return onDone();
    const fields = fieldErrors(t, result.error);
    if (fields) form.setErrors(fields);
    else setError(result.error);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('session:recover.recoveryKey')}
          description={t('session:recover.recoveryKeyHint')}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          required
          styles={{ input: { fontFamily: 'monospace', letterSpacing: '0.05em' } }}
          {...form.getInputProps('recoveryKey')}
        />
        <TextInput label={t('session:login.username')} autoComplete="username" required {...form.getInputProps('username')} />
        <NewPasswordFields form={form} />
        {error && (
          <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
            {errorText(t, error)}
          </Alert>
        )}
        <Button type="submit" loading={busy}>
          {t('session:recover.submit')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onBack}>
          {t('session:recover.back')}
        </Anchor>
      </Stack>
    </form>
  );
}
