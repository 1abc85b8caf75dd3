import { Alert, Button, Group, Stack, Stepper, Text, TextInput, Title } from '@mantine/core';
import { PasswordField } from '../../forms/PasswordField';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { RpcError } from '../../../../shared/errors';
import type { UiLanguage } from '../../../../shared/i18n';
import { setupInputSchema } from '../../../../shared/rpc/areas/session';
import { useApi } from '../../api/ApiContext';
import { errorText, fieldErrors, withRepeat, zodValidate, type FormErrors } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { AuthLayout } from './AuthLayout';
import { JoinHubForm } from './JoinHubForm';
import { RecoveryKeyDisplay } from './RecoveryKeyDisplay';

const STEP_FIELDS = [['officeName', 'officeLocation'], ['displayName', 'username', 'password', 'repeat']] as const;

/** First run: office → first coordinator → recovery key (shown once, confirmed). */
export function SetupWizard(props: { language: UiLanguage; onLanguageChange: (language: UiLanguage) => void; onDone: () => void }) {
  const { t } = useT();
  const api = useApi();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RpcError | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const validateAll = withRepeat(zodValidate(setupInputSchema, t), t, 'password');
  const form = useForm({
    mode: 'controlled',
    initialValues: { officeName: '', officeLocation: '', displayName: '', username: '', password: '', repeat: '' },
    validate: validateAll,
  });

  /** Validates only the fields of the current step, so nothing later is flagged early. */
  const validateStep = (index: number): boolean => {
    const all = validateAll(form.getValues());
    const mine: FormErrors = {};
    for (const field of STEP_FIELDS[index] ?? []) if (all[field]) mine[field] = all[field];
    form.setErrors(mine);
    return Object.keys(mine).length === 0;
  };

  const create = async () => {
    if (!validateStep(1)) return;
    setBusy(true);
    setError(null);
    const { repeat: _repeat, ...values } = form.getValues();
    const result = await api.call('session.setup', { ...values, officeLocation: values.officeLocation || undefined });
    setBusy(false);
    if (result.ok) {
      setRecoveryKey(result.data.recoveryKey);
      setStep(2);
      return;
    }
    const fields = fieldErrors(t, result.error);
    if (fields) {
      form.setErrors(fields);
      if (Object.keys(fields).some((f) => (STEP_FIELDS[0] as readonly string[]).includes(f))) setStep(0);
    } else setError(result.error);
  };

  const [joining, setJoining] = useState(false);
  if (joining) {
    return (
      <AuthLayout title={t('session:join.title')} language={props.language} onLanguageChange={props.onLanguageChange} width={640}>
        <JoinHubForm onCancel={() => setJoining(false)} />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('session:setup.title')} intro={step < 2 ? t('session:setup.intro') : undefined} language={props.language} onLanguageChange={props.onLanguageChange} width={640}>
      <Stepper active={step} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('session:setup.stepOffice')}>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (validateStep(0)) setStep(1);
            }}
          >
            <Stack gap="sm" mt="md">
              <TextInput label={t('session:setup.officeName')} placeholder={t('session:setup.officeNamePlaceholder')} autoFocus required {...form.getInputProps('officeName')} />
              <TextInput label={t('session:setup.officeLocation')} {...form.getInputProps('officeLocation')} />
              <Group justify="space-between">
                {/* An office whose hub runs already: this PC joins it instead of starting an office of its own. */}
                <Button variant="subtle" onClick={() => setJoining(true)}>
                  {t('session:join.open')}
                </Button>
                <Button type="submit">{t('session:setup.next')}</Button>
              </Group>
            </Stack>
          </form>
        </Stepper.Step>
        <Stepper.Step label={t('session:setup.stepAccount')}>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void create();
            }}
          >
            <Stack gap="sm" mt="md">
              <TextInput label={t('session:setup.displayName')} autoComplete="name" autoFocus required {...form.getInputProps('displayName')} />
              <TextInput label={t('session:setup.username')} description={t('session:setup.usernameHint')} autoComplete="username" required {...form.getInputProps('username')} />
              <PasswordField label={t('session:login.password')} autoComplete="new-password" required {...form.getInputProps('password')} />
              <PasswordField label={t('session:password.repeat')} autoComplete="new-password" required {...form.getInputProps('repeat')} />
              <Text size="sm" c="dimmed">
                {t('session:password.policy')}
              </Text>
              {error && (
                <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
                  {errorText(t, error)}
                </Alert>
              )}
              <Group justify="space-between">
                <Button variant="default" onClick={() => setStep(0)}>
                  {t('session:setup.back')}
                </Button>
                <Button type="submit" loading={busy}>
                  {t('session:setup.create')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stepper.Step>
        <Stepper.Step label={t('session:setup.stepKey')}>
          {recoveryKey && (
            <Stack gap="md" mt="md">
              <Title order={2} size="h3">
                {t('session:setup.keyTitle')}
              </Title>
              <RecoveryKeyDisplay recoveryKey={recoveryKey} officeName={form.getValues().officeName} onConfirmed={props.onDone} />
            </Stack>
          )}
        </Stepper.Step>
      </Stepper>
    </AuthLayout>
  );
}
