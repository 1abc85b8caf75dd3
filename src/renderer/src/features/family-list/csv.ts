import Papa from 'papaparse';
import type { FamilyRow } from '../../../../shared/rpc/areas/families';
import type { Translate } from '../../forms/validate';

/**
 * The family list as a CSV file German Excel opens as it is: UTF-8 with a
 * byte order mark (else umlauts break), semicolons (the comma is the decimal
 * separator there), dates as dd.mm.yyyy, headers and codes in the UI language.
 */
export function familyListCsv(rows: readonly FamilyRow[], t: Translate, language: string): string {
  const day = (iso: string | null) => (iso ? new Intl.DateTimeFormat(language, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso)) : '');
  const header = ['code', 'name', 'district', 'status', 'members', 'languages', 'interpreter', 'migration', 'registered', 'lastContact'].map((key) => String(t(`families:list.csv.${key}`)));
  const data = rows.map((r) => [
    r.code,
    r.displayName,
    r.districtName ?? '',
    String(t(`lists:status.${r.status}`)),
    r.members,
    r.languages.map((l) => String(t(`lists:language.${l}`))).join(', '),
    String(t(r.interpreterNeeded ? 'families:edit.yes' : 'families:edit.no')),
    String(t(`lists:migration.${r.migrationBackground}`)),
    day(r.createdAt),
    day(r.lastContactAt),
  ]);
  // Formula injection: a name typed as "=HYPERLINK(...)" must stay text in Excel. papaparse's own
  // pattern (`^[=+\-@\t\r].*$`, no s flag) lets a value with a line break through: test the start only.
  return `\uFEFF${Papa.unparse({ fields: header, data }, { delimiter: ';', newline: '\r\n', escapeFormulae: /^[=+\-@\t\r\n]/ })}`;
}

/** Hands the text (or bytes) to the browser's (in the app: Electron's) download, which asks where to save it. */
export function downloadText(fileName: string, text: string | Uint8Array<ArrayBuffer>, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download a moment to take the data before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
