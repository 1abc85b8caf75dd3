import { describe, expect, it } from 'vitest';
import { suppressTable, type SuppressedTable } from '../../src/main/core/reports/suppression';

/** Every line (row or column with its total, the totals with the grand total) has no unknown or at least two. */
function noLineGivesOneAway(s: SuppressedTable): boolean {
  const rows = s.values.length;
  const cols = rows > 0 ? s.values[0]!.length : 0;
  const lines: (number | null)[][] = [
    ...s.values.map((r, i) => [...r, s.rowTotals[i]!]),
    ...Array.from({ length: cols }, (_, c) => [...s.values.map((r) => r[c]!), s.columnTotals[c]!]),
    [...s.rowTotals, s.grandTotal],
    [...s.columnTotals, s.grandTotal],
  ];
  return lines.every((line) => line.filter((v) => v === null).length !== 1);
}

/** A small deterministic generator (no Math.random in tests). */
function* numbers(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x;
  }
}

describe('suppression of small figures', () => {
  it('hides 1–4 and then enough other cells that none can be worked out from the totals', () => {
    const s = suppressTable(
      [
        [10, 3, 12],
        [20, 25, 30],
      ],
      5,
    );
    expect(s.marks).toEqual([
      ['secondary', 'primary', null],
      ['secondary', 'secondary', null],
    ]);
    expect(s.values).toEqual([
      [null, null, 12],
      [null, null, 30],
    ]);
    expect(s.rowTotals).toEqual([25, 75]);
    expect(s.columnTotals).toEqual([30, 28, 42]);
    expect(noLineGivesOneAway(s)).toBe(true);
  });

  it('leaves a table without small figures alone, zeros included', () => {
    const s = suppressTable(
      [
        [10, 0],
        [7, 12],
      ],
      5,
    );
    expect(s.values).toEqual([
      [10, 0],
      [7, 12],
    ]);
    expect(s.grandTotal).toBe(29);
  });

  it('hides a small total too, and its partner', () => {
    const s = suppressTable([[2], [40]], 5);
    expect(s.values).toEqual([[null], [null]]);
    expect(s.rowTotals[0]).toBeNull();
    expect(noLineGivesOneAway(s)).toBe(true);
  });

  it('on 300 random tables: no figure between 1 and the threshold is shown, no line gives one away', () => {
    const next = numbers(42);
    for (let n = 0; n < 300; n++) {
      const rows = 1 + (next.next().value % 5);
      const cols = 1 + (next.next().value % 6);
      const threshold = 3 + (next.next().value % 4);
      const table = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (next.next().value % 4 === 0 ? next.next().value % threshold : next.next().value % 40)));
      const s = suppressTable(table, threshold);
      const shown = [...s.values.flat(), ...s.rowTotals, ...s.columnTotals, s.grandTotal].filter((v): v is number => v !== null);
      expect(shown.every((v) => v === 0 || v >= threshold), JSON.stringify({ table, threshold })).toBe(true);
      expect(noLineGivesOneAway(s), JSON.stringify({ table, threshold })).toBe(true);
    }
  });
});
