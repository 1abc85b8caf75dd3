import { Button, Group, Modal, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconKeyOff } from '@tabler/icons-react';
import { useState } from 'react';
import { notify } from '../../app/notify';
import { useRpcAction } from '../../data/useRpcMutation';
import { PasswordField } from '../../forms/PasswordField';
import { useT } from '../../i18n/useT';
import type { SettingsFormValues } from './settingsForm';

/**
 * The settings for the central project: its public key (packages are
 * encrypted to it), the pseudonym key (write-only: the core says whether
 * one is set, never what it is; once set it can be removed, after a
 * question), the suppression threshold and where packages are sent.
 */
export function CentralSettingsFields({ form, pseudonymKeySet }: { form: UseFormReturnType<SettingsFormValues>; pseudonymKeySet: boolean }) {
  const { t } = useT();
  return (
    <Stack gap="sm" data-testid="central-settings">
      <Title order={3} size="h4" mt="md">
        {t('admin:central.title')}
      </Title>
      <Text size="sm">{t('admin:central.hint')}</Text>
      <TextInput label={t('admin:central.recipient')} description={t('admin:central.recipientHint')} placeholder="age1…" spellCheck={false} autoComplete="off" {...form.getInputProps('centralRecipient')} />
      <PasswordField
        label={t('admin:central.pseudonymKey')}
        description={t(pseudonymKeySet ? 'admin:central.pseudonymKeySet' : 'admin:central.pseudonymKeyUnset')}
        autoComplete="off"
        spellCheck={false}
        {...form.getInputProps('pseudonymKey')}
      />
      {pseudonymKeySet && <RemoveKey />}
      <NumberInput
        label={t('admin:central.threshold')}
        description={t('admin:central.thresholdHint')}
        min={2}
        max={20}
        step={1}
        allowDecimal={false}
        {...form.getInputProps('suppressionThreshold')}
      />
      <TextInput label={t('admin:central.endpoint')} description={t('admin:central.endpointHint')} placeholder="https://" spellCheck={false} {...form.getInputProps('exportEndpoint')} />
    </Stack>
  );
}

/**
 * Removes the stored pseudonym key (an empty key clears it), after asking:
 * packages then hold tables only. Only this field is sent, so whatever else
 * is being typed in the form stays as it is.
 */
function RemoveKey() {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  const update = useRpcAction('settings.update');
  const remove = async () => {
    const result = await update.mutate({ pseudonymKey: '' });
    setAsking(false);
    if (result.ok) notify(t, 'brand', t('admin:central.keyRemoved'));
  };
  return (
    <>
      <Button type="button" variant="light" color="red" w="fit-content" leftSection={<IconKeyOff size={16} aria-hidden />} onClick={() => setAsking(true)}>
        {t('admin:central.removeKey')}
      </Button>
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('admin:central.removeKeyTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        <Stack>
          <Text>{t('admin:central.removeKeyText')}</Text>
          <Group justify="flex-end">
            <Button type="button" variant="default" onClick={() => setAsking(false)}>
              {t('admin:central.removeKeyCancel')}
            </Button>
            <Button type="button" color="red" loading={update.pending} onClick={() => void remove()}>
              {t('admin:central.removeKeyConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
