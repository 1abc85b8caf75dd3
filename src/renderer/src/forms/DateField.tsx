import '@mantine/dates/styles.css';
import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates';
import 'dayjs/locale/de';
import { useT } from '../i18n/useT';

/** Date formats people expect in each UI language; values stay ISO (YYYY-MM-DD). */
const FORMATS: Record<string, string> = { de: 'DD.MM.YYYY', en: 'D MMM YYYY' };

/**
 * A date field shown and typed in the UI language's format (the browser's own
 * date input follows the OS locale). It brings its own DatesProvider, so the
 * date library loads with the screens that have a date field, not at start.
 */
export function DateField(props: DateInputProps) {
  const { t, i18n } = useT();
  return (
    <DatesProvider settings={{ locale: i18n.language }}>
      <DateInput valueFormat={FORMATS[i18n.language] ?? 'YYYY-MM-DD'} clearButtonProps={{ 'aria-label': t('common:clearDate') }} {...props} />
    </DatesProvider>
  );
}
