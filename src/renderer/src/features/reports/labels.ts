import { columnLabelKey, rowLabelKey } from '../../../../shared/domain/report-labels';
import type { MigrationDefinition } from '../../../../shared/rpc/areas/reports';
import type { Translate } from '../../forms/validate';

/**
 * Labels of report tables, as the core's XLSX and CSV name them (the keys
 * come from shared/domain/report-labels.ts, so screen and files agree).
 */
export function rowLabel(t: Translate, rowKind: string, key: string): string {
  const { key: i18nKey, values } = rowLabelKey(rowKind, key);
  return String(t(i18nKey, values ?? {}));
}

export function columnLabel(t: Translate, column: string, definition: MigrationDefinition = 'background'): string {
  return String(t(columnLabelKey(column, definition)));
}

/** Tables whose columns split by migration background: their title and definition follow the definition chosen. */
const MIGRATION_TABLE = 'migration';

export function tableTitle(t: Translate, id: string, definition: MigrationDefinition = 'background'): string {
  if (id === MIGRATION_TABLE && definition === 'history') return String(t('reports:tables.history'));
  return String(t(`reports:tables.${id}`));
}

/** The definition written under a table: what its figures count. */
export function tableDefinition(t: Translate, id: string, definition: MigrationDefinition = 'background'): string {
  if (id === MIGRATION_TABLE) return String(t(`reports:definitions.${definition === 'history' ? 'history' : 'migration'}`));
  return String(t(`reports:definitions.${id}`));
}


/** The head of a table's first column: what its rows are (age group, channel, …). */
export function rowKindLabel(t: Translate, rowKind: string): string {
  return String(t(`reports:rowKinds.${rowKind}`));
}
