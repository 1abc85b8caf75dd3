import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { PasswordField } from '../../forms/PasswordField';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionContext';
import { RecoveryKeyDisplay } from '../session/RecoveryKeyDisplay';

/**
 * A new recovery key (when the printout is lost, or after someone used it):
 * the coordinator confirms with their password, the old key opens nothing
 * from that moment on, and the new one is shown once to print.
 */
export function RecoveryKeyPanel() {
  const { t } = useT();
  const { status } = useSession();
  const replace = useRpcMutation('session.replaceRecoveryKey');
  const [issued, setIssued] = useState<string | null>(null);
  const form = useForm({ mode: 'controlled', initialValues: { password: '' } });
  const { error, busy, run } = useRpcSubmit(form);
  const submit = form.onSubmit((values) =>
    run(
      () => replace.mutate({ password: values.password }),
      (data) => {
        form.reset();
        setIssued(data.recoveryKey);
      },
    ),
  );
  return (
    <Paper withBorder p="md" radius="md" maw={640}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('admin:recovery.title')}
        </Title>
        {issued ? (
          <RecoveryKeyDisplay recoveryKey={issued} officeName={status.officeName ?? ''} onConfirmed={() => setIssued(null)} />
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Text size="sm">{t('admin:recovery.intro')}</Text>
              <PasswordField label={t('admin:recovery.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
              <FormError message={error} />
              <Group justify="flex-end">
                <Button type="submit" color="red" loading={busy}>
                  {t('admin:recovery.issue')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
