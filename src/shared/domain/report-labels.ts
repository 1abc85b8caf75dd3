/**
 * Where a report table's row and column labels live in locales/: rows of
 * shared lists under `lists:`, the report's own under `reports:rows.`. The
 * screen (i18next) and the core's files (XLSX, CSV) read the same keys.
 */
const LIST_ROWS: Record<string, string> = {
  gender: 'lists:gender',
  contactType: 'lists:contactType',
  contactTopic: 'lists:topic',
  eventType: 'lists:eventType',
  referralKind: 'lists:referralKind',
  referralReason: 'lists:referralReason',
  referralStatus: 'lists:referralStatus',
  language: 'lists:language',
};

/** The i18n key of a row's label, with the values it needs. */
export function rowLabelKey(rowKind: string, key: string): { key: string; values?: Record<string, string> } {
  if (rowKind === 'fieldOfAction') return { key: 'reports:rows.fieldOfAction', values: { n: key } };
  if (rowKind === 'language' && key === 'none') return { key: 'reports:rows.noLanguage' };
  if (rowKind === 'summary') return { key: `reports:summary.${key}` };
  const list = LIST_ROWS[rowKind];
  return { key: list ? `${list}.${key}` : `reports:rows.${rowKind}.${key}` };
}

/** The i18n key of a column's label; the migration columns follow the definition shown. */
export function columnLabelKey(column: string, definition: 'background' | 'history' = 'background'): string {
  if (definition === 'history' && (column === 'mh_yes' || column === 'mh_no')) return `reports:columns.${column.replace('mh_', 'history_')}`;
  return `reports:columns.${column}`;
}
