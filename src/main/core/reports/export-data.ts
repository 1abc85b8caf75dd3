/**
 * What a package for the central project holds: the reach report's tables
 * with small figures suppressed, and pseudonymised records of the families
 * whose consent covers the transfer. The preview shows exactly this, and
 * export.build signs and encrypts exactly this: nothing else leaves.
 */
import type { ExportPreview, ReachReport, ReportTable } from '../../../shared/rpc/areas/reports';
import type { Db } from '../db/schema';
import { familyPseudonym, type AnchorPerson } from './pseudonym';
import { computeReach } from './reach';
import { suppressTable, type Mark } from './suppression';

type PreviewTable = ExportPreview['tables'][number];

/** The tables that leave the office (the rest name staff-side detail the central project does not count). */
const EXPORTED = ['migration', 'ageBand', 'gender', 'familyStatus', 'fieldOfAction', 'contactChannel', 'eventType', 'referralKind', 'referralReason', 'participation'];

function primaryOnly(values: readonly number[], threshold: number): { values: (number | null)[]; marks: Mark[] } {
  const small = (v: number) => v > 0 && v < threshold;
  return { values: values.map((v) => (small(v) ? null : v)), marks: values.map((v) => (small(v) ? 'primary' : null)) };
}

/**
 * One table after suppression. Where rows and columns both add up, the
 * whole table is protected with its totals (secondary suppression); where
 * only the rows add up, each column with its total; where only the columns
 * split a row, each row; otherwise every small cell alone (no sum could
 * reveal it, because none is published).
 */
export function suppressReportTable(table: ReportTable, threshold: number): PreviewTable {
  const matrix = table.rows.map((r) => r.values.map((v) => Math.round(v)));
  const cols = table.columns.length;
  const values: (number | null)[][] = matrix.map((r) => [...r]);
  const marks: Mark[][] = matrix.map((r) => r.map(() => null));
  let totals: (number | null)[] = table.totals.map((v) => Math.round(v));
  let totalMarks: Mark[] = totals.map(() => null);
  if (table.rowsAdd && table.columnsAdd) {
    const s = suppressTable(matrix, threshold);
    s.values.forEach((r, i) => (values[i] = r));
    s.marks.forEach((r, i) => (marks[i] = r));
    totals = s.columnTotals;
    totalMarks = s.columnTotalMarks;
  } else if (table.rowsAdd) {
    for (let c = 0; c < cols; c += 1) {
      const s = suppressTable(
        matrix.map((r) => [r[c]!]),
        threshold,
      );
      s.values.forEach((r, i) => (values[i]![c] = r[0]!));
      s.marks.forEach((r, i) => (marks[i]![c] = r[0]!));
      totals[c] = s.columnTotals[0]!;
      totalMarks[c] = s.columnTotalMarks[0]!;
    }
  } else {
    matrix.forEach((row, i) => {
      const s = table.columnsAdd ? suppressTable([row], threshold) : null;
      const p = s ? { values: s.values[0]!, marks: s.marks[0]! } : primaryOnly(row, threshold);
      values[i] = p.values;
      marks[i] = p.marks;
    });
    const t = primaryOnly(
      table.totals.map((v) => Math.round(v)),
      threshold,
    );
    totals = t.values;
    totalMarks = t.marks;
  }
  return {
    id: table.id,
    rowKind: table.rowKind,
    columns: table.columns,
    rows: table.rows.map((r, i) => ({ key: r.key, values: values[i]!, marks: marks[i]! })),
    totals,
    totalMarks,
  };
}

/** The headline figures as a one-column table, every figure protected on its own. */
function summaryTable(summary: ReachReport['summary']): ReportTable {
  const keys = Object.keys(summary) as (keyof typeof summary)[];
  return { id: 'summary', rowKind: 'summary', columns: ['value'], rowsAdd: false, columnsAdd: false, rows: keys.map((k) => ({ key: k, values: [summary[k]] })), totals: [] };
}

/** Families whose newest record of the consent to pass pseudonymised data to the central project is given and not withdrawn. */
async function consentedFamilies(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('consents')
    .select(['family_id', 'given', 'withdrawn_at'])
    .where('purpose', '=', 'central_transfer')
    .orderBy('family_id')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const newest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!newest.has(row.family_id)) newest.set(row.family_id, row);
  return new Set([...newest].filter(([, r]) => r.given === 1 && r.withdrawn_at === null).map(([id]) => id));
}

export interface ExportData {
  families: number;
  tables: PreviewTable[];
  records: ExportPreview['records'];
  withoutConsent: number;
  recordsWithheld: ExportPreview['recordsWithheld'];
  suppressedCells: number;
}

export async function exportData(db: Db, input: { from: string; to: string; threshold: number; pseudonymKey: string | null; version?: number }): Promise<ExportData> {
  const { report, reached } = await computeReach(db, input.from, input.to, {}, null, input.version);
  const tables = [summaryTable(report.summary), ...report.tables.filter((t) => EXPORTED.includes(t.id))].map((t) => suppressReportTable(t, input.threshold));
  const suppressedCells = tables.reduce((a, t) => a + t.rows.reduce((b, r) => b + r.marks.filter(Boolean).length, 0) + t.totalMarks.filter(Boolean).length, 0);

  const consented = await consentedFamilies(db);
  const ids = [...reached.reachedFamilies.keys()].filter((id) => consented.has(id));
  const withoutConsent = reached.reachedFamilies.size - ids.length;
  if (!input.pseudonymKey) return { families: report.summary.families, tables, records: [], withoutConsent, recordsWithheld: 'no_pseudonym_key', suppressedCells };

  const key = Buffer.from(input.pseudonymKey, 'hex');
  const [names, districts, engagements] = await Promise.all([
    db.selectFrom('members').select(['family_id', 'first_name', 'last_name', 'birth_year', 'role', 'moved_out_at']).execute(),
    db.selectFrom('districts').select(['id', 'name']).execute(),
    db.selectFrom('member_engagements').select(['family_id', 'kind', 'started_on', 'ended_on']).where('started_on', '<=', input.to).execute(),
  ]);
  const wanted = new Set(ids);
  const members = new Map<string, (AnchorPerson & { movedOutAt: string | null })[]>();
  for (const m of names) {
    if (!wanted.has(m.family_id)) continue;
    const list = members.get(m.family_id) ?? [];
    list.push({ firstName: m.first_name, lastName: m.last_name, birthYear: m.birth_year, role: m.role as AnchorPerson['role'], movedOutAt: m.moved_out_at });
    members.set(m.family_id, list);
  }
  const districtName = new Map(districts.map((d) => [d.id, d.name]));
  const participation = new Map<string, Set<string>>();
  for (const e of engagements) {
    if (!wanted.has(e.family_id) || (e.ended_on && e.ended_on < input.from)) continue;
    (participation.get(e.family_id) ?? participation.set(e.family_id, new Set()).get(e.family_id)!).add(e.kind);
  }
  const referralCount = new Map<string, number>();
  for (const r of reached.referrals) referralCount.set(r.familyId, (referralCount.get(r.familyId) ?? 0) + 1);

  const records: ExportPreview['records'] = [];
  for (const id of ids) {
    // Members who left before the period are not part of the household the record describes.
    const household = (members.get(id) ?? []).filter((m) => !m.movedOutAt || m.movedOutAt >= input.from);
    const pseudonym = familyPseudonym(key, household);
    if (!pseudonym) continue;
    const family = reached.families.get(id)!;
    records.push({
      pseudonym,
      birthYears: household.map((m) => m.birthYear).sort((a, b) => a - b),
      district: family.districtId ? (districtName.get(family.districtId) ?? null) : null,
      languages: family.languages,
      migrationBackground: family.background,
      visits: reached.reachedFamilies.get(id) ?? 0,
      referrals: referralCount.get(id) ?? 0,
      participation: [...(participation.get(id) ?? [])].sort(),
    });
  }
  key.fill(0);
  // In pseudonym order: the package's order says nothing about when a family came.
  records.sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));
  return { families: report.summary.families, tables, records, withoutConsent, recordsWithheld: null, suppressedCells };
}
