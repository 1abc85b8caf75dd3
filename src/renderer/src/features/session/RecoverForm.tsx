import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { recoverInputSchema } from '../../../../shared/rpc/areas/session';
import { useApi } from '../../api/ApiContext';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { withRepeat, zodValidate } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { NewPasswordFields } from './PasswordFields';

/** A forgotten password, reset with the printed recovery key. */
export function RecoverForm({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  const { t } = useT();
  const api = useApi();
  const form = useForm({
    mode: 'controlled',
    initialValues: { recoveryKey: '', username: '', newPassword: '', repeat: '' },
    validate: withRepeat(zodValidate(recoverInputSchema, t), t, 'newPassword'),
  });
  const { error, busy, run } = useRpcSubmit(form);
  const submit = form.onSubmit(({ repeat: _repeat, ...values }) => run(() => api.call('session.recover', values), onDone));
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
        <FormError message={error} />
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
