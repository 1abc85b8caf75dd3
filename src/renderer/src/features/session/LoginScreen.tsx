import { notify } from '../../app/notify';
import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { PasswordField } from '../../forms/PasswordField';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import type { RpcError } from '../../../../shared/errors';
import type { UiLanguage } from '../../../../shared/i18n';
import { loginInputSchema } from '../../../../shared/rpc/areas/session';
import { useApi } from '../../api/ApiContext';
import { errorText, zodValidate } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { AuthLayout } from './AuthLayout';
import { RecoverForm } from './RecoverForm';

export function LoginScreen(props: {
  /** A translation key. */
  notice?: string;
  language: UiLanguage;
  onLanguageChange: (language: UiLanguage) => void;
  onLoggedIn: () => void;
}) {
  const { t } = useT();
  const api = useApi();
  const [mode, setMode] = useState<'login' | 'recover'>('login');
  const [error, setError] = useState<RpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { username: '', password: '' },
    validate: zodValidate(loginInputSchema, t),
  });

  if (mode === 'recover') {
    return (
      <AuthLayout title={t('session:recover.title')} intro={t('session:recover.intro')} language={props.language} onLanguageChange={props.onLanguageChange}>
        <RecoverForm onDone={props.onLoggedIn} onBack={() => setMode('login')} />
      </AuthLayout>
    );
  }

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    const result = await api.call('session.login', values);
    setBusy(false);
    if (result.ok) return props.onLoggedIn();
    setError(result.error);
  });

  const restore = async () => {
    setBusy(true);
    const result = await api.call('session.restoreLatestBackup', form.getValues());
    setBusy(false);
    if (!result.ok) return setError(result.error);
    notify(t, 'brand', t('session:login.restored', { name: result.data.restoredFrom }));
    props.onLoggedIn();
  };

  const damaged = error?.message === 'errors:db_damaged';
  return (
    <AuthLayout title={t('session:login.title')} intro={t('session:login.intro')} language={props.language} onLanguageChange={props.onLanguageChange}>
      {props.notice && (
        <Alert color="blue" icon={<IconLock aria-hidden />} role="status">
          {t(props.notice as never)}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('session:login.username')} autoComplete="username" data-autofocus autoFocus required {...form.getInputProps('username')} />
          <PasswordField label={t('session:login.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
          {error && !damaged && (
            <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
              {errorText(t, error)}
            </Alert>
          )}
          {damaged && (
            <Alert color="red" role="alert" title={t('session:login.damagedTitle')} icon={<IconAlertTriangle aria-hidden />}>
              <Stack gap="xs">
                <span>{errorText(t, error)}</span>
                {error.details?.restorable === true && (
                  <>
                    <span>{t('session:login.restoreOffer')}</span>
                    <Button color="red" variant="white" onClick={() => void restore()} loading={busy}>
                      {t('session:login.restoreButton')}
                    </Button>
                  </>
                )}
              </Stack>
            </Alert>
          )}
          <Button type="submit" loading={busy}>
            {t('session:login.submit')}
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={() => setMode('recover')}>
            {t('session:login.forgot')}
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
