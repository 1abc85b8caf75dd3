/**
 * The reach report as a file for the funder: XLSX with the overview and one
 * sheet per table (headings bold, numbers as numbers), or one CSV as German
 * Excel opens it (UTF-8 with BOM, semicolons), the tables one below the other.
 * Labels come from locales/, like the screen's.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import deLists from '../../../../locales/de/lists.json';
import enLists from '../../../../locales/en/lists.json';
import deReports from '../../../../locales/de/reports.json';
import enReports from '../../../../locales/en/reports.json';
import { columnLabelKey, rowLabelKey } from '../../../shared/domain/report-labels';
import type { ReachReport, ReportTable } from '../../../shared/rpc/areas/reports';

const DICTS = { de: { lists: deLists, reports: deReports }, en: { lists: enLists, reports: enReports } };

export interface ReportHeading {
  office: string;
  project: string;
  fundingLine: string;
}

/** Looks an i18n key ("ns:a.b") up in the JSON and fills {{values}}; the key itself when missing. */
function translate(language: 'de' | 'en', key: string, values: Record<string, string> = {}): string {
  const [ns, path] = key.split(':') as [keyof (typeof DICTS)['de'], string];
  let node: unknown = DICTS[language][ns];
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const text = typeof node === 'string' ? node : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

const FORMULA_START = /^[=+\-@\t\r\n]/;

function tableRows(language: 'de' | 'en', table: ReportTable, definition: 'background' | 'history'): (string | number)[][] {
  const head = ['', ...table.columns.map((c) => translate(language, columnLabelKey(c, definition)))];
  const body = table.rows.map((r) => {
    const label = rowLabelKey(table.rowKind, r.key);
    return [translate(language, label.key, label.values), ...r.values];
  });
  const total = table.totals.length ? [[translate(language, 'reports:total'), ...table.totals]] : [];
  return [head, ...body, ...total];
}

function fileBase(language: 'de' | 'en', report: ReachReport): string {
  return `${translate(language, 'reports:fileName')}-${report.from}-${report.to}`;
}

export async function reportFile(format: 'csv' | 'xlsx', language: 'de' | 'en', report: ReachReport, heading: ReportHeading) {
  const definition = report.filters.definition ?? 'background';
  const day = (d: string) => new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(`${d}T12:00:00`));
  const period = `${translate(language, 'reports:period')}: ${translate(language, 'reports:periodText', { from: day(report.from), to: day(report.to) })}`;
  const summaryRows: (string | number)[][] = Object.entries(report.summary).map(([k, v]) => [translate(language, `reports:summary.${k}`), v]);
  const title = translate(language, 'reports:reachTitle');
  const lines = [[`${title} – ${heading.project}`], [`${translate(language, 'reports:office')}: ${heading.office}`], [period], [heading.fundingLine]];

  if (format === 'csv') {
    const data: (string | number)[][] = [...lines, [], [translate(language, 'reports:tables.summary')], ...summaryRows];
    for (const table of report.tables) data.push([], [translate(language, `reports:tables.${table.id}`)], ...tableRows(language, table, definition));
    const text = `\uFEFF${Papa.unparse(data, { delimiter: ';', newline: '\r\n', escapeFormulae: FORMULA_START })}`;
    return { fileName: `${fileBase(language, report)}.csv`, mime: 'text/csv;charset=utf-8', base64: Buffer.from(text, 'utf8').toString('base64') };
  }
  const book = new ExcelJS.Workbook();
  book.creator = heading.project;
  const overview = book.addWorksheet(translate(language, 'reports:tables.summary').slice(0, 31));
  lines.forEach((line, i) => (overview.addRow(line).font = i === 0 ? { bold: true, size: 14 } : { italic: i === 3 }));
  overview.addRow([]);
  for (const row of summaryRows) overview.addRow(row);
  overview.getColumn(1).width = 42;
  overview.getColumn(2).width = 14;
  const used = new Set<string>();
  for (const table of report.tables) {
    // Excel allows 31 characters and no duplicate names.
    let name = translate(language, `reports:tables.${table.id}`).replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
    while (used.has(name)) name = `${name.slice(0, 29)} ${used.size}`;
    used.add(name);
    const sheet = book.addWorksheet(name);
    sheet.addRow([translate(language, `reports:tables.${table.id}`)]).font = { bold: true, size: 13 };
    sheet.addRow([period]);
    sheet.addRow([translate(language, `reports:definitions.${table.id}`)]).font = { italic: true };
    sheet.addRow([]);
    const rows = tableRows(language, table, definition);
    rows.forEach((r, i) => {
      const added = sheet.addRow(r);
      if (i === 0 || (table.totals.length && i === rows.length - 1)) added.font = { bold: true };
    });
    sheet.getColumn(1).width = 40;
    for (let c = 2; c <= table.columns.length + 1; c += 1) sheet.getColumn(c).width = 22;
  }
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName: `${fileBase(language, report)}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: bytes.toString('base64') };
}
