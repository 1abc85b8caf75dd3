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
  // Two digits: this century up to ten years ahead, otherwise the last (a birth in 85 is 1985).
  const fullYear = (digits: string) => {
    const year = Number(digits);
    if (digits.length === 4) return year;
    const now = new Date().getFullYear();
    return 2000 + year <= now + 10 ? 2000 + year : 1900 + year;
  };
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(value);
  if (german) return iso(fullYear(german[3]!), Number(german[2]), Number(german[1]));
  const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (isoDay) return iso(Number(isoDay[1]), Number(isoDay[2]), Number(isoDay[3]));
  const english = /^(\d{1,2}) ([a-z]{3})[a-z]* (\d{2}|\d{4})$/i.exec(value);
  const month = english ? MONTHS.indexOf(english[2]!.toLowerCase()) + 1 : 0;
  return english && month > 0 ? iso(fullYear(english[3]!), month, Number(english[1])) : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

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
