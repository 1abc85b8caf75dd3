import { Box, ScrollArea, Table, VisuallyHidden } from '@mantine/core';
import type { ExportPreview } from '../../../../shared/rpc/areas/reports';
import { formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import { columnLabel, rowKindLabel, rowLabel, tableTitle } from './labels';
import { tableWidth } from './ReportTableView';

type PreviewTableData = ExportPreview['tables'][number];
type Mark = 'primary' | 'secondary' | null;

/** The look of a suppressed cell, shared with the legend: the dot, and a tint that tells primary from secondary. */
export const MARK_STYLE: Record<'primary' | 'secondary', { background: string }> = {
  primary: { background: 'var(--mantine-color-yellow-light)' },
  secondary: { background: 'var(--mantine-color-gray-light)' },
};

/** A suppressed figure: "·" on screen; its reason in words for screen readers and on hover. */
export function SuppressedMark({ mark }: { mark: 'primary' | 'secondary' }) {
  const { t } = useT();
  return (
    <Box component="span" title={t(`reports:preview.marks.${mark}`)} data-testid={`suppressed-${mark}`}>
      <Box component="span" fw={900} fz="lg" lh={1} aria-hidden>
        {t('reports:suppressed')}
      </Box>
      <VisuallyHidden>{t(`reports:preview.marks.${mark}`)}</VisuallyHidden>
    </Box>
  );
}

/** One aggregate table exactly as it leaves the office: suppressed cells as "·", tinted by why. */
export function PreviewTable({ table }: { table: PreviewTableData }) {
  const { t, i18n } = useT();
  const cell = (value: number | null, mark: Mark, key: string, bold = false) => (
    <Table.Td key={key} ta="end" fw={bold ? 700 : undefined} style={mark ? MARK_STYLE[mark] : undefined}>
      {mark ? <SuppressedMark mark={mark} /> : value === null ? '' : formatNumber(i18n.language, value)}
    </Table.Td>
  );
  const title = tableTitle(t, table.id);
  return (
    <ScrollArea type="auto" offsetScrollbars="x" maw={tableWidth(table.columns.length)}>
      <Table withTableBorder captionSide="top" data-testid={`preview-table-${table.id}`}>
        <Table.Caption fz="md" fw={700} ta="start" c="var(--mantine-color-text)" mb={4}>
          {title}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{rowKindLabel(t, table.rowKind)}</Table.Th>
            {table.columns.map((c) => (
              <Table.Th key={c} scope="col" ta="end">
                {columnLabel(t, c)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw={500}>
                {rowLabel(t, table.rowKind, row.key)}
              </Table.Th>
              {row.values.map((v, i) => cell(v, row.marks[i] ?? null, table.columns[i]!))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        {table.totals.length > 0 && (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">{t('reports:total')}</Table.Th>
              {table.totals.map((v, i) => cell(v, table.totalMarks[i] ?? null, table.columns[i]!, true))}
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </ScrollArea>
  );
}
