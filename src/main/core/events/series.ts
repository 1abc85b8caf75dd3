import { datetime, RRule } from 'rrule';
import { DomainError } from '../../../shared/errors';

/** At most two years of a weekly series. */
export const MAX_OCCURRENCES = 104;

const refuse = (path: string[], message: string) => new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path, message }] });

/**
 * The days of a weekly or monthly series from `date` up to `until`, without
 * the exceptions (rrule, in UTC days so no time zone shifts a date). A monthly
 * series from the 29th on falls on the month's last day where the month is
 * shorter. Refused, never cut short silently: more than 104 dates, or an
 * exception that is not a date of the series.
 */
export function seriesDates(date: string, repeat: { freq: 'weekly' | 'monthly'; until: string; except?: string[] | undefined }): string[] {
  const day = (iso: string) => iso.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day(date);
  const [uy, um, ud] = day(repeat.until);
  const lateInMonth = repeat.freq === 'monthly' && d > 28;
  const rule = new RRule({
    freq: repeat.freq === 'weekly' ? RRule.WEEKLY : RRule.MONTHLY,
    dtstart: datetime(y, m, d),
    until: datetime(uy, um, ud),
    count: MAX_OCCURRENCES + 1,
    ...(lateInMonth ? { bymonthday: Array.from({ length: d - 27 }, (_, i) => 28 + i), bysetpos: -1 } : {}),
  });
  const all = rule.all().map((at) => at.toISOString().slice(0, 10));
  if (all.length > MAX_OCCURRENCES) throw refuse(['repeat', 'until'], 'validation:series_too_long');
  const except = new Set(repeat.except ?? []);
  if ([...except].some((iso) => !all.includes(iso))) throw refuse(['repeat', 'except'], 'validation:exception_not_in_series');
  return all.filter((iso) => !except.has(iso));
}
