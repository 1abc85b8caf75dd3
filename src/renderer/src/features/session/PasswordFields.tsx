import { Text } from '@mantine/core';
import { PasswordField } from '../../forms/PasswordField';
import type { UseFormReturnType } from '@mantine/form';
import { useT } from '../../i18n/useT';

/** New password plus repetition, with the policy spelled out. */
export function NewPasswordFields<V extends { newPassword: string; repeat: string }>({ form }: { form: UseFormReturnType<V> }) {
  const { t } = useT();
  return (
    <>
      <PasswordField
        label={t('session:password.new')}
        autoComplete="new-password"
        required
        {...form.getInputProps('newPassword')}
      />
      <PasswordField label={t('session:password.repeat')} autoComplete="new-password" required {...form.getInputProps('repeat')} />
      <Text size="sm" c="dimmed">
        {t('session:password.policy')}
      </Text>
    </>
  );
}
