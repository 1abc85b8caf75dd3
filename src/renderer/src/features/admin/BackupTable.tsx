import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDate, formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';

interface Backup {
  name: string;
  createdAt: string;
  reason: 'daily' | 'migration' | 'manual' | 'restore';
  sizeBytes: number;
}

/**
 * The list of backups with a restore that asks first — the PC's own
 * (`admin:backups`) and the office hub's (`admin:hub.host`), each with its words.
 */
export function BackupTable<B extends Backup>({ items, words, busy, onRestore, testId }: { items: B[]; words: 'admin:backups' | 'admin:hub.host'; busy: boolean; onRestore: (backup: B) => void; testId?: string }) {
  const { t, i18n } = useT();
  const [restoring, setRestoring] = useState<B | null>(null);
  const when = (iso: string) => formatDate(i18n.language, new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  if (items.length === 0) return null;
  return (
    <>
      <Table striped aria-label={t(`${words}.tableLabel`)} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`${words}.when`)}</Table.Th>
            <Table.Th>{t(`${words}.reason`)}</Table.Th>
            <Table.Th>{t(`${words}.size`)}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((b) => (
            <Table.Tr key={b.name}>
              <Table.Td>{when(b.createdAt)}</Table.Td>
              <Table.Td>{t(`${words}.reasons.${b.reason}`)}</Table.Td>
              <Table.Td>{formatNumber(i18n.language, b.sizeBytes / 1024, { maximumFractionDigits: 0 })} KiB</Table.Td>
              <Table.Td>
                <Button size="xs" variant="default" disabled={busy} onClick={() => setRestoring(b)}>
                  {t(`${words}.restore`)}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={restoring !== null} onClose={() => setRestoring(null)} title={t(`${words}.restoreTitle`)} closeButtonProps={{ 'aria-label': t('common:close') }}>
        {restoring && (
          <Stack>
            <Text>{t(`${words}.restoreText`, { date: when(restoring.createdAt) })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRestoring(null)}>
                {t(`${words}.cancel`)}
              </Button>
              <Button
                color="red"
                onClick={() => {
                  setRestoring(null);
                  onRestore(restoring);
                }}
              >
                {t(`${words}.restore`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
