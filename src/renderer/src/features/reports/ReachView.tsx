import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import type { ReachReport, ReportFilters } from '../../../../shared/rpc/areas/reports';
import { useRpcAction } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionContext';
import { useSettings } from '../admin/queries';
import { downloadBase64 } from './download';
import { reportErrorText } from './errorText';
import { DrillDrawer } from './DrillDrawer';
import { FilterBar } from './FilterBar';
import { Headline } from './Headline';
import { isComplete } from './period';
import { PeriodPicker } from './PeriodPicker';
import { useReach } from './queries';
import { choiceOf, useRememberedState } from './reportState';
import { ReportSheet } from './ReportSheet';
import { ReportTableView, type OpenFigure } from './ReportTableView';
import { useFilterText } from './useFilterText';

// recharts is the largest library of the app: it loads when a report is first drawn, not with the area.
const ReachCharts = lazy(() => import('./ReachCharts'));

/** Filters as one comparable text: the core answers them in its own key order. */
const filterKey = (filters: ReportFilters) => JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));

/** Whether the report on screen is the one asked for (while a new one is computed, the last stays up). */
const answers = (report: ReachReport, period: { from: string; to: string } | null, filters: ReportFilters) =>
  !!period && report.from === period.from && report.to === period.to && filterKey(report.filters) === filterKey(filters);

/**
 * The reach report (Reichweite) of a period: headline figures, charts and
 * every table, each figure opening the families or persons behind it; as
 * XLSX, CSV or a printed sheet for the funder.
 */
export function ReachView() {
  const { t, i18n } = useT();
  const [state, setState] = useRememberedState('reach', () => ({ period: choiceOf('thisYear'), filters: {} }));
  const period = isComplete(state.period) ? { from: state.period.from, to: state.period.to } : null;
  const reach = useReach(period, state.filters);
  const settings = useSettings().data;
  const officeName = useSession().status.officeName ?? '';
  const filterText = useFilterText(state.filters);
  const exportReport = useRpcAction('reports.export');
  const [open, setOpen] = useState<OpenFigure | null>(null);
  const report = reach.data;
  const current = !!report && answers(report, period, state.filters);
  const definition = report?.filters.definition ?? 'background';

  const download = async (format: 'xlsx' | 'csv') => {
    if (!report) return;
    const result = await exportReport.mutate({ from: report.from, to: report.to, filters: report.filters, format, language: i18n.language === 'en' ? 'en' : 'de' });
    if (result.ok) downloadBase64(result.data.fileName, result.data.base64, result.data.mime);
  };

  return (
    <Stack gap="lg">
      <PeriodPicker value={state.period} onChange={(p) => setState({ ...state, period: p })} />
      <FilterBar value={state.filters} onChange={(filters) => setState({ ...state, filters })} />
      <Group gap="xs">
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => void download('xlsx')} disabled={!current || exportReport.pending}>
          {t('reports:export.xlsx')}
        </Button>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => void download('csv')} disabled={!current || exportReport.pending}>
          {t('reports:export.csv')}
        </Button>
        <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()} disabled={!current}>
          {t('reports:export.print')}
        </Button>
        {period && !current && !reach.error && (
          <Group gap={6} role="status">
            <Loader size="xs" aria-hidden />
            <Text size="sm">{t('reports:loading')}</Text>
          </Group>
        )}
      </Group>
      {reach.error && <FormError message={reportErrorText(t, reach.error)} />}
      {report && (
        <Stack gap="lg" aria-busy={!current} data-testid="reach-report" style={current ? undefined : { opacity: 0.6 }}>
          <Title order={2} size="h3">
            {t('reports:tables.summary')}
          </Title>
          <Headline summary={report.summary} onOpen={setOpen} />
          <Title order={2} size="h3">
            {t('reports:charts.title')}
          </Title>
          <Suspense fallback={<Loader size="sm" aria-label={t('reports:loading')} />}>
            <ReachCharts report={report} definition={definition} />
          </Suspense>
          <Title order={2} size="h3">
            {t('reports:tablesTitle')}
          </Title>
          <Stack gap="xl">
            {report.tables.map((table) => (
              <ReportTableView key={table.id} table={table} definition={definition} onOpen={setOpen} />
            ))}
          </Stack>
        </Stack>
      )}
      {report && (
        <>
          <DrillDrawer open={open} period={{ from: report.from, to: report.to }} filters={report.filters} onClose={() => setOpen(null)} />
          <div className="print-only">
            <ReportSheet report={report} filterText={filterText} officeName={settings?.officeName ?? officeName} projectName={settings?.projectName ?? ''} fundingLine={settings?.fundingLine ?? ''} />
          </div>
        </>
      )}
    </Stack>
  );
}
