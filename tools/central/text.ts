/** The merged report as lines of text for the person at the central office. */
import type { Cell, MergedReport, MergeWarning, Period } from './merge';
import type { Translate } from './messages';

const dash = (period: Period | null) => (period ? `${period.from} – ${period.to}` : '–');

/** "12", or "12 +2?" when two suppressed cells are not in the 12. */
const cellText = (cell: Cell) => (cell.unknown > 0 ? `${cell.sum} +${cell.unknown}?` : String(cell.sum));

function warningText(warning: MergeWarning, t: Translate): string {
  switch (warning.kind) {
    case 'overlap':
      return t('report.warnings.overlap', {
        office: warning.office,
        counted: warning.counted,
        countedPeriod: dash(warning.countedPeriod),
        superseded: warning.superseded,
        supersededPeriod: dash(warning.supersededPeriod),
      });
    case 'repeated_pseudonym':
      return t('report.warnings.repeated_pseudonym', { office: warning.office, id: warning.packageId, count: warning.records });
    case 'partly_outside':
      return t('report.warnings.partly_outside', { office: warning.office, id: warning.packageId, period: dash(warning.period) });
    case 'unregistered':
      return t('report.warnings.unregistered', { office: warning.office, fingerprint: warning.fingerprint, id: warning.packageId, period: dash(warning.period) });
  }
}

/** Rows of cells, the first column left-aligned and the figures right-aligned. */
function grid(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((text, c) => (c === 0 ? text.padEnd(widths[c]!) : text.padStart(widths[c]!))).join('   ')}`.trimEnd());
}

export function reportText(report: MergedReport, t: Translate): string[] {
  if (report.packages === 0 && report.warnings.length === 0) return [t('report.empty')];
  const lines = [t('report.title'), `  ${t('report.period', { period: dash(report.period) })}`, `  ${t('report.packages', { count: report.packages })}`, ''];

  lines.push(t('report.sections.offices'));
  for (const office of report.offices) {
    const counted = office.packages.filter((p) => p.counted).length;
    lines.push(`  ${t('report.office', { name: office.name, period: dash(office.period), counted, total: office.packages.length })}`);
    lines.push(`    ${t('report.fingerprint', { fingerprint: office.fingerprint })}`);
  }
  lines.push('');

  const f = report.families;
  lines.push(t('report.sections.families'));
  lines.push(
    ...grid([
      [t('report.families.sumOfOffices'), String(f.sumOfOffices)],
      [t('report.families.records'), String(f.records)],
      [t('report.families.distinctRecords'), String(f.distinctRecords)],
      [t('report.families.countedTwice'), String(f.countedTwice)],
      [t('report.families.families'), String(f.families)],
      ...(f.suppressed
        ? [
            [t('report.families.suppressed'), String(f.suppressed)],
            [t('report.families.recordsOfSuppressed'), String(f.recordsOfSuppressed)],
          ]
        : []),
    ]),
  );
  lines.push(`  ${t('report.families.note')}`);
  if (f.suppressed) lines.push(`  ${t('report.families.suppressed_note')}`);
  lines.push('');

  if (report.warnings.length > 0) {
    lines.push(t('report.sections.warnings'), ...report.warnings.map((w) => `  ! ${warningText(w, t)}`), '');
  }

  for (const table of report.tables) {
    lines.push(t('report.table', { id: table.id, rowKind: table.rowKind }));
    // Summaries and the like have no totals: no row of zeros for them.
    const totals = table.totals.length > 0 ? [[t('report.total'), ...table.totals.map(cellText)]] : [];
    lines.push(...grid([[table.rowKind, ...table.columns], ...table.rows.map((r) => [r.key, ...r.values.map(cellText)]), ...totals]), '');
  }
  if (report.tables.length > 0) {
    const anyUnknown = report.tables.some((table) => [...table.rows.flatMap((r) => r.values), ...table.totals].some((c) => c.unknown > 0));
    if (anyUnknown) lines.push(t('report.unknown_legend'));
    lines.push(t('report.tables_note'));
  }
  return lines;
}
