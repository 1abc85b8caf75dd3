import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useT } from '../i18n/useT';

/** Mantine's PasswordInput with its show/hide button labelled in the UI language. */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useT();
  return <PasswordInput visibilityToggleButtonProps={{ 'aria-label': t('common:togglePassword') }} {...props} />;
}
