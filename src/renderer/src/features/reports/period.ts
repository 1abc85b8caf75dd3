import { localDay } from '../../../../shared/dates';

/** A report's period: local days, both included (yyyy-mm-dd). */
export interface Period {
  from: string;
  to: string;
}

/** The periods offered with one click; `custom` is any from/to typed in. */
export const PERIOD_PRESETS = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'lastYear', 'project', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** The funding period of the M³ project (BAMF), as printed in the funding line (DESIGN.md, "Printed documents"). */
export const PROJECT_PERIOD: Period = { from: '2020-07-01', to: '2022-12-31' };

/** Months run 1–12; a month before January or after December rolls the year (Date does that for us). */
const firstDay = (year: number, month: number) => localDay(new Date(year, month - 1, 1));
const lastDay = (year: number, month: number) => localDay(new Date(year, month, 0));

/** The period a preset stands for on `today` (the PC's local calendar). */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: Date = new Date()): Period {
  const year = today.getFullYear();
  const month = today.getMonth() + 1;
  const quarterStart = month - ((month - 1) % 3);
  switch (preset) {
    case 'thisMonth':
      return { from: firstDay(year, month), to: lastDay(year, month) };
    case 'lastMonth':
      return { from: firstDay(year, month - 1), to: lastDay(year, month - 1) };
    case 'thisQuarter':
      return { from: firstDay(year, quarterStart), to: lastDay(year, quarterStart + 2) };
    case 'lastQuarter':
      return { from: firstDay(year, quarterStart - 3), to: lastDay(year, quarterStart - 1) };
    case 'thisYear':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'lastYear':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
    case 'project':
      return { ...PROJECT_PERIOD };
  }
}

/** The preset a period matches on `today`, else custom (a period typed in that happens to be a preset shows as one). */
export function presetOf(period: Period, today: Date = new Date()): PeriodPreset {
  const found = PERIOD_PRESETS.find((p) => p !== 'custom' && samePeriod(presetPeriod(p, today), period));
  return found ?? 'custom';
}

const samePeriod = (a: Period, b: Period) => a.from === b.from && a.to === b.to;

/** What a period is in words: a whole year, quarter or month by its name, else null (say the dates). */
export type PeriodShape = { kind: 'year'; year: number } | { kind: 'quarter'; year: number; quarter: number } | { kind: 'month'; year: number; month: number } | null;

export function shapeOf({ from, to }: Period): PeriodShape {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  if (fd !== 1 || fy !== ty || to !== lastDay(ty, tm)) return null;
  if (fm === 1 && tm === 12) return { kind: 'year', year: fy };
  if (fm === tm) return { kind: 'month', year: fy, month: fm };
  if (tm - fm === 2 && (fm - 1) % 3 === 0) return { kind: 'quarter', year: fy, quarter: (fm - 1) / 3 + 1 };
  return null;
}

/** A period the core accepts: both days set, from ≤ to (the core also refuses more than ten years, with its own message). */
export function isComplete(period: { from: string | null; to: string | null }): period is Period {
  return !!period.from && !!period.to && period.from <= period.to;
}
