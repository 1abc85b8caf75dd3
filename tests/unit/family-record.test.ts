import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Family, FamilyRow } from '../../src/shared/rpc/areas/families';
import { addStaff, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';

// Issue 9: keeping a family's record right over the years after intake.

const householdOf = (f: Family) => {
  const { view: _v, id: _i, code: _c, districtName: _d, createdAt: _ca, lastContactAt: _l, version: _ve, members: _m, consents: _co, contacts: _k, caseworkers: _cw, ...fields } = f;
  return fields;
};
const names = (f: Family) => f.members.map((m) => `${m.firstName} ${m.lastName}`);
const searchIds = async (t: TestCore, query: string) => (await t.ok<{ items: { id: string }[] }>('families.search', { query })).items.map((i) => i.id);

describeEachDialect('family record after intake', (dialect) => {
  let t: TestCore;
  let family: { id: string };
  const get = () => t.ok<Family>('families.get', { id: family.id });
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
    family = await t.ok<{ id: string }>('families.create', familyInput());
  });
  afterEach(async () => t.dispose());

  it('adds a baby, corrects a member, marks one as moved out, and search follows at once', async () => {
    const year = new Date().getFullYear();
    const baby = await t.ok<{ id: string; movedOutAt: string | null }>('members.save', { familyId: family.id, firstName: 'Zeynep', lastName: 'Yılmaz', birthYear: year, role: 'child' });
    expect(baby.movedOutAt).toBeNull();
    expect(await searchIds(t, 'zeynep')).toContain(family.id);
    // The youngest comes last, parents first.
    expect(names(await get()).at(-1)).toBe('Zeynep Yılmaz');

    const mehmet = (await get()).members.find((m) => m.firstName === 'Mehmet')!;
    await t.ok('members.save', { familyId: family.id, id: mehmet.id, firstName: 'Mehmet', lastName: 'Yılmaz-Kaya', birthYear: 1984, birthDate: '1984-03-02', role: 'parent', gender: 'male' });
    expect(await searchIds(t, 'kaya')).toContain(family.id);
    const corrected = (await get()).members.find((m) => m.id === mehmet.id)!;
    expect(corrected).toMatchObject({ lastName: 'Yılmaz-Kaya', birthYear: 1984, birthDate: '1984-03-02' });
    // Two people correcting the same person: the second save, made from the older version, is refused.
    const fresh = { familyId: family.id, id: mehmet.id, firstName: 'Mehmet', lastName: 'Yılmaz-Kaya', birthYear: 1984, role: 'parent' };
    expect(await t.ok<{ version: number }>('members.save', { ...fresh, school: 'VHS', version: corrected.version })).toMatchObject({ version: corrected.version + 1 });
    expect(await t.call('members.save', { ...fresh, lastName: 'Kaya', version: corrected.version })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors:member_changed', details: { current: { lastName: 'Yılmaz-Kaya', school: 'VHS', version: corrected.version + 1 } } },
    });

    const elif = (await get()).members.find((m) => m.firstName === 'Elif')!;
    await t.ok('members.save', { familyId: family.id, id: elif.id, firstName: 'Elif', lastName: 'Yılmaz', birthYear: 2016, role: 'child', movedOutAt: '2026-09-01' });
    const after = await get();
    // Kept in the record with the date, not deleted; the search hit lists today's household.
    expect(after.members.find((m) => m.id === elif.id)?.movedOutAt).toBe('2026-09-01');
    const hit = (await t.ok<{ items: { id: string; members: { firstName: string }[] }[] }>('families.search', { query: 'yilmaz' })).items.find((i) => i.id === family.id)!;
    expect(hit.members.map((m) => m.firstName)).not.toContain('Elif');
    // Audited, never with content.
    const { items } = await t.ok<{ items: { method: string; entityId: string }[] }>('audit.list', { method: 'members.save', limit: 10 });
    expect(items.map((i) => i.entityId)).toEqual(expect.arrayContaining([baby.id, mehmet.id, elif.id]));
  });

  it('refuses a member for another family, a bad birth year, and a member of a family that does not exist', async () => {
    const other = await t.ok<{ id: string }>('families.create', familyInput({ displayName: 'Novak' }));
    const ayse = (await get()).members[0]!;
    expect(await t.call('members.save', { familyId: other.id, id: ayse.id, firstName: 'X', lastName: 'Y', birthYear: 1990, role: 'parent' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.call('members.save', { familyId: family.id, firstName: 'Baby', lastName: 'Yılmaz', birthYear: 1800, role: 'child' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: ['birthYear'], message: 'validation:birth_year' }] } },
    });
    expect(await t.call('members.save', { familyId: 'nope', firstName: 'Baby', lastName: 'X', birthYear: 2025, role: 'child' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A full birth date and a year that disagree are refused at the year.
    expect(await t.call('members.save', { familyId: family.id, firstName: 'Baby', lastName: 'Yılmaz', birthYear: 2024, birthDate: '2025-01-03', role: 'child' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: ['birthYear'], message: 'validation:birth_year_date' }] } },
    });
  });

  it('removes a member entered by mistake (coordinators only, never the last one)', async () => {
    const wrong = await t.ok<{ id: string }>('members.save', { familyId: family.id, firstName: 'Irrtum', lastName: 'Yılmaz', birthYear: 2001, role: 'other_adult' });
    await t.ok('members.remove', { id: wrong.id });
    expect(names(await get())).not.toContain('Irrtum Yılmaz');
    expect(await searchIds(t, 'irrtum')).not.toContain(family.id);
    const single = await t.ok<{ id: string }>('families.create', familyInput({ displayName: 'Solo', members: [{ firstName: 'Ana', lastName: 'Solo', birthYear: 1990, role: 'parent' }] }));
    const ana = (await t.ok<Family>('families.get', { id: single.id })).members[0]!;
    expect(await t.call('members.remove', { id: ana.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:last_member' } });
    // A second person who moved out does not count as the household: Ana stays.
    const gone = await t.ok<{ id: string }>('members.save', { familyId: single.id, firstName: 'Ben', lastName: 'Solo', birthYear: 1988, role: 'parent', movedOutAt: '2026-01-31' });
    expect(await t.call('members.remove', { id: ana.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:last_member' } });
    await t.ok('members.remove', { id: gone.id });
    // The trace names the family the person was removed from.
    const trace = await t.ok<{ items: { method: string; entityType: string; entityId: string }[] }>('audit.list', { method: 'members.remove' });
    expect(trace.items[0]).toMatchObject({ entityType: 'member', entityId: `${single.id}/${gone.id}` });
    await t.ok('session.lock');
    await addStaff(t, 'empfang', 'reception');
    const other = (await get()).members.at(-1)!;
    expect(await t.call('members.remove', { id: other.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses an edit over a newer one and shows what was saved meanwhile; closing keeps the reason', async () => {
    const start = await get();
    const mine = { ...householdOf(start), id: family.id, version: start.version, street: 'Neue Gasse 3' };
    const theirs = { ...householdOf(start), id: family.id, version: start.version, phone: '0831 99999' };
    expect(await t.ok('families.update', theirs)).toEqual({ version: start.version + 1 });
    const stale = await t.call('families.update', mine);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:family_changed', details: { current: { phone: '0831 99999', street: 'Kaiser-Max-Straße 12', version: start.version + 1 } } } });
    // Nothing of the stale edit was written.
    expect((await get()).street).toBe('Kaiser-Max-Straße 12');

    const now = await get();
    // Closing without saying why is refused next to the reason field.
    expect(await t.call('families.update', { ...householdOf(now), id: family.id, version: now.version, status: 'closed', statusReason: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: ['statusReason'], message: 'validation:status_reason' }] } },
    });
    await t.ok('families.update', { ...householdOf(now), id: family.id, version: now.version, status: 'closed', statusReason: 'Weggezogen nach Augsburg' });
    expect(await get()).toMatchObject({ status: 'closed', statusReason: 'Weggezogen nach Augsburg' });
    const reopened = await get();
    await t.ok('families.update', { ...householdOf(reopened), id: family.id, version: reopened.version, status: 'active', statusReason: 'ignored' });
    expect(await get()).toMatchObject({ status: 'active', statusReason: null });
  });

  it('records a consent later, withdraws one, and keeps the history per purpose', async () => {
    const given = await t.ok<{ id: string }>('consents.record', { familyId: family.id, purpose: 'volunteer_sharing', given: true, date: '2026-12-02', formVersion: '2026-01', formLanguage: 'ar' });
    expect(await t.call('consents.withdraw', { id: given.id, date: '2026-12-01' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: ['date'], message: 'validation:withdraw_before_consent' }] } },
    });
    await t.ok('consents.withdraw', { id: given.id, date: '2026-12-20' });
    const consents = (await get()).consents.filter((c) => c.purpose === 'volunteer_sharing');
    expect(consents.map((c) => [c.given, c.withdrawnAt !== null, c.formLanguage])).toEqual([
      [true, true, 'ar'],
      [false, false, 'tr'],
    ]);
  });

  it('a withdrawal holds even where an older consent said yes; the page lists the one that holds first', async () => {
    // Storage consent given at intake, given again on a new form, then withdrawn.
    const again = await t.ok<{ id: string }>('consents.record', { familyId: family.id, purpose: 'data_storage', given: true, date: '2026-12-01', formVersion: '2026-01', formLanguage: 'de' });
    await t.ok('consents.withdraw', { id: again.id, date: '2026-12-03' });
    expect(await t.call('contacts.log', { familyId: family.id, type: 'phone', topics: [], fieldOfAction: 1 })).toMatchObject({ ok: false, error: { message: 'errors:consent_missing' } });
    const storage = (await get()).consents.filter((c) => c.purpose === 'data_storage');
    expect(storage.map((c) => [c.id === again.id, c.withdrawnAt !== null])).toEqual([
      [true, true],
      [false, false],
    ]);
    // A paper form dated before the withdrawal cannot undo it.
    expect(await t.call('consents.record', { familyId: family.id, purpose: 'data_storage', given: true, date: '2026-11-01', formVersion: '2026-01', formLanguage: 'de' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: ['date'], message: 'validation:consent_before_current', params: { date: '2026-12-03' } }] } },
    });
    // A new yes recorded afterwards holds again.
    await t.ok('consents.record', { familyId: family.id, purpose: 'data_storage', given: true, date: '2026-12-04', formVersion: '2026-01', formLanguage: 'de' });
    await t.ok('contacts.log', { familyId: family.id, type: 'phone', topics: [], fieldOfAction: 1 });
  });

  it('shows an event host only the people who live in the household now', async () => {
    const mehmet = (await get()).members.find((m) => m.firstName === 'Mehmet')!;
    await t.ok('members.save', { familyId: family.id, id: mehmet.id, firstName: 'Mehmet', lastName: 'Yılmaz', birthYear: 1985, role: 'parent', movedOutAt: '2026-06-30' });
    await t.ok('session.lock');
    await addStaff(t, 'gastgeber', 'host');
    const view = await t.ok<{ view: string; members: { firstName: string }[] }>('families.get', { id: family.id });
    expect(view.view).toBe('checkin');
    expect(view.members.map((m) => m.firstName)).toEqual(['Ayşe', 'Elif', 'Can']);
  });

  it('lists families filtered, sorted and a page at a time', async () => {
    const districts = await t.ok<{ items: { id: string; name: string }[] }>('districts.list', {});
    const haken = districts.items.find((d) => d.name === 'Haken')!;
    await t.ok('families.create', familyInput({ displayName: 'Novak', districtId: haken.id, languages: ['uk'], preferredLanguage: 'uk', interpreterNeeded: false, interpreterLanguage: null }));
    const kaya = await t.ok<{ id: string }>('families.create', familyInput({ displayName: 'Kaya', districtId: haken.id, languages: ['tr'], contact: undefined }));
    const closing = await t.ok<Family>('families.get', { id: kaya.id });
    await t.ok('families.update', { ...householdOf(closing), id: kaya.id, version: closing.version, status: 'closed', statusReason: 'Betreuung beendet' });

    const list = (input: object) => t.ok<{ items: FamilyRow[]; total: number }>('families.list', input);
    expect((await list({})).items.map((r) => r.displayName)).toEqual(['Kaya', 'Novak', 'Yılmaz']);
    expect((await list({ filters: { status: 'active' } })).items.map((r) => r.displayName)).toEqual(['Novak', 'Yılmaz']);
    expect((await list({ filters: { districtId: haken.id, language: 'uk' } })).items.map((r) => r.displayName)).toEqual(['Novak']);
    expect((await list({ filters: { interpreterNeeded: true } })).items.map((r) => r.displayName)).toEqual(['Kaya', 'Yılmaz']);
    // By last contact, newest first; a family without any contact comes last.
    await t.ok('contacts.log', { familyId: family.id, type: 'phone', topics: [], fieldOfAction: 1, occurredAt: '2030-01-01T10:00:00.000Z' });
    const byContact = await list({ sort: { by: 'lastContact', dir: 'desc' } });
    expect(byContact.items.map((r) => r.displayName)).toEqual(['Yılmaz', 'Novak', 'Kaya']);
    expect(byContact.items[0]).toMatchObject({ lastContactAt: '2030-01-01T10:00:00.000Z', members: 4, districtName: null });
    expect((await list({ filters: { lastContactAfter: '2029-12-31' } })).items.map((r) => r.displayName)).toEqual(['Yılmaz']);
    const page = await list({ sort: { by: 'name', dir: 'desc' }, offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: 3, items: [{ displayName: 'Novak' }] });
    // The export is the whole filtered list, and it leaves a trace.
    expect((await t.ok<{ items: FamilyRow[] }>('families.exportList', { filters: { status: 'active' } })).items).toHaveLength(2);
    expect((await t.ok<{ items: { method: string }[] }>('audit.list', { method: 'families.exportList' })).items).toHaveLength(1);
  });

  it('keeps the office contact and the deletion period the consent form prints; staff read them, only coordinators change them', async () => {
    const saved = await t.ok<{ officeContact: string; retentionYears: number }>('settings.update', { officeContact: 'Telefon 08341 0000-0', retentionYears: 5 });
    expect(saved).toMatchObject({ officeContact: 'Telefon 08341 0000-0', retentionYears: 5 });
    expect(await t.call('settings.update', { retentionYears: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: ['retentionYears'], message: 'validation:retention_range' }] } } });
    await addStaff(t, 'empfang', 'reception');
    expect(await t.ok('settings.get', {})).toMatchObject({ officeContact: 'Telefon 08341 0000-0', retentionYears: 5 });
    expect(await t.call('settings.update', { retentionYears: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
