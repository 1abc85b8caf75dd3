import '@mantine/dates/styles.css';
import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates';
import 'dayjs/locale/de';
import { useT } from '../i18n/useT';

/** Date formats people expect in each UI language; values stay ISO (YYYY-MM-DD). */
const FORMATS: Record<string, string> = { de: 'DD.MM.YYYY', en: 'D MMM YYYY' };

/**
 * What staff type: 23.11.2026 or 23.11.26 (German), 2026-11-23, or 23 Nov 2026
 * (English); answered as an ISO day, or null for text that is no date.
 */
export function parseTypedDate(text: string): string | null {
  const value = text.trim();
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = (y: number, m: number, d: number) => {
    const date = new Date(y, m - 1, d);
    return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
  };
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(value);
  if (german) {
    const year = Number(german[3]);
    return iso(year < 100 ? 2000 + year : year, Number(german[2]), Number(german[1]));
  }
  const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (isoDay) return iso(Number(isoDay[1]), Number(isoDay[2]), Number(isoDay[3]));
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed) || !/[a-z]/i.test(value)) return null;
  const date = new Date(parsed);
  return iso(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/**
 * A date field shown and typed in the UI language's format (the browser's own
 * date input follows the OS locale). It brings its own DatesProvider, so the
 * date library loads with the screens that have a date field, not at start.
 */
export function DateField(props: DateInputProps) {
  const { t, i18n } = useT();
  return (
    <DatesProvider settings={{ locale: i18n.language }}>
      <DateInput
        valueFormat={FORMATS[i18n.language] ?? 'YYYY-MM-DD'}
        dateParser={parseTypedDate}
        clearButtonProps={{ 'aria-label': t('common:clearDate') }}
        {...props}
      />
    </DatesProvider>
  );
}
