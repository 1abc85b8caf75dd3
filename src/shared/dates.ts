/**
 * The calendar day (yyyy-mm-dd) of a moment on this PC's clock. Not
 * `toISOString().slice(0, 10)`: that is the UTC day, yesterday's date in
 * Germany until 1 or 2 o'clock at night.
 */
export function localDay(moment: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/** Local midnight after a day (not +24 h: a day with a clock change is 23 or 25 hours long). */
export function dayAfter(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + 1);
}
