import { Alert, Button, Stack } from '@mantine/core';
import { PasswordField } from '../../forms/PasswordField';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { RpcError } from '../../../../shared/errors';
import { changePasswordInputSchema } from '../../../../shared/rpc/areas/session';
import { useApi } from '../../api/ApiContext';
import { errorText, fieldErrors, withRepeat, zodValidate } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { NewPasswordFields } from './PasswordFields';

/** Used on first login with a temporary password, and from the account menu. */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const api = useApi();
  const [error, setError] = useState<RpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: withRepeat(zodValidate(changePasswordInputSchema, t), t, 'newPassword'),
  });
  const submit = form.onSubmit(async ({ repeat: _repeat, ...values }) => {
    setBusy(true);
    setError(null);
    const result = await api.call('session.changePassword', values);
    setBusy(false);
    if (result.ok) return onDone();
    const fields = fieldErrors(t, result.error);
    if (fields) form.setErrors(fields);
    else setError(result.error);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <PasswordField label={t('session:password.current')} autoComplete="current-password" autoFocus required {...form.getInputProps('currentPassword')} />
        <NewPasswordFields form={form} />
        {error && (
          <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
            {errorText(t, error)}
          </Alert>
        )}
        <Button type="submit" loading={busy}>
          {t('session:change.submit')}
        </Button>
      </Stack>
    </form>
  );
}
