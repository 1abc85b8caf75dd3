import '@mantine/charts/styles.css';
import { BarChart, DonutChart, LineChart } from '@mantine/charts';
import { Box, ColorSwatch, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import type { MigrationDefinition, ReachReport, ReportTable } from '../../../../shared/rpc/areas/reports';
import { formatDate, formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import { columnLabel, rowLabel } from './labels';

/**
 * Colours at 3:1 or more against the page in light and dark (WCAG 1.4.11
 * for graphics); every chart also says what it shows in words, so no figure
 * is only in a colour or a shape.
 */
const COLORS = ['brand.8', 'indigo.7', 'gray.6'] as const;
const TOP_LANGUAGES = 8;

/** Numbers in the UI language. */
function useNumber() {
  const { i18n } = useT();
  return (v: number, options?: Intl.NumberFormatOptions) => formatNumber(i18n.language, v, options);
}

/** The report's charts, in a chunk of their own (recharts is large and only this screen draws). */
export default function ReachCharts({ report, definition }: { report: ReachReport; definition: MigrationDefinition }) {
  const table = (id: string) => report.tables.find((x) => x.id === id);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" data-testid="report-charts">
      <MonthsChart months={report.months} />
      <FieldChart table={table('fieldOfAction')} />
      <MigrationChart table={table('migration')} definition={definition} />
      <LanguagesChart table={table('referralLanguage')} />
    </SimpleGrid>
  );
}

/** Families reached and participations per month of the period. */
function MonthsChart({ months }: { months: ReachReport['months'] }) {
  const { t, i18n } = useT();
  const num = useNumber();
  const monthName = (month: string, style: 'short' | 'long') =>
    formatDate(i18n.language, new Date(`${month}-15T12:00:00`), style === 'short' ? { month: 'short', year: '2-digit' } : { month: 'long', year: 'numeric' });
  const data = months.map((m) => ({ month: monthName(m.month, 'short'), families: m.families, participations: m.participations }));
  const peak = months.reduce<(typeof months)[number] | null>((best, m) => (m.families > (best?.families ?? 0) ? m : best), null);
  const text = peak
    ? t('reports:charts.months.text', { month: monthName(peak.month, 'long'), families: num(peak.families), participations: num(months.reduce((a, m) => a + m.participations, 0)) })
    : t('reports:charts.empty');
  return (
    <ChartCard title={t('reports:charts.months.title')} text={text}>
      <LineChart
        h={220}
        data={data}
        dataKey="month"
        accessibilityLayer={false}
        withLegend
        curveType="linear"
        yAxisProps={{ allowDecimals: false }}
        valueFormatter={(v) => num(v)}
        series={[
          { name: 'families', label: t('reports:charts.months.families'), color: COLORS[0] },
          { name: 'participations', label: t('reports:charts.months.participations'), color: COLORS[1] },
        ]}
      />
    </ChartCard>
  );
}

/** Contacts and participations at events per field of action. */
function FieldChart({ table }: { table: ReportTable | undefined }) {
  const { t } = useT();
  const num = useNumber();
  if (!table) return null;
  const col = (c: string) => table.columns.indexOf(c);
  const data = table.rows.map((row) => ({ field: rowLabel(t, table.rowKind, row.key), contacts: row.values[col('contacts')] ?? 0, attendances: row.values[col('attendances')] ?? 0 }));
  const text = data.map((d) => t('reports:charts.fields.line', { field: d.field, contacts: num(d.contacts), attendances: num(d.attendances) })).join('; ');
  return (
    <ChartCard title={t('reports:charts.fields.title')} text={text}>
      <BarChart
        h={220}
        data={data}
        dataKey="field"
        accessibilityLayer={false}
        withLegend
        yAxisProps={{ allowDecimals: false }}
        valueFormatter={(v) => num(v)}
        series={[
          { name: 'contacts', label: columnLabel(t, 'contacts'), color: COLORS[0] },
          { name: 'attendances', label: columnLabel(t, 'attendances'), color: COLORS[1] },
        ]}
      />
    </ChartCard>
  );
}

/** Persons reached with, without and without a stated migration background (or history), with a legend in words. */
function MigrationChart({ table, definition }: { table: ReportTable | undefined; definition: MigrationDefinition }) {
  const { t } = useT();
  const num = useNumber();
  const persons = table?.rows.find((r) => r.key === 'persons');
  if (!table || !persons) return null;
  const total = persons.values.reduce((a, v) => a + v, 0);
  const data = table.columns.map((c, i) => ({ name: columnLabel(t, c, definition), value: persons.values[i] ?? 0, color: COLORS[i] ?? COLORS[2] }));
  const percent = (v: number) => num(total ? v / total : 0, { style: 'percent', maximumFractionDigits: 0 });
  const line = (d: (typeof data)[number]) => `${d.name}: ${num(d.value)} (${percent(d.value)})`;
  return (
    <ChartCard
      title={t(definition === 'history' ? 'reports:charts.migration.titleHistory' : 'reports:charts.migration.title')}
      beside
      text={
        total ? (
          <Stack gap={4} component="span">
            {data.map((d) => (
              <Group key={d.name} gap="xs" wrap="nowrap" component="span">
                <ColorSwatch component="span" color={`var(--mantine-color-${d.color.replace('.', '-')})`} size={14} />
                <span>{line(d)}</span>
              </Group>
            ))}
          </Stack>
        ) : (
          t('reports:charts.empty')
        )
      }
    >
      <DonutChart data={total ? data : []} accessibilityLayer={false} size={170} thickness={28} withTooltip={false} chartLabel={num(total)} />
    </ChartCard>
  );
}

/** The languages most asked for in referrals. */
function LanguagesChart({ table }: { table: ReportTable | undefined }) {
  const { t } = useT();
  const num = useNumber();
  if (!table) return null;
  const data = table.rows.slice(0, TOP_LANGUAGES).map((row) => ({ language: rowLabel(t, table.rowKind, row.key), referrals: row.values[0] ?? 0 }));
  const text = data.length ? data.map((d) => `${d.language}: ${num(d.referrals)}`).join('; ') : t('reports:charts.empty');
  return (
    <ChartCard title={t('reports:charts.languages.title', { count: TOP_LANGUAGES })} text={text}>
      <BarChart
        h={Math.max(120, 32 * data.length + 40)}
        data={data}
        dataKey="language"
        orientation="vertical"
        accessibilityLayer={false}
        valueFormatter={(v) => num(v)}
        yAxisProps={{ width: 120 }}
        xAxisProps={{ allowDecimals: false }}
        series={[{ name: 'referrals', label: columnLabel(t, 'referrals'), color: COLORS[0] }]}
      />
    </ChartCard>
  );
}

/**
 * A chart as a figure: its title, the drawing as one image named by the
 * title and described by the words with it (a screen reader reads the
 * words, not the shapes); `beside` puts the words next to a small drawing.
 */
function ChartCard({ title, text, beside = false, children }: { title: string; text: ReactNode; beside?: boolean; children: ReactNode }) {
  const titleId = useId();
  const textId = useId();
  const words = (
    <Text size="sm" id={textId} component="div">
      {text}
    </Text>
  );
  return (
    <Paper withBorder p="sm" radius="md" component="figure" m={0} aria-labelledby={titleId}>
      <Title order={3} size="h5" id={titleId} mb="xs">
        {title}
      </Title>
      <Group align="center" gap="md" wrap="nowrap">
        <Box role="img" aria-labelledby={titleId} aria-describedby={textId} style={{ flex: beside ? '0 0 auto' : 1, minWidth: 0 }}>
          {children}
        </Box>
        {beside && words}
      </Group>
      {!beside && <Box mt="xs">{words}</Box>}
    </Paper>
  );
}
