import { Anchor, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useId } from 'react';
import type { Figure, MigrationDefinition, ReportTable } from '../../../../shared/rpc/areas/reports';
import { formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import { columnLabel, rowKindLabel, rowLabel, tableDefinition, tableTitle } from './labels';

/**
 * Columns whose figure the drill-down cannot list: "events" counts events,
 * not families; "done" would list every referral of the row, not only the
 * done ones (the core notes referrals per row, not per status).
 */
const NOT_DRILLABLE = new Set(['events', 'done']);

/** Wide enough for the labels, narrow enough that a row's figures stay near its label. */
export const tableWidth = (columns: number) => 300 + 190 * columns;

export interface OpenFigure {
  figure: Figure;
  /** What the figure is, in words: the drill-down's title. */
  title: string;
}

/**
 * One table of the reach report: caption, the definition below, labels in
 * the UI language, the totals as counted, and every figure that stands for
 * families or persons a button that lists them.
 */
export function ReportTableView({ table, definition, onOpen }: { table: ReportTable; definition: MigrationDefinition; onOpen?: (open: OpenFigure) => void }) {
  const { t, i18n } = useT();
  const definitionId = useId();
  const title = tableTitle(t, table.id, definition);
  const n = (v: number) => formatNumber(i18n.language, v, { maximumFractionDigits: 2 });
  const columns = table.columns.map((c) => columnLabel(t, c, definition));
  return (
    <Stack gap={4} maw={tableWidth(table.columns.length)} data-testid={`report-table-${table.id}`}>
      <ScrollArea type="auto" offsetScrollbars="x">
        <Table striped withTableBorder captionSide="top" aria-describedby={definitionId} highlightOnHover>
          <Table.Caption fz="md" fw={700} ta="start" c="var(--mantine-color-text)" mb={4}>
            {title}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{rowKindLabel(t, table.rowKind)}</Table.Th>
              {columns.map((label, i) => (
                <Table.Th key={table.columns[i]} scope="col" ta="end">
                  {label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row) => {
              const label = rowLabel(t, table.rowKind, row.key);
              return (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row" fw={500}>
                    {label}
                  </Table.Th>
                  {row.values.map((v, i) => {
                    const column = table.columns[i]!;
                    const drillable = onOpen && v !== 0 && !NOT_DRILLABLE.has(column);
                    return (
                      <Table.Td key={column} ta="end">
                        {drillable ? (
                          <Anchor
                            component="button"
                            type="button"
                            fz="sm"
                            underline="always"
                            aria-label={t('reports:drill.openCell', { value: n(v), row: label, column: columns[i] })}
                            onClick={() => onOpen({ figure: { table: table.id, row: row.key, column }, title: `${title}: ${label}, ${columns[i]}` })}
                          >
                            {n(v)}
                          </Anchor>
                        ) : (
                          n(v)
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
            {table.rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columns.length + 1}>{t('reports:noRows')}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
          {table.totals.length > 0 && (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('reports:total')}</Table.Th>
                {table.totals.map((v, i) => (
                  <Table.Td key={table.columns[i]} ta="end" fw={700}>
                    {n(v)}
                  </Table.Td>
                ))}
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </ScrollArea>
      <Text size="xs" c="dimmed" id={definitionId}>
        {tableDefinition(t, table.id, definition)}
      </Text>
    </Stack>
  );
}
