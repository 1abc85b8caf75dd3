import { Group, Pagination, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { ExportPreview } from '../../../../shared/rpc/areas/reports';
import type { Translate } from '../../forms/validate';
import { formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';

const PAGE = 25;
/** The shortened pseudonym: enough to tell records apart on screen; the full value is in the title. */
const SHORT = 12;

const listText = (t: Translate, list: string, codes: readonly string[]) => codes.map((c) => String(t(`lists:${list}.${c}`))).join(', ');

/** The pseudonymised records exactly as they leave, every field, 25 to a page. */
export function PreviewRecords({ records }: { records: ExportPreview['records'] }) {
  const { t, i18n } = useT();
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(records.length / PAGE));
  const shown = records.slice((page - 1) * PAGE, page * PAGE);
  const n = (v: number) => formatNumber(i18n.language, v);
  const c = (key: 'pseudonym' | 'birthYears' | 'district' | 'languages' | 'migration' | 'visits' | 'referrals' | 'participation') => t(`reports:preview.records.columns.${key}`);
  return (
    <Stack gap="xs">
      <ScrollArea type="auto" offsetScrollbars="x">
        <Table striped withTableBorder aria-label={t('reports:preview.records.title')} data-testid="preview-records">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{c('pseudonym')}</Table.Th>
              <Table.Th>{c('birthYears')}</Table.Th>
              <Table.Th>{c('district')}</Table.Th>
              <Table.Th>{c('languages')}</Table.Th>
              <Table.Th>{c('migration')}</Table.Th>
              <Table.Th ta="end">{c('visits')}</Table.Th>
              <Table.Th ta="end">{c('referrals')}</Table.Th>
              <Table.Th>{c('participation')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((r) => (
              <Table.Tr key={r.pseudonym}>
                <Table.Td ff="monospace" title={r.pseudonym}>
                  {r.pseudonym.slice(0, SHORT)}…
                </Table.Td>
                <Table.Td>{r.birthYears.join(', ')}</Table.Td>
                <Table.Td>{r.district ?? '–'}</Table.Td>
                <Table.Td>{listText(t, 'language', r.languages)}</Table.Td>
                <Table.Td>{String(t(`lists:migration.${r.migrationBackground}` as never))}</Table.Td>
                <Table.Td ta="end">{n(r.visits)}</Table.Td>
                <Table.Td ta="end">{n(r.referrals)}</Table.Td>
                <Table.Td>{r.participation.length ? listText(t, 'engagementKind', r.participation) : '–'}</Table.Td>
              </Table.Tr>
            ))}
            {records.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={8}>{t('reports:preview.records.none')}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {pages > 1 && (
        <Group justify="space-between">
          <Text size="sm">{t('reports:preview.records.page', { from: n((page - 1) * PAGE + 1), to: n(Math.min(page * PAGE, records.length)), total: n(records.length) })}</Text>
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            size="sm"
            getControlProps={(control) => ({ 'aria-label': t(`reports:preview.records.${control}`) })}
            getItemProps={(p) => ({ 'aria-label': t('reports:preview.records.toPage', { page: p }) })}
          />
        </Group>
      )}
    </Stack>
  );
}
