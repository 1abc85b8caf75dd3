import { Code, Stack, Text, Title } from '@mantine/core';
import { useRpcQuery } from '../../data/useRpcQuery';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { useT } from '../../i18n/useT';

/**
 * The office's signing key for the central project: the public key and its
 * fingerprint, to register with the central office (read out on the phone
 * to check it arrived unchanged).
 */
export function OfficeIdentityPanel() {
  const { t } = useT();
  const identity = useRpcQuery('office.identity', {}, { dependsOn: ['settings'] });
  return (
    <Stack gap="xs" maw={640} data-testid="office-identity">
      <Title order={2} size="h3">
        {t('admin:identity.title')}
      </Title>
      <Text size="sm">{t('admin:identity.hint')}</Text>
      {identity.error && <FormError message={errorText(t, identity.error)} />}
      {identity.data && (
        <>
          <Text size="sm" fw={600}>
            {t('admin:identity.fingerprint')}
          </Text>
          <Code block>{identity.data.fingerprint}</Code>
          <Text size="sm" fw={600}>
            {t('admin:identity.publicKey')}
          </Text>
          <Code block>{identity.data.publicKey}</Code>
        </>
      )}
    </Stack>
  );
}
