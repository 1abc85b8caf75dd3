import { describe, expect, it } from 'vitest';
import { median, percentile, seededRandom } from '../../src/main/core/bench/measure';
import { formatSideBySide, formatTable, formatVerdict, meetsTarget, toJsonLine, type MetricResult } from '../../src/main/core/bench/report';

const unlock: MetricResult = { name: 'unlock_ms', value: 312.44, unit: 'ms', target: 500, better: 'lower', details: ['p95 340.0 ms'] };
const ratio: MetricResult = { name: 'encryption_overhead_ratio', value: 1.5349, unit: 'ratio', target: 1.3, better: 'lower' };

describe('bench statistics', () => {
  it('interpolates percentiles between ranks and leaves the input alone', () => {
    const values = [5, 1, 4, 2, 3];
    expect(median(values)).toBe(3);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(5);
    expect(percentile(values, 95)).toBeCloseTo(4.8);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(values).toEqual([5, 1, 4, 2, 3]);
    expect(() => percentile([], 50)).toThrow(RangeError);
  });

  it('gives the same random sequence for the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('bench report', () => {
  it('judges targets in the metric direction, on the value as shown', () => {
    expect(meetsTarget(unlock)).toBe(true);
    expect(meetsTarget(ratio)).toBe(false);
    expect(meetsTarget({ ...ratio, value: 1.304 })).toBe(true);
    expect(meetsTarget({ name: 'hits', value: 10, unit: 'count', target: 12, better: 'higher' })).toBe(false);
  });

  it('prints a table with one row per metric and names the missed targets', () => {
    const lines = formatTable([unlock, ratio]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^metric\s+value\s+unit\s+target\s+result\s+details$/);
    expect(lines[2]).toMatch(/^unlock_ms\s+312\.4\s+ms\s+<= 500\s+pass\s+p95 340\.0 ms$/);
    expect(lines[3]).toMatch(/^encryption_overhead_ratio\s+1\.53\s+ratio\s+<= 1\.3\s+MISSED$/);
    expect(formatVerdict([unlock, ratio])).toBe('MISSED 1 of 2 targets: encryption_overhead_ratio = 1.53 ratio (target <= 1.3 ratio)');
    expect(formatVerdict([unlock])).toBe('All 1 targets met.');
  });

  it('hands on one JSON object with rounded values', () => {
    expect(JSON.parse(toJsonLine([unlock, ratio]))).toEqual({
      unlock_ms: { value: 312.4, unit: 'ms', target: 500 },
      encryption_overhead_ratio: { value: 1.53, unit: 'ratio', target: 1.3 },
    });
  });

  it('puts each hub metric beside its single-PC twin from the same run', () => {
    const search: MetricResult = { name: 'search_p95_ms', value: 4.21, unit: 'ms', target: 10, better: 'lower' };
    const hubSearch: MetricResult = { name: 'hub_search_p95_ms', value: 15.27, unit: 'ms', target: 10, better: 'lower' };
    const lonely: MetricResult = { name: 'hub_report_year_ms', value: 1700, unit: 'ms', target: 500, better: 'lower' };
    const table = formatSideBySide([unlock, search, hubSearch, lonely]).split('\n');
    expect(table).toHaveLength(3);
    expect(table[2]).toMatch(/^search_p95_ms\s+4\.2\s+15\.3\s+ms\s+<= 10$/);
    expect(formatSideBySide([unlock, lonely])).toBe('');
  });
});
