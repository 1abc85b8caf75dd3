import type { ReachReport } from '../../../../shared/rpc/areas/reports';
import { formatDate, formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import { columnLabel, rowKindLabel, rowLabel, tableDefinition, tableTitle } from './labels';
import { periodRange, periodWords } from './periodText';
import classes from './ReportSheet.module.css';

/** The headline figures in the order the screen shows them. */
const SUMMARY_KEYS = [
  'families', 'persons', 'participations', 'contacts', 'attendances', 'referrals', 'newFamilies', 'returningFamilies', 'anonymousAdults', 'anonymousChildren', 'volunteerHours', 'trainingsHeld', 'volunteersTrained',
] as const;

/**
 * The reach report to print (or save as PDF) for the funder: project,
 * office, period and filters, the headline figures and every table with
 * its definition, and the funding line.
 */
export function ReportSheet({ report, filterText, officeName, projectName, fundingLine }: { report: ReachReport; filterText: string; officeName: string; projectName: string; fundingLine: string }) {
  const { t, i18n } = useT();
  const n = (v: number) => formatNumber(i18n.language, v, { maximumFractionDigits: 2 });
  const definition = report.filters.definition ?? 'background';
  const period = { from: report.from, to: report.to };
  return (
    <div className={classes.sheet} data-testid="report-sheet">
      <h1 className={classes.title}>{t('reports:reachTitle')}</h1>
      <p className={classes.project}>
        {projectName} · {officeName}
      </p>
      <p className={classes.meta}>
        {t('reports:period')}: {periodWords(t, i18n.language, period)} ({periodRange(t, i18n.language, period)})
        {filterText && (
          <>
            <br />
            {t('reports:sheet.filters')}: {filterText}
          </>
        )}
        <br />
        {t('reports:sheet.made', { date: formatDate(i18n.language, new Date(), { dateStyle: 'medium' }) })}
      </p>
      <section className={classes.section}>
        <h2 className={classes.heading}>{t('reports:tables.summary')}</h2>
        <table className={classes.table}>
          <tbody>
            {SUMMARY_KEYS.map((key) => (
              <tr key={key}>
                <th scope="row">{t(`reports:summary.${key}`)}</th>
                <td className={classes.number}>{n(report.summary[key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className={classes.definition}>
          {t('reports:definitions.families')} {t('reports:definitions.persons')} {t('reports:definitions.anonymous')}
        </p>
      </section>
      {report.tables.map((table) => (
        <section key={table.id} className={classes.section}>
          <h2 className={classes.heading}>{tableTitle(t, table.id, definition)}</h2>
          <table className={classes.table}>
            <thead>
              <tr>
                <th scope="col">{rowKindLabel(t, table.rowKind)}</th>
                {table.columns.map((c) => (
                  <th key={c} scope="col" className={classes.number}>
                    {columnLabel(t, c, definition)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{rowLabel(t, table.rowKind, row.key)}</th>
                  {row.values.map((v, i) => (
                    <td key={table.columns[i]} className={classes.number}>
                      {n(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            {table.totals.length > 0 && (
              <tfoot>
                <tr>
                  <th scope="row">{t('reports:total')}</th>
                  {table.totals.map((v, i) => (
                    <td key={table.columns[i]} className={classes.number}>
                      {n(v)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            )}
          </table>
          <p className={classes.definition}>{tableDefinition(t, table.id, definition)}</p>
        </section>
      ))}
      <p className={classes.funding}>{fundingLine}</p>
    </div>
  );
}
