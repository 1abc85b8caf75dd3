import { Button, Stack } from '@mantine/core';
import { PasswordField } from '../../forms/PasswordField';
import { useForm } from '@mantine/form';
import { changePasswordInputSchema } from '../../../../shared/rpc/areas/session';
import { useApi } from '../../api/ApiContext';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { withRepeat, zodValidate } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { NewPasswordFields } from './PasswordFields';

/** Used on first login with a temporary password, and from the account menu. */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const api = useApi();
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: withRepeat(zodValidate(changePasswordInputSchema, t), t, 'newPassword'),
  });
  const { error, busy, run } = useRpcSubmit(form);
  const submit = form.onSubmit(({ repeat: _repeat, ...values }) => run(() => api.call('session.changePassword', values), onDone));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <PasswordField label={t('session:password.current')} autoComplete="current-password" autoFocus required {...form.getInputProps('currentPassword')} />
        <NewPasswordFields form={form} />
        <FormError message={error} />
        <Button type="submit" loading={busy}>
          {t('session:change.submit')}
        </Button>
      </Stack>
    </form>
  );
}
