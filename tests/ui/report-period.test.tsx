import { describe, expect, it } from 'vitest';
import { PROJECT_PERIOD, isComplete, presetOf, presetPeriod, shapeOf } from '../../src/renderer/src/features/reports/period';
import { periodRange, periodWords } from '../../src/renderer/src/features/reports/periodText';
import { createI18n } from '../../src/renderer/src/i18n';

/** A local day at noon (the presets read the PC's calendar, not UTC). */
const on = (day: string) => new Date(`${day}T12:00:00`);

describe('report period presets', () => {
  it('gives whole months, quarters and years of the local calendar', () => {
    const today = on('2026-05-20');
    expect(presetPeriod('thisMonth', today)).toEqual({ from: '2026-05-01', to: '2026-05-31' });
    expect(presetPeriod('lastMonth', today)).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(presetPeriod('thisQuarter', today)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(presetPeriod('lastQuarter', today)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('thisYear', today)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(presetPeriod('lastYear', today)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetPeriod('project', today)).toEqual({ from: '2020-07-01', to: '2022-12-31' });
  });

  it('rolls back over the turn of the year and knows February in a leap year', () => {
    expect(presetPeriod('lastMonth', on('2026-01-10'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('lastQuarter', on('2026-02-10'))).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(presetPeriod('thisMonth', on('2028-02-03'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('thisQuarter', on('2026-12-31'))).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('recognises a typed period that is a preset, else calls it custom', () => {
    const today = on('2026-05-20');
    expect(presetOf({ from: '2026-04-01', to: '2026-06-30' }, today)).toBe('thisQuarter');
    expect(presetOf(PROJECT_PERIOD, today)).toBe('project');
    expect(presetOf({ from: '2026-04-02', to: '2026-06-30' }, today)).toBe('custom');
  });

  it('names whole years, quarters and months, and accepts only complete periods', () => {
    expect(shapeOf({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ kind: 'year', year: 2026 });
    expect(shapeOf({ from: '2026-07-01', to: '2026-09-30' })).toEqual({ kind: 'quarter', year: 2026, quarter: 3 });
    expect(shapeOf({ from: '2026-02-01', to: '2026-02-28' })).toEqual({ kind: 'month', year: 2026, month: 2 });
    expect(shapeOf({ from: '2026-02-01', to: '2026-03-31' })).toBeNull();
    expect(shapeOf({ from: '2026-01-01', to: '2027-12-31' })).toBeNull();
    expect(isComplete({ from: '2026-01-01', to: null })).toBe(false);
    expect(isComplete({ from: '2026-02-01', to: '2026-01-31' })).toBe(false);
  });

  it('says the period in words in German and English', () => {
    const de = createI18n('de').t;
    const en = createI18n('en').t;
    expect(periodWords(de, 'de', { from: '2026-01-01', to: '2026-12-31' })).toBe('das Jahr 2026');
    expect(periodWords(en, 'en', { from: '2026-04-01', to: '2026-06-30' })).toBe('quarter 2 of 2026');
    expect(periodWords(de, 'de', { from: '2026-03-01', to: '2026-03-31' })).toBe('März 2026');
    expect(periodWords(de, 'de', PROJECT_PERIOD)).toContain('Projektzeitraum');
    // Intl puts thin spaces around the dash of a range.
    expect(periodWords(de, 'de', { from: '2026-03-02', to: '2026-04-15' }).replace(/\s/g, ' ')).toBe('2. März – 15. April 2026');
    expect(periodRange(de, 'de', { from: '2026-01-01', to: '2026-12-31' })).toBe('01.01.2026 – 31.12.2026');
  });
});
