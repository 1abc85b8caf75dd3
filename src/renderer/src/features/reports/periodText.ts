import type { Translate } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { PROJECT_PERIOD, shapeOf, type Period } from './period';

/** A local day (yyyy-mm-dd) as a Date at noon, so no time zone moves it to the day before. */
export const dayDate = (day: string) => new Date(`${day}T12:00:00`);

/** The period's two days in the UI language: "01.01.2026 – 31.12.2026". */
export function periodRange(t: Translate, language: string, period: Period): string {
  const day = (d: string) => formatDate(language, dayDate(d), { dateStyle: 'medium' });
  return String(t('reports:periodText', { from: day(period.from), to: day(period.to) }));
}

/** The period in words: "das Jahr 2026", "2. Quartal 2026", "März 2026", the project period, else the days written out. */
export function periodWords(t: Translate, language: string, period: Period): string {
  if (period.from === PROJECT_PERIOD.from && period.to === PROJECT_PERIOD.to) return String(t('reports:periodPicker.words.project'));
  const shape = shapeOf(period);
  if (shape?.kind === 'year') return String(t('reports:periodPicker.words.year', { year: shape.year }));
  if (shape?.kind === 'quarter') return String(t('reports:periodPicker.words.quarter', { quarter: shape.quarter, year: shape.year }));
  if (shape?.kind === 'month') return formatDate(language, new Date(shape.year, shape.month - 1, 1), { month: 'long', year: 'numeric' });
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).formatRange(dayDate(period.from), dayDate(period.to));
}
