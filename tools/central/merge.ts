/**
 * The central office's merge of the offices' packages. Pure (no files, no
 * clock), so it is tested on hand-made payloads.
 *
 * Families: each office counts its own families; a family that two offices
 * (or two packages) both reached is counted once where its pseudonym arrives
 * more than once. Families without consent for records carry no pseudonym,
 * so they cannot be matched: the merged figure is an upper bound. A package
 * whose own family count was suppressed adds nothing to the sum, so its
 * records take no part in the matching either (they are reported apart).
 * Tables: sums of the offices' figures. A suppressed cell stays unknown: the
 * sum covers the known cells and says how many were unknown, never a guess.
 * The packages' suppression marks (sent all-null) are never read or passed on.
 */
import type { PackagePayload } from '../../src/main/core/export/package';
import { fingerprintOf } from '../../src/main/core/office/identity';

export interface MergeInput {
  payload: PackagePayload;
  /** When the central office imported it (ISO): breaks a tie between packages created at the same time. */
  importedAt: string;
}

export interface Period {
  from: string;
  to: string;
}

/** A merged figure: the sum of the known cells, and how many cells were suppressed (unknown) and are not in it. */
export interface Cell {
  sum: number;
  unknown: number;
}

export interface MergedTable {
  id: string;
  rowKind: string;
  columns: string[];
  rows: { key: string; values: Cell[] }[];
  totals: Cell[];
}

export interface OfficePackage {
  packageId: string;
  period: Period;
  createdAt: string;
  /** False when a newer package of the same office for an overlapping period replaces it. */
  counted: boolean;
}

export interface MergedOffice {
  name: string;
  fingerprint: string;
  /** From the earliest to the latest day of its counted packages. */
  period: Period | null;
  packages: OfficePackage[];
}

export type MergeWarning =
  | { kind: 'overlap'; office: string; counted: string; countedPeriod: Period; superseded: string; supersededPeriod: Period }
  | { kind: 'repeated_pseudonym'; office: string; packageId: string; records: number }
  | { kind: 'partly_outside'; office: string; packageId: string; period: Period }
  /** A stored package whose signing key is no longer registered (removed from offices.json): not counted. */
  | { kind: 'unregistered'; office: string; fingerprint: string; packageId: string; period: Period };

export interface FamilyCount {
  /** The offices' own counts added up. */
  sumOfOffices: number;
  /** Pseudonymised records (families with consent for the transfer) of the packages whose family count is in the sum. */
  records: number;
  distinctRecords: number;
  /** Records whose pseudonym arrived before in another package: records − distinctRecords. */
  countedTwice: number;
  /** sumOfOffices − countedTwice. */
  families: number;
  /** Packages whose own family count was below the suppression threshold (sent as unknown, not in the sum). */
  suppressed: number;
  /**
   * The records of those packages: their families are not in the sum, so they are not matched either
   * (subtracting them would take off families that were never added).
   */
  recordsOfSuppressed: number;
}

export interface MergedReport {
  /** From the earliest to the latest day of the counted packages; null when none. */
  period: Period | null;
  /** Packages counted (superseded ones are listed under their office but not counted). */
  packages: number;
  offices: MergedOffice[];
  families: FamilyCount;
  tables: MergedTable[];
  warnings: MergeWarning[];
}

/** Days are YYYY-MM-DD, both ends included, so string comparison is date comparison. */
export function overlaps(a: Period, b: Period): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** Map.groupBy is not in Node 20. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

function span(periods: readonly Period[]): Period | null {
  if (periods.length === 0) return null;
  return { from: periods.map((p) => p.from).reduce((a, b) => (b < a ? b : a)), to: periods.map((p) => p.to).reduce((a, b) => (b > a ? b : a)) };
}

/** Newest first: by the office's creation time, then import time, then id (so the order never depends on the input's). */
function newestFirst(a: MergeInput, b: MergeInput): number {
  const key = (p: MergeInput) => [p.payload.createdAt, p.importedAt, p.payload.packageId] as const;
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! > kb[i]! ? -1 : 1;
  return 0;
}

/**
 * Per office, the newest package counts; an older one whose period overlaps a
 * counted one is left out whole (its figures cannot be split by day).
 */
function chooseCounted(packages: readonly MergeInput[], warnings: MergeWarning[]): Set<MergeInput> {
  const counted = new Set<MergeInput>();
  const byOffice = groupBy(packages, (p) => p.payload.office.publicKey);
  for (const own of byOffice.values()) {
    const kept: MergeInput[] = [];
    for (const p of [...own].sort(newestFirst)) {
      const newer = kept.find((k) => overlaps(k.payload.period, p.payload.period));
      if (!newer) {
        kept.push(p);
        counted.add(p);
        continue;
      }
      warnings.push({
        kind: 'overlap',
        office: p.payload.office.name,
        counted: newer.payload.packageId,
        countedPeriod: newer.payload.period,
        superseded: p.payload.packageId,
        supersededPeriod: p.payload.period,
      });
    }
  }
  return counted;
}

interface TableAcc {
  id: string;
  rowKind: string;
  columns: string[];
  rows: Map<string, Map<string, Cell>>;
  totals: Map<string, Cell>;
  /** Whether any package sent totals for this table (summaries and the like have none). */
  hasTotals: boolean;
  /** The columns of the packages that sent this table without totals: unknown in the totals if another package has them. */
  withoutTotals: string[][];
}

function add(cells: Map<string, Cell>, column: string, value: number | null | undefined): void {
  const cell = cells.get(column) ?? { sum: 0, unknown: 0 };
  if (value === null) cell.unknown += 1;
  else cell.sum += value ?? 0;
  cells.set(column, cell);
}

/** Tables by id, rows by key, columns by name, each in the order first seen: offices may send tables of other shapes. */
function mergeTables(packages: readonly MergeInput[]): MergedTable[] {
  const tables = new Map<string, TableAcc>();
  for (const { payload } of packages) {
    for (const table of payload.tables) {
      let acc = tables.get(table.id);
      if (!acc) {
        acc = { id: table.id, rowKind: table.rowKind, columns: [], rows: new Map(), totals: new Map(), hasTotals: false, withoutTotals: [] };
        tables.set(table.id, acc);
      }
      for (const column of table.columns) if (!acc.columns.includes(column)) acc.columns.push(column);
      for (const row of table.rows) {
        const cells = acc.rows.get(row.key) ?? new Map<string, Cell>();
        acc.rows.set(row.key, cells);
        table.columns.forEach((column, i) => add(cells, column, row.values[i]));
      }
      if (table.totals.length === 0) acc.withoutTotals.push(table.columns);
      else {
        acc.hasTotals = true;
        table.columns.forEach((column, i) => add(acc.totals, column, table.totals[i]));
      }
    }
  }
  // A package without totals for a table others sent with totals: its share of each total is not known.
  for (const acc of tables.values()) if (acc.hasTotals) for (const columns of acc.withoutTotals) for (const column of columns) add(acc.totals, column, null);
  const line = (acc: TableAcc, cells: Map<string, Cell>) => acc.columns.map((c) => cells.get(c) ?? { sum: 0, unknown: 0 });
  return [...tables.values()].map((acc) => ({
    id: acc.id,
    rowKind: acc.rowKind,
    columns: acc.columns,
    rows: [...acc.rows].map(([key, cells]) => ({ key, values: line(acc, cells) })),
    totals: acc.hasTotals ? line(acc, acc.totals) : [],
  }));
}

function countFamilies(packages: readonly MergeInput[], warnings: MergeWarning[]): FamilyCount {
  const seen = new Set<string>();
  let sumOfOffices = 0;
  let records = 0;
  let suppressed = 0;
  let recordsOfSuppressed = 0;
  for (const { payload } of packages) {
    const own = new Set(payload.records.map((r) => r.pseudonym));
    // Two families with the same anchor person's name and birth year at one office: the pseudonym cannot tell them apart.
    if (own.size < payload.records.length) {
      warnings.push({ kind: 'repeated_pseudonym', office: payload.office.name, packageId: payload.packageId, records: payload.records.length - own.size });
    }
    if (payload.families === null) {
      // Not in the sum, so not matched: a duplicate with it would subtract a family that was never added.
      suppressed += 1;
      recordsOfSuppressed += payload.records.length;
      continue;
    }
    sumOfOffices += payload.families;
    records += payload.records.length;
    for (const pseudonym of own) seen.add(pseudonym);
  }
  const countedTwice = records - seen.size;
  return { sumOfOffices, records, distinctRecords: seen.size, countedTwice, families: sumOfOffices - countedTwice, suppressed, recordsOfSuppressed };
}

/**
 * Merges the stored packages. With a period, only packages lying wholly
 * inside it count; one lying partly inside is left out with a warning.
 */
export function mergePackages(input: readonly MergeInput[], within?: Period): MergedReport {
  // A fixed order (office, period, id) so sums, rows and warnings come out the same whatever order the files were read in.
  const order = (a: MergeInput, b: MergeInput) =>
    a.payload.office.name.localeCompare(b.payload.office.name, 'de') || a.payload.period.from.localeCompare(b.payload.period.from) || a.payload.packageId.localeCompare(b.payload.packageId);
  const warnings: MergeWarning[] = [];
  const inside = [...input].sort(order).filter((p) => {
    if (!within) return true;
    const period = p.payload.period;
    if (period.from >= within.from && period.to <= within.to) return true;
    if (overlaps(period, within)) warnings.push({ kind: 'partly_outside', office: p.payload.office.name, packageId: p.payload.packageId, period });
    return false;
  });
  const countedSet = chooseCounted(inside, warnings);
  const counted = inside.filter((p) => countedSet.has(p));

  const offices = [...groupBy(inside, (p) => p.payload.office.publicKey).values()].map((own): MergedOffice => {
    const newest = [...own].sort(newestFirst)[0]!.payload.office;
    return {
      name: newest.name,
      fingerprint: fingerprintOf(Buffer.from(newest.publicKey, 'base64')),
      period: span(own.filter((p) => countedSet.has(p)).map((p) => p.payload.period)),
      packages: own.map((p) => ({ packageId: p.payload.packageId, period: p.payload.period, createdAt: p.payload.createdAt, counted: countedSet.has(p) })),
    };
  });

  return {
    period: span(counted.map((p) => p.payload.period)),
    packages: counted.length,
    offices,
    families: countFamilies(counted, warnings),
    tables: mergeTables(counted),
    warnings,
  };
}
