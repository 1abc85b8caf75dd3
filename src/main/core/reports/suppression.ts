/**
 * Statistical disclosure control for the figures that leave the office: a
 * table's cells between 1 and the threshold are suppressed (primary), and
 * then further cells (secondary) until no suppressed value can be worked out
 * from its row or column and the total shown: every row and every column
 * with its total, read as "cells add up to the total", must hold either no
 * unknown or at least two. The smallest unsuppressed non-zero cell of a line
 * is taken first, so as little as possible is hidden.
 *
 * What this does not promise: that no combination of several rows and
 * columns (a system of equations) narrows a suppressed cell down to an
 * interval; statistical offices check that with linear programming
 * (e.g. τ-ARGUS). With two or more unknowns per line a single figure cannot
 * be read off, which is the rule the German offices' tables follow.
 */

export type Mark = 'primary' | 'secondary' | null;

export interface SuppressedTable {
  /** Cells by row and column; null where suppressed. */
  values: (number | null)[][];
  marks: Mark[][];
  rowTotals: (number | null)[];
  rowTotalMarks: Mark[];
  columnTotals: (number | null)[];
  columnTotalMarks: Mark[];
  grandTotal: number | null;
}

/** A line: its cells (as [row, column] or a total) and whether each is suppressed. */
type Ref = { kind: 'cell'; row: number; col: number } | { kind: 'rowTotal'; row: number } | { kind: 'colTotal'; col: number } | { kind: 'grand' };

export function suppressTable(table: readonly (readonly number[])[], threshold: number): SuppressedTable {
  const rows = table.length;
  const cols = rows > 0 ? table[0]!.length : 0;
  const rowTotals = table.map((r) => r.reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: cols }, (_, c) => table.reduce((a, r) => a + r[c]!, 0));
  const grand = rowTotals.reduce((a, b) => a + b, 0);
  const small = (v: number) => v > 0 && v < threshold;

  const marks: Mark[][] = table.map((r) => r.map((v) => (small(v) ? 'primary' : null)));
  const rowTotalMarks: Mark[] = rowTotals.map((v) => (small(v) ? 'primary' : null));
  const columnTotalMarks: Mark[] = columnTotals.map((v) => (small(v) ? 'primary' : null));
  let grandMark: Mark = small(grand) ? 'primary' : null;

  const valueOf = (ref: Ref) => (ref.kind === 'cell' ? table[ref.row]![ref.col]! : ref.kind === 'rowTotal' ? rowTotals[ref.row]! : ref.kind === 'colTotal' ? columnTotals[ref.col]! : grand);
  const markOf = (ref: Ref): Mark => (ref.kind === 'cell' ? marks[ref.row]![ref.col]! : ref.kind === 'rowTotal' ? rowTotalMarks[ref.row]! : ref.kind === 'colTotal' ? columnTotalMarks[ref.col]! : grandMark);
  const hide = (ref: Ref) => {
    if (ref.kind === 'cell') marks[ref.row]![ref.col] = 'secondary';
    else if (ref.kind === 'rowTotal') rowTotalMarks[ref.row] = 'secondary';
    else if (ref.kind === 'colTotal') columnTotalMarks[ref.col] = 'secondary';
    else grandMark = 'secondary';
  };
  // Each row with its total, each column with its total, and the totals with the grand total.
  const lines: Ref[][] = [
    ...Array.from({ length: rows }, (_, r) => [...Array.from({ length: cols }, (_, c): Ref => ({ kind: 'cell', row: r, col: c })), { kind: 'rowTotal', row: r } as Ref]),
    ...Array.from({ length: cols }, (_, c) => [...Array.from({ length: rows }, (_, r): Ref => ({ kind: 'cell', row: r, col: c })), { kind: 'colTotal', col: c } as Ref]),
    [...Array.from({ length: rows }, (_, r): Ref => ({ kind: 'rowTotal', row: r })), { kind: 'grand' }],
    [...Array.from({ length: cols }, (_, c): Ref => ({ kind: 'colTotal', col: c })), { kind: 'grand' }],
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter((ref) => markOf(ref) !== null).length !== 1) continue;
      // The smallest non-zero figure still shown (cells before totals), else any figure still shown.
      const open = line.filter((ref) => markOf(ref) === null);
      const pick = [...open].sort((a, b) => Number(a.kind !== 'cell') - Number(b.kind !== 'cell') || Number(valueOf(a) === 0) - Number(valueOf(b) === 0) || valueOf(a) - valueOf(b))[0];
      if (!pick) continue;
      hide(pick);
      changed = true;
    }
  }
  return {
    values: table.map((r, i) => r.map((v, j) => (marks[i]![j] ? null : v))),
    marks,
    rowTotals: rowTotals.map((v, i) => (rowTotalMarks[i] ? null : v)),
    rowTotalMarks,
    columnTotals: columnTotals.map((v, j) => (columnTotalMarks[j] ? null : v)),
    columnTotalMarks,
    grandTotal: grandMark ? null : grand,
  };
}

/** Figures that add up: the parts' sum is the total (an equality is a line with one part). */
export interface LinkedLine {
  parts: readonly string[];
  total: string;
}

/**
 * The same rule over figures of several tables at once: `values` by id,
 * `lines` every sum that holds between published figures (within a table
 * and across tables — a table's column total is another table's cell).
 * Figures from 1 up to below the threshold are suppressed (primary); then,
 * while any line holds exactly one suppressed figure, the smallest non-zero
 * figure still shown in it (parts before totals) is suppressed too
 * (secondary). Figures named in a line but not published are left out of it.
 * As for one table: no single line gives a hidden figure away; a chain of
 * several lines solved together might still pin one down (statistical
 * offices check that with linear programming) — not promised here.
 */
export function suppressLinked(values: ReadonlyMap<string, number>, lines: readonly LinkedLine[], threshold: number): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  for (const [id, v] of values) marks.set(id, v > 0 && v < threshold ? 'primary' : null);
  const published = lines.map((l) => ({ parts: l.parts.filter((id) => values.has(id)), total: values.has(l.total) ? l.total : null }));
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of published) {
      const refs = line.total ? [...line.parts, line.total] : line.parts;
      // Without its total a line tells nothing (the sum is not published).
      if (!line.total || refs.filter((id) => marks.get(id)).length !== 1) continue;
      const isTotal = (id: string) => id === line.total;
      const open = refs.filter((id) => !marks.get(id));
      const pick = [...open].sort(
        (a, b) => Number(isTotal(a)) - Number(isTotal(b)) || Number(values.get(a) === 0) - Number(values.get(b) === 0) || values.get(a)! - values.get(b)!,
      )[0];
      if (!pick) continue;
      marks.set(pick, 'secondary');
      changed = true;
    }
  }
  return marks;
}
