import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import type { RpcError } from '../../../../shared/errors';
import { hubMethods } from '../../../../shared/rpc/areas/hub';
import { useApi } from '../../api/ApiContext';
import { errorText, fieldErrors, zodValidate } from '../../forms/validate';
import { useT } from '../../i18n/useT';

/**
 * First run on a PC of an office that has a hub: the join code the
 * coordinator gives out (address, office CA fingerprint, enrolment token).
 * After it, the data service starts again on the hub and staff log in with
 * their own accounts.
 */
export function JoinHubForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useT();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RpcError | null>(null);
  const [joined, setJoined] = useState(false);
  const form = useForm({ mode: 'controlled', initialValues: { code: '' }, validate: zodValidate(hubMethods['session.joinHub'].input, t) });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    const result = await api.call('session.joinHub', values);
    setBusy(false);
    if (result.ok) return setJoined(true);
    const fields = fieldErrors(t, result.error);
    if (fields) form.setErrors(fields);
    else setError(result.error);
  });

  if (joined) {
    return (
      <Alert color="teal" icon={<IconPlugConnected aria-hidden />} role="status" title={t('session:join.doneTitle')} data-testid="hub-joined">
        {t('session:join.done')}
      </Alert>
    );
  }
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('session:join.intro')}</Text>
        <Textarea label={t('session:join.code')} description={t('session:join.codeHint')} autosize minRows={3} autoFocus required spellCheck={false} {...form.getInputProps('code')} />
        {error && (
          <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
            {errorText(t, error)}
          </Alert>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={onCancel}>
            {t('session:join.back')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('session:join.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
