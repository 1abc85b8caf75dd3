import { DateInput, type DateInputProps } from '@mantine/dates';
import { useT } from '../i18n/useT';

/** Date formats people expect in each UI language; values stay ISO (YYYY-MM-DD). */
const FORMATS: Record<string, string> = { de: 'DD.MM.YYYY', en: 'D MMM YYYY' };

/** A date field shown and typed in the UI language's format (the browser's own date input follows the OS locale). */
export function DateField(props: DateInputProps) {
  const { t, i18n } = useT();
  return <DateInput valueFormat={FORMATS[i18n.language] ?? 'YYYY-MM-DD'} clearButtonProps={{ 'aria-label': t('common:clearDate') }} {...props} />;
}
