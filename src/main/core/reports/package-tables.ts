/**
 * The aggregate tables of a central package, with small figures suppressed
 * over all of them at once: a figure hidden in one table must not be
 * recoverable from another (the age bands' column totals are the migration
 * table's persons, the summary's families are new + returning, …). Every sum
 * that holds between published figures is a line for suppressLinked.
 */
import type { ExportPreview, ReachReport, ReportTable } from '../../../shared/rpc/areas/reports';
import { suppressLinked, type LinkedLine } from './suppression';

type PreviewTable = ExportPreview['tables'][number];

/** The tables that leave the office (the rest name staff-side detail the central project does not count). */
const EXPORTED = ['migration', 'ageBand', 'gender', 'familyStatus', 'fieldOfAction', 'contactChannel', 'eventType', 'referralKind', 'referralReason', 'participation'];

const cellId = (table: string, row: string, column: string) => `${table}|${row}|${column}`;
const totalId = (table: string, column: string) => `${table}|∑|${column}`;
const MH = ['mh_yes', 'mh_no', 'mh_not_stated'];
const round = (v: number) => Math.round(v * 100) / 100;

function summaryTable(summary: ReachReport['summary']): ReportTable {
  const keys = Object.keys(summary) as (keyof typeof summary)[];
  return { id: 'summary', rowKind: 'summary', columns: ['value'], rowsAdd: false, columnsAdd: false, rows: keys.map((k) => ({ key: k, values: [summary[k]] })), totals: [] };
}

/** The sums between the exported tables, as the reach report defines its figures (reach.ts). */
function crossLines(tables: readonly ReportTable[]): LinkedLine[] {
  const has = (id: string) => tables.some((t) => t.id === id);
  const s = (key: string) => cellId('summary', key, 'value');
  const lines: LinkedLine[] = [
    { parts: [s('newFamilies'), s('returningFamilies')], total: s('families') },
    { parts: [s('contacts'), s('attendances'), s('referrals')], total: s('participations') },
    { parts: MH.map((c) => cellId('migration', 'persons', c)), total: s('persons') },
    { parts: MH.map((c) => cellId('migration', 'families', c)), total: s('families') },
    { parts: MH.map((c) => cellId('familyStatus', 'new', c)), total: s('newFamilies') },
    { parts: MH.map((c) => cellId('familyStatus', 'returning', c)), total: s('returningFamilies') },
    { parts: [totalId('contactChannel', 'contacts')], total: s('contacts') },
    { parts: [totalId('eventType', 'attendances')], total: s('attendances') },
    // Trainings held are the volunteer-training events.
    { parts: [cellId('eventType', 'volunteer_training', 'events')], total: s('trainingsHeld') },
  ];
  for (const c of MH) {
    lines.push({ parts: [totalId('ageBand', c)], total: cellId('migration', 'persons', c) });
    lines.push({ parts: [totalId('gender', c)], total: cellId('migration', 'persons', c) });
    lines.push({ parts: [totalId('familyStatus', c)], total: cellId('migration', 'families', c) });
  }
  const column = (table: string, col: string) => tables.find((t) => t.id === table)?.rows.map((r) => cellId(table, r.key, col)) ?? [];
  // Columns that add up although the table as a whole does not (each contact, check-in and event in one row).
  lines.push({ parts: column('eventType', 'events'), total: totalId('eventType', 'events') });
  lines.push({ parts: column('eventType', 'attendances'), total: totalId('eventType', 'attendances') });
  if (has('fieldOfAction')) {
    lines.push({ parts: column('fieldOfAction', 'contacts'), total: s('contacts') });
    lines.push({ parts: column('fieldOfAction', 'attendances'), total: s('attendances') });
    lines.push({ parts: column('fieldOfAction', 'events'), total: totalId('eventType', 'events') });
  }
  lines.push({ parts: [totalId('referralKind', 'referrals')], total: totalId('referralReason', 'referrals') });
  lines.push({ parts: [totalId('referralKind', 'done')], total: totalId('referralReason', 'done') });
  return lines;
}

/** Lines inside a table: where rows add up, each column with its total. */
function tableLines(table: ReportTable): LinkedLine[] {
  if (!table.rowsAdd || table.totals.length === 0) return [];
  return table.columns.map((c) => ({ parts: table.rows.map((r) => cellId(table.id, r.key, c)), total: totalId(table.id, c) }));
}

export function packageTables(report: ReachReport | Omit<ReachReport, 'tookMs'>, threshold: number): { tables: PreviewTable[]; suppressed: number } {
  const tables = [summaryTable(report.summary), ...report.tables.filter((t) => EXPORTED.includes(t.id))];
  const values = new Map<string, number>();
  for (const t of tables) {
    t.rows.forEach((r) => r.values.forEach((v, i) => values.set(cellId(t.id, r.key, t.columns[i]!), round(v))));
    t.totals.forEach((v, i) => values.set(totalId(t.id, t.columns[i]!), round(v)));
  }
  const marks = suppressLinked(values, [...tables.flatMap(tableLines), ...crossLines(tables)], threshold);
  const shown = (id: string) => (marks.get(id) ? null : values.get(id)!);
  return {
    tables: tables.map((t) => ({
      id: t.id,
      rowKind: t.rowKind,
      columns: t.columns,
      rows: t.rows.map((r) => ({ key: r.key, values: t.columns.map((c) => shown(cellId(t.id, r.key, c))), marks: t.columns.map((c) => marks.get(cellId(t.id, r.key, c)) ?? null) })),
      totals: t.totals.map((_, i) => shown(totalId(t.id, t.columns[i]!))),
      totalMarks: t.totals.map((_, i) => marks.get(totalId(t.id, t.columns[i]!)) ?? null),
    })),
    suppressed: [...marks.values()].filter(Boolean).length,
  };
}
