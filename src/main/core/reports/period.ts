import { dayAfter } from '../../../shared/dates';

/** A report's period: local days, and the instants stored timestamps are compared with. */
export interface Period {
  from: string;
  to: string;
  /** Local midnight at the start of `from`, as an ISO instant. */
  start: string;
  /** Local midnight after `to`, as an ISO instant (exclusive). */
  end: string;
}

export function periodOf(from: string, to: string): Period {
  return { from, to, start: new Date(`${from}T00:00:00`).toISOString(), end: dayAfter(to).toISOString() };
}

/** The calendar months a period touches, each cut to the period, oldest first. */
export function monthsOf(period: Period): Period[] {
  const months: Period[] = [];
  let [y, m] = period.from.split('-').map(Number) as [number, number];
  for (;;) {
    const first = `${y}-${String(m).padStart(2, '0')}-01`;
    const lastDay = new Date(y, m, 0).getDate();
    const last = `${y}-${String(m).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
    if (first > period.to) break;
    months.push(periodOf(first < period.from ? period.from : first, last > period.to ? period.to : last));
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

/** The index of the month (of `monthsOf`) an instant falls in. */
export function monthOfInstant(months: readonly Period[], instant: string): number {
  let i = months.length - 1;
  while (i > 0 && instant < months[i]!.start) i -= 1;
  return i;
}

/** The BAMF's age band of someone born in `birthYear`, by their age at the period's end. */
export function ageBand(birthYear: number | null, periodEnd: string): string {
  if (!birthYear) return 'unknown';
  const age = Number(periodEnd.slice(0, 4)) - birthYear;
  if (age < 0) return 'unknown';
  if (age < 12) return 'under_12';
  if (age < 18) return '12_17';
  if (age < 28) return '18_27';
  if (age < 65) return '28_64';
  return '65_plus';
}
