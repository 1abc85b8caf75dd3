import { datetime, RRule } from 'rrule';

/** At most two years of a weekly series. */
export const MAX_OCCURRENCES = 104;

/**
 * The days of a weekly or monthly series from `date` up to `until`, without
 * the exceptions (rrule, in UTC days so no time zone shifts a date).
 */
export function seriesDates(date: string, repeat: { freq: 'weekly' | 'monthly'; until: string; except?: string[] | undefined }): string[] {
  const day = (iso: string) => iso.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day(date);
  const [uy, um, ud] = day(repeat.until);
  const rule = new RRule({
    freq: repeat.freq === 'weekly' ? RRule.WEEKLY : RRule.MONTHLY,
    dtstart: datetime(y, m, d),
    until: datetime(uy, um, ud),
    count: MAX_OCCURRENCES,
  });
  const except = new Set(repeat.except ?? []);
  return rule
    .all()
    .map((at) => at.toISOString().slice(0, 10))
    .filter((iso) => !except.has(iso));
}
