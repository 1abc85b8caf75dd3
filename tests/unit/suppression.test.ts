import { describe, expect, it } from 'vitest';
import { suppressLinked, suppressTable, type LinkedLine, type SuppressedTable } from '../../src/main/core/reports/suppression';

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

describe('suppression across linked tables', () => {
  it('hides a partner in every sum that would give a small figure away, also across tables', () => {
    // families 40 = new 2 + returning 38; participations 153 = contacts 100 + attendances 50 + referrals 3.
    const values = new Map([
      ['families', 40],
      ['new', 2],
      ['returning', 38],
      ['participations', 153],
      ['contacts', 100],
      ['attendances', 50],
      ['referrals', 3],
    ]);
    const lines: LinkedLine[] = [
      { parts: ['new', 'returning'], total: 'families' },
      { parts: ['contacts', 'attendances', 'referrals'], total: 'participations' },
    ];
    const marks = suppressLinked(values, lines, 5);
    expect(marks.get('new')).toBe('primary');
    expect(marks.get('referrals')).toBe('primary');
    // The smallest other part goes, not the total.
    expect(marks.get('returning')).toBe('secondary');
    expect(marks.get('attendances')).toBe('secondary');
    expect(marks.get('families')).toBeNull();
  });

  it('on 300 random systems of linked lines: nothing small shows, no line has exactly one hidden figure', () => {
    const gen = numbers(7);
    const next = (n: number) => gen.next().value % n;
    for (let round = 0; round < 300; round += 1) {
      const ids = Array.from({ length: 6 + next(10) }, (_, i) => `c${i}`);
      const values = new Map(ids.map((id) => [id, next(4) === 0 ? 0 : 1 + next(30)]));
      // Lines over random cells whose total is a new figure, and equalities between figures.
      const lines: LinkedLine[] = [];
      for (let l = 0; l < 3 + next(4); l += 1) {
        const parts = ids.filter(() => next(3) === 0);
        if (parts.length === 0) continue;
        const total = `t${round}-${l}`;
        values.set(total, parts.reduce((a, id) => a + values.get(id)!, 0));
        lines.push({ parts, total });
        if (next(2) === 0) {
          const copy = `${total}-copy`;
          values.set(copy, values.get(total)!);
          lines.push({ parts: [copy], total });
        }
      }
      const marks = suppressLinked(values, lines, 5);
      for (const [id, v] of values) if (v > 0 && v < 5) expect(marks.get(id)).toBeTruthy();
      for (const line of lines) expect([...line.parts, line.total].filter((id) => marks.get(id)).length).not.toBe(1);
    }
  });
});
