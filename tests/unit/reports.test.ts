import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { localDay } from '../../src/shared/dates';
import type { ReachReport } from '../../src/shared/rpc/areas/reports';
import { addStaff, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';

const year = new Date().getFullYear();
// Two years, so an appointment booked ahead is inside too.
const period = { from: `${year}-01-01`, to: `${year + 1}-12-31` };
const storage = { purpose: 'data_storage' as const, given: true, date: localDay(), formVersion: '2026-01', formLanguage: 'de' as const };
const event = (extra: Record<string, unknown> = {}) => ({ title: 'Elterncafé', type: 'parent_cafe', fieldOfAction: 1, date: localDay(), start: '16:00', end: '18:00', place: 'Stützpunkt', ...extra });

const cell = (report: ReachReport, table: string, row: string, column: string) => {
  const t = report.tables.find((x) => x.id === table)!;
  return t.rows.find((r) => r.key === row)!.values[t.columns.indexOf(column)];
};

describeEachDialect('reach report', (dialect) => {
  let t: TestCore;

  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
    // A: migration background, four at home, the intake contact and a phone call (two topics).
    const a = await t.ok<{ id: string }>('families.create', familyInput({ consents: [storage] }));
    await t.ok('contacts.log', { familyId: a.id, type: 'phone', topics: ['school', 'health'], fieldOfAction: 1 });
    // B: no migration background, one woman of 76+, reached by a referral naming her.
    const b = await t.ok<{ id: string; members: { id: string }[] }>(
      'families.create',
      familyInput({ displayName: 'Schmidt', migrationBackground: 'no', members: [{ firstName: 'Erna', lastName: 'Schmidt', birthYear: 1950, role: 'parent', gender: 'female' }], consents: [storage], contact: undefined }),
    );
    const bFull = await t.ok<{ members: { id: string }[] }>('families.get', { id: b.id });
    await t.ok('referrals.create', { familyId: b.id, memberIds: [bFull.members[0]!.id], kind: 'interpreting', language: 'ti', reason: 'doctor', appointmentAt: new Date(Date.now() - 3_600_000).toISOString(), place: 'Praxis', durationMin: 60 });
    // Booked ahead: counted in the referral tables, but nobody is reached by it before the appointment.
    await t.ok('referrals.create', { familyId: b.id, kind: 'lotse', language: 'ar', reason: 'housing', appointmentAt: `${year + 1}-03-02T15:00:00+01:00`, place: 'Rathaus', durationMin: 60 });
    // C: not stated; only the 15-year-old comes, to two events.
    const c = await t.ok<{ id: string }>(
      'families.create',
      familyInput({
        displayName: 'Nguyen',
        migrationBackground: 'not_stated',
        members: [
          { firstName: 'Lan', lastName: 'Nguyen', birthYear: 1990, role: 'parent', gender: 'female' },
          { firstName: 'Minh', lastName: 'Nguyen', birthYear: year - 14, role: 'child' },
        ],
        consents: [storage],
        contact: undefined,
      }),
    );
    const cFull = await t.ok<{ members: { id: string; firstName: string }[] }>('families.get', { id: c.id });
    const child = cFull.members.find((m) => m.firstName === 'Minh')!.id;
    for (const type of ['parent_cafe', 'workshop']) {
      const { id: eventId } = await t.ok<{ id: string }>('events.save', event({ type }));
      await t.ok('checkin.checkIn', { eventId, personIds: [child] });
      if (type === 'workshop') await t.ok('checkin.anonymous', { eventId, adults: 2, children: 1 });
    }
  });
  afterEach(async () => t.dispose());

  it('counts each family and person once, participations every time, anonymous counts apart', async () => {
    const r = await t.ok<ReachReport>('reports.reach', period);
    expect(r.summary).toMatchObject({
      families: 3,
      // A's household of four (contacts), B's named member, C's child.
      persons: 6,
      contacts: 2,
      attendances: 2,
      referrals: 1,
      participations: 5,
      anonymousAdults: 2,
      anonymousChildren: 1,
      newFamilies: 3,
      returningFamilies: 0,
    });
    const endAge = (born: number) => year + 1 - born;
    expect(endAge(1950)).toBeGreaterThanOrEqual(65);
    expect(cell(r, 'ageBand', 'under_12', 'mh_yes')).toBe(2);
    expect(cell(r, 'ageBand', '28_64', 'mh_yes')).toBe(2);
    expect(cell(r, 'ageBand', '65_plus', 'mh_no')).toBe(1);
    expect(cell(r, 'ageBand', '12_17', 'mh_not_stated')).toBe(1);
    expect(cell(r, 'gender', 'female', 'mh_yes')).toBe(1);
    expect(cell(r, 'gender', 'female', 'mh_no')).toBe(1);
    expect(cell(r, 'migration', 'families', 'mh_yes')).toBe(1);
    expect(cell(r, 'migration', 'persons', 'mh_yes')).toBe(4);
    expect(cell(r, 'contactChannel', 'in_person', 'contacts')).toBe(1);
    expect(cell(r, 'contactChannel', 'phone', 'contacts')).toBe(1);
    expect(cell(r, 'contactTopic', 'school', 'contacts')).toBe(1);
    expect(cell(r, 'contactTopic', 'kindergarten', 'contacts')).toBe(1);
    expect(cell(r, 'eventType', 'parent_cafe', 'events')).toBe(1);
    expect(cell(r, 'eventType', 'workshop', 'attendees')).toBe(1);
    expect(r.tables.find((x) => x.id === 'eventType')!.totals).toEqual([2, 2, 1]);
    expect(cell(r, 'referralLanguage', 'ti', 'referrals')).toBe(1);
    expect(cell(r, 'referralLanguage', 'ar', 'referrals')).toBe(1);
    expect(cell(r, 'referralKind', 'lotse', 'referrals')).toBe(1);
    expect(cell(r, 'referralReason', 'doctor', 'referrals')).toBe(1);
    expect(cell(r, 'referralOutcome', 'requested', 'referrals')).toBe(2);
    expect(r.months).toHaveLength(24);
    // A and C came this month; B's referral an hour ago too (unless that hour was still last month).
    const thisMonth = localDay().slice(0, 7);
    expect(r.months.find((m) => m.month === thisMonth)!.families).toBe(localDay(new Date(Date.now() - 3_600_000)).slice(0, 7) === thisMonth ? 3 : 2);
    // The reader keeps its reads only until the next write: a new contact shows at once.
    const again = await t.ok<ReachReport>('reports.reach', period);
    expect(again.summary).toEqual(r.summary);
    const families = await t.ok<{ items: { id: string; displayName: string }[] }>('families.list', {});
    await t.ok('contacts.log', { familyId: families.items.find((f) => f.displayName === 'Schmidt')!.id, type: 'digital', topics: ['health'], fieldOfAction: 3 });
    const after = await t.ok<ReachReport>('reports.reach', period);
    expect(after.summary).toMatchObject({ contacts: 3, participations: 6, families: 3 });
    expect(cell(after, 'contactChannel', 'digital', 'contacts')).toBe(1);
  });

  it('filters by event type (contacts and referrals drop out) and by language of the family', async () => {
    const workshop = await t.ok<ReachReport>('reports.reach', { ...period, filters: { eventType: 'workshop' } });
    expect(workshop.summary).toMatchObject({ families: 1, persons: 1, contacts: 0, referrals: 0, attendances: 1 });
    const turkish = await t.ok<ReachReport>('reports.reach', { ...period, filters: { language: 'tr' } });
    // All three families speak Turkish in the fixture except by name; A, B and C share familyInput's languages.
    expect(turkish.summary.families).toBe(3);
    const none = await t.ok<ReachReport>('reports.reach', { ...period, filters: { language: 'ti' } });
    expect(none.summary).toMatchObject({ families: 0, persons: 0, participations: 0 });
  });

  it('opens a figure to the people it counts, for coordinators and caseworkers only', async () => {
    const drill = await t.ok<{ unit: string; items: { familyName: string | null; personName: string | null; code: string; times: number }[]; total: number }>('reports.drill', {
      ...period,
      figure: { table: 'ageBand', row: '12_17', column: 'mh_not_stated' },
    });
    expect(drill).toMatchObject({ unit: 'persons', total: 1 });
    expect(drill.items[0]).toMatchObject({ familyName: 'Nguyen', personName: 'Minh Nguyen', times: 2 });
    // A row opened without a column counts each visit once.
    const cafe = await t.ok<{ items: { personName: string | null; times: number }[] }>('reports.drill', { ...period, figure: { table: 'eventType', row: 'parent_cafe' } });
    expect(cafe.items).toEqual([expect.objectContaining({ personName: 'Minh Nguyen', times: 1 })]);
    const families = await t.ok<{ items: { familyName: string | null }[]; total: number }>('reports.drill', { ...period, figure: { table: 'summary', row: 'families' } });
    expect(families.total).toBe(3);
    const phone = await t.ok<{ items: { familyName: string | null }[]; total: number }>('reports.drill', { ...period, figure: { table: 'contactChannel', row: 'phone', column: 'contacts' } });
    expect(phone.items.map((i) => i.familyName)).toEqual(['Yılmaz']);

    // Reports are for coordinators and caseworkers (DESIGN.md): reception and hosts see none.
    await addStaff(t, 'fall', 'caseworker');
    expect(await t.ok<{ items: unknown[] }>('reports.drill', { ...period, figure: { table: 'summary', row: 'families' } })).toMatchObject({ items: expect.any(Array) });
    await addStaff(t, 'rezeption', 'reception');
    expect(await t.call('reports.drill', { ...period, figure: { table: 'summary', row: 'families' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Hosts see no reports at all.
    await addStaff(t, 'host', 'host');
    expect(await t.call('reports.reach', period)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('exports the numbers on screen as XLSX (a sheet per table) and CSV (BOM, semicolons)', async () => {
    const r = await t.ok<ReachReport>('reports.reach', period);
    const xlsx = await t.ok<{ fileName: string; base64: string }>('reports.export', { ...period, format: 'xlsx', language: 'de' });
    expect(xlsx.fileName).toMatch(/^Reichweitenbericht-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const overview = book.worksheets[0]!;
    const summary = new Map<string, unknown>();
    overview.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get('Erreichte Familien')).toBe(r.summary.families);
    expect(summary.get('Erreichte Personen')).toBe(r.summary.persons);
    const ages = book.getWorksheet('Personen nach Altersgruppe')!;
    const under12 = ages.getRows(1, ages.rowCount)!.find((row) => row.getCell(1).value === 'unter 12')!;
    expect(under12.getCell(2).value).toBe(cell(r, 'ageBand', 'under_12', 'mh_yes'));
    expect(book.worksheets.length).toBe(r.tables.length + 1);

    const csv = await t.ok<{ fileName: string; base64: string }>('reports.export', { ...period, format: 'csv', language: 'en' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`Families reached;${r.summary.families}`);
    expect(text).toContain('under 12;2;0;0');
  });
});
