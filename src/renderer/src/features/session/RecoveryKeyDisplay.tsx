import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';

/**
 * A recovery key shown once: large, in groups, printable, and confirmed by
 * typing its last group before the screen goes on (at setup and when a
 * coordinator issues a new one).
 */
export function RecoveryKeyDisplay({ recoveryKey, officeName, onConfirmed }: { recoveryKey: string; officeName: string; onConfirmed: () => void }) {
  const { t, i18n } = useT();
  const [confirm, setConfirm] = useState('');
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const finish = () => {
    const lastGroup = recoveryKey.split('-').pop() ?? '';
    if (confirm.trim().toUpperCase() !== lastGroup) {
      setConfirmError(t('validation:recovery_confirm_mismatch'));
      return;
    }
    onConfirmed();
  };
  return (
    <Stack gap="md">
      <Text>{t('session:setup.keyIntro')}</Text>
      <Paper withBorder p="md" radius="md" bg="var(--mantine-color-default-hover)">
        <Text ff="monospace" fz="xl" ta="center" fw={600} data-testid="recovery-key" style={{ letterSpacing: '0.12em', wordBreak: 'break-word' }}>
          {recoveryKey.replace(/-/g, ' - ')}
        </Text>
      </Paper>
      <div className="print-only">
        <h1>{t('session:setup.printHeading')}</h1>
        <p>{t('session:setup.printOffice', { office: officeName })}</p>
        <p>{t('session:setup.printDate', { date: formatDate(i18n.language, new Date()) })}</p>
        <p style={{ fontFamily: 'monospace', fontSize: '20pt' }}>{recoveryKey}</p>
      </div>
      <Group>
        <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
          {t('session:setup.print')}
        </Button>
      </Group>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          finish();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('session:setup.confirmLabel')}
            value={confirm}
            onChange={(e) => {
              setConfirm(e.currentTarget.value);
              setConfirmError(null);
            }}
            error={confirmError}
            autoComplete="off"
            maxLength={4}
            // The label is long in German; the field itself holds four characters.
            styles={{ label: { maxWidth: '100%' }, input: { fontFamily: 'monospace', maxWidth: 200 } }}
          />
          <Group justify="flex-end">
            <Button type="submit">{t('session:setup.finish')}</Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
