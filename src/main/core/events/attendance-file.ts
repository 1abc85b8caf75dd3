import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import de from '../../../../locales/de/events.json';
import en from '../../../../locales/en/events.json';
import deLists from '../../../../locales/de/lists.json';
import enLists from '../../../../locales/en/lists.json';
import type { Attendee, Counts, Event } from '../../../shared/rpc/areas/events';

const LABELS = { de: { ...de.attendance, types: deLists.eventType }, en: { ...en.attendance, types: enLists.eventType } };

/** A name typed as "=HYPERLINK(...)" stays text in Excel (the start only: papaparse's own pattern misses line breaks). */
const FORMULA_START = /^[=+\-@\t\r\n]/;

function rowsOf(language: 'de' | 'en', attendees: readonly Attendee[]): string[][] {
  const x = LABELS[language];
  const time = (iso: string | null) => (iso ? new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso)) : '');
  return attendees.map((a, i) => [String(i + 1), a.lastName, a.firstName, a.familyName, a.familyCode, a.photoConsent ? x.yes : x.no, a.walkIn ? x.yes : x.no, time(a.at), time(a.checkedOutAt)]);
}

function header(language: 'de' | 'en'): string[] {
  const c = LABELS[language].columns;
  return [c.number, c.lastName, c.firstName, c.family, c.code, c.photo, c.walkIn, c.arrived, c.left];
}

function safeFileName(title: string): string {
  return title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'event';
}

/**
 * The attendance of one event as a file for the funder's paperwork: CSV as
 * German Excel opens it (UTF-8 with BOM, semicolons), or XLSX with the event
 * in the first rows and the anonymous walk-ins as counts below the names.
 */
export async function attendanceFile(format: 'csv' | 'xlsx', language: 'de' | 'en', event: Event, attendees: readonly Attendee[], counts: Counts) {
  const x = LABELS[language];
  const base = `${x.fileName}-${safeFileName(event.title)}-${event.date}`;
  const anonymous = x.anonymous.replace('{{adults}}', String(counts.anonymous.adults)).replace('{{children}}', String(counts.anonymous.children));
  if (format === 'csv') {
    const text = `\uFEFF${Papa.unparse({ fields: header(language), data: rowsOf(language, attendees) }, { delimiter: ';', newline: '\r\n', escapeFormulae: FORMULA_START })}`;
    return { fileName: `${base}.csv`, mime: 'text/csv;charset=utf-8', base64: Buffer.from(text, 'utf8').toString('base64') };
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(x.title);
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(`${event.date}T12:00:00`));
  sheet.addRow([`${x.title}: ${event.title}`]).font = { bold: true, size: 14 };
  sheet.addRow([`${x.type}: ${x.types[event.type]}`, `${x.field}: ${event.fieldOfAction}`]);
  sheet.addRow([`${x.date}: ${day}`, `${x.time}: ${event.start}–${event.end}`, `${x.place}: ${event.place}`]);
  sheet.addRow([]);
  const head = sheet.addRow(header(language));
  head.font = { bold: true };
  // exceljs writes strings as text cells, never as formulas: a name typed as "=..." stays a name.
  for (const row of rowsOf(language, attendees)) sheet.addRow(row);
  sheet.addRow([]);
  sheet.addRow([anonymous]);
  sheet.columns.forEach((column, i) => {
    column.width = [5, 20, 20, 22, 14, 16, 16, 10, 10][i] ?? 14;
  });
  const buffer = await book.xlsx.writeBuffer();
  return { fileName: `${base}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: Buffer.from(buffer as ArrayBuffer).toString('base64') };
}
