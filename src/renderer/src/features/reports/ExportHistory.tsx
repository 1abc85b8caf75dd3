import { ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { formatDate, formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import { periodRange } from './periodText';
import { useExportList } from './queries';

/** Enough of a checksum to compare by eye; the whole is in the title (and in the audit log). */
const SHORT = 16;

/** The packages made so far, newest first: when, which period, by whom, what they held (a small count left suppressed) and where they went. */
export function ExportHistory() {
  const { t, i18n } = useT();
  const list = useExportList();
  const n = (v: number) => formatNumber(i18n.language, v);
  const items = list.data ?? [];
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('reports:history.title')}
      </Title>
      {list.error && <FormError message={errorText(t, list.error)} />}
      <ScrollArea type="auto" offsetScrollbars="x">
        <Table striped withTableBorder aria-label={t('reports:history.title')} data-testid="export-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports:history.at')}</Table.Th>
              <Table.Th>{t('reports:history.period')}</Table.Th>
              <Table.Th>{t('reports:history.by')}</Table.Th>
              <Table.Th ta="end">{t('reports:history.families')}</Table.Th>
              <Table.Th ta="end">{t('reports:history.records')}</Table.Th>
              <Table.Th>{t('reports:history.checksum')}</Table.Th>
              <Table.Th>{t('reports:history.destination')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((x) => (
              <Table.Tr key={x.id} data-testid="export-row">
                <Table.Td>{formatDate(i18n.language, new Date(x.at), { dateStyle: 'medium', timeStyle: 'short' })}</Table.Td>
                <Table.Td>{periodRange(t, i18n.language, { from: x.from, to: x.to })}</Table.Td>
                <Table.Td>{x.byName ?? '–'}</Table.Td>
                <Table.Td ta="end" data-testid="export-families">
                  {x.families === null ? (
                    <Text span size="sm" title={t('reports:history.suppressedHint')} style={{ textDecoration: 'underline dotted', cursor: 'help' }}>
                      {t('reports:history.suppressed')}
                    </Text>
                  ) : (
                    n(x.families)
                  )}
                </Table.Td>
                <Table.Td ta="end">{n(x.records)}</Table.Td>
                <Table.Td ff="monospace" title={x.checksum}>
                  {x.checksum.slice(0, SHORT)}…
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{x.destination}</Table.Td>
              </Table.Tr>
            ))}
            {list.data && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text size="sm">{t('reports:history.none')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {items.some((x) => x.families === null) && (
        <Text size="xs" c="dimmed">
          {t('reports:history.suppressedNote')}
        </Text>
      )}
    </Stack>
  );
}
