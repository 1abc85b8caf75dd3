import { afterEach, beforeEach, expect, it } from 'vitest';
import { localDay } from '../../src/shared/dates';
import { addStaff, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';

interface Referral {
  id: string;
  version: number;
  status: string;
  volunteerId: string | null;
  hours: number | null;
  steps: { from: string | null; to: string; byName: string | null; comment: string | null; hours: number | null }[];
}

const sharing = (given: boolean) => ({ purpose: 'volunteer_sharing' as const, given, date: '2026-11-25', formVersion: '2026-01', formLanguage: 'de' as const });
const storage = { purpose: 'data_storage' as const, given: true, date: '2026-11-25', formVersion: '2026-01', formLanguage: 'de' as const };
const referral = (familyId: string, extra: Record<string, unknown> = {}) => ({
  familyId,
  kind: 'interpreting',
  language: 'ti',
  reason: 'parent_talk_school',
  appointmentAt: '2027-03-02T15:00:00+01:00',
  place: 'Grundschule Neugablonz',
  durationMin: 60,
  ...extra,
});
const volunteer = (extra: Record<string, unknown> = {}) => ({ firstName: 'Selam', lastName: 'Tesfay', roles: ['interpreter'], languages: [{ code: 'ti', level: 'native' }], districtIds: [], availability: [{ weekday: 2, from: '14:00', to: '18:00' }], ...extra });

describeEachDialect('referrals', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('moves requested → offered → confirmed → done with hours, each step with who and when; reopening needs a reason', async () => {
    const family = await t.ok<{ id: string }>('families.create', familyInput({ consents: [storage, sharing(true)] }));
    const v = await t.ok<{ id: string }>('volunteers.save', volunteer());
    let r = await t.ok<Referral>('referrals.create', referral(family.id));
    expect(r.status).toBe('requested');
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'offered' })).toMatchObject({ ok: false, error: { details: { issues: [expect.objectContaining({ path: ['volunteerId'] })] } } });
    r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'offered', volunteerId: v.id });
    r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'confirmed' });
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'done' })).toMatchObject({ ok: false, error: { details: { issues: [expect.objectContaining({ path: ['hours'], message: 'validation:hours_required' })] } } });
    r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'done', hours: 1.5, comment: 'Gespräch gut verlaufen', helped: true, followUp: false });
    expect(r).toMatchObject({ status: 'done', hours: 1.5, volunteerId: v.id, feedback: 'Gespräch gut verlaufen', helped: true, followUp: false });
    expect(r.steps.map((s) => s.to)).toEqual(['requested', 'offered', 'confirmed', 'done']);
    expect(r.steps.every((s) => s.byName === 'Clara Koordina')).toBe(true);
    // A stale version is refused; a step that does not exist from here too.
    expect(await t.call('referrals.transition', { id: r.id, version: r.version - 1, to: 'requested', comment: 'x' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:referral_changed' } });
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'confirmed' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:referral_step_not_allowed' } });
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'requested' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'requested', comment: 'Folgetermin nötig' });
    expect(r).toMatchObject({ status: 'requested', volunteerId: null, hours: null, helped: null, followUp: null });
  });

  it('refuses to offer or confirm a volunteer without the family\'s consent to pass data to volunteers, naming it', async () => {
    const family = await t.ok<{ id: string }>('families.create', familyInput({ consents: [storage, sharing(false)] }));
    const v = await t.ok<{ id: string }>('volunteers.save', volunteer());
    const r = await t.ok<Referral>('referrals.create', referral(family.id));
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'offered', volunteerId: v.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors:consent_missing', details: { purpose: 'volunteer_sharing' } },
    });
    // Given later, then withdrawn between offer and confirmation: the confirmation is refused.
    const other = await t.ok<{ id: string }>('families.create', familyInput({ displayName: 'Zweite', consents: [storage, sharing(true)] }));
    let r2 = await t.ok<Referral>('referrals.create', referral(other.id));
    r2 = await t.ok<Referral>('referrals.transition', { id: r2.id, version: r2.version, to: 'offered', volunteerId: v.id });
    const consent = (await t.ok<{ consents: { id: string; purpose: string }[] }>('families.get', { id: other.id })).consents.find((c) => c.purpose === 'volunteer_sharing')!;
    await t.ok('consents.withdraw', { id: consent.id, date: localDay() });
    expect(await t.call('referrals.transition', { id: r2.id, version: r2.version, to: 'confirmed' })).toMatchObject({ ok: false, error: { message: 'errors:consent_missing' } });
  });

  it('never offers a volunteer who belongs to the family; only a coordinator withdraws, with a comment', async () => {
    const family = await t.ok<{ id: string }>('families.create', familyInput({ consents: [storage, sharing(true)] }));
    const member = (await t.ok<{ members: { id: string }[] }>('families.get', { id: family.id })).members[0]!;
    const own = await t.ok<{ id: string }>('volunteers.save', volunteer({ memberId: member.id }));
    const r = await t.ok<Referral>('referrals.create', referral(family.id));
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'offered', volunteerId: own.id })).toMatchObject({ ok: false, error: { message: 'errors:volunteer_conflict_of_interest' } });
    await t.ok('session.lock');
    await addStaff(t, 'empfang', 'reception');
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'withdrawn', comment: 'aus Versehen angelegt' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await t.ok('session.lock');
    await t.ok('session.login', { username: 'clara', password: 'Lindenblatt-Regen-42' });
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'withdrawn' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.ok('referrals.transition', { id: r.id, version: r.version, to: 'withdrawn', comment: 'aus Versehen angelegt' })).toMatchObject({ status: 'withdrawn' });
  });

  it('refuses an interpreting referral without a language and a bad appointment', async () => {
    const family = await t.ok<{ id: string }>('families.create', familyInput());
    expect(await t.call('referrals.create', referral(family.id, { language: undefined }))).toMatchObject({ ok: false, error: { details: { issues: [expect.objectContaining({ path: ['language'], message: 'validation:interpreting_language' })] } } });
    expect(await t.call('referrals.create', referral(family.id, { appointmentAt: 'Dienstag' }))).toMatchObject({ ok: false, error: { details: { issues: [expect.objectContaining({ path: ['appointmentAt'] })] } } });
  });

  it('ranks the volunteer who speaks the language and is free at the appointment first, says why, and never suggests the family\'s own member', async () => {
    const family = await t.ok<{ id: string }>('families.create', familyInput({ consents: [storage, sharing(true)] }));
    const member = (await t.ok<{ members: { id: string }[] }>('families.get', { id: family.id })).members[0]!;
    const tuesday = { weekday: 2, from: '14:00', to: '18:00' };
    const right = await t.ok<{ id: string }>('volunteers.save', volunteer({ firstName: 'Abrehet', availability: [tuesday] }));
    await t.ok('volunteers.save', volunteer({ firstName: 'Mehret', availability: [{ weekday: 1, from: '08:00', to: '20:00' }] }));
    await t.ok('volunteers.save', volunteer({ firstName: 'Samira', languages: [{ code: 'ar', level: 'native' }], availability: [tuesday] }));
    await t.ok('volunteers.save', volunteer({ firstName: 'Basic', languages: [{ code: 'ti', level: 'basic' }], availability: [tuesday] }));
    await t.ok('volunteers.save', volunteer({ firstName: 'Own', availability: [tuesday], memberId: member.id }));
    await t.ok('volunteers.save', volunteer({ firstName: 'Paused', availability: [tuesday], status: 'paused' }));
    // Tuesday 2 March 2027, 15:00 local time, for an hour.
    const r = await t.ok<Referral>('referrals.create', referral(family.id, { appointmentAt: new Date(2027, 2, 2, 15, 0).toISOString() }));
    type Suggestion = { volunteerId: string; firstName: string; reasons: { code: string; positive: boolean }[] };
    const { items } = await t.ok<{ items: Suggestion[] }>('referrals.match', { referralId: r.id });
    // No Arabic speaker for Tigrinya, nobody of the family itself, nobody paused.
    expect(items.map((i) => i.firstName)).toEqual(['Abrehet', 'Basic', 'Mehret']);
    expect(items[0]!.volunteerId).toBe(right.id);
    expect(items[0]!.reasons.filter((x) => x.positive).map((x) => x.code)).toEqual(['speaks', 'available', 'recent_assignments']);
    expect(items[2]!.reasons.map((x) => x.code)).toContain('not_available');
    // Booked elsewhere at that time: still listed, but behind, and says so.
    const other = await t.ok<{ id: string }>('families.create', familyInput({ displayName: 'Andere', consents: [storage, sharing(true)] }));
    const busy = await t.ok<Referral>('referrals.create', referral(other.id, { appointmentAt: new Date(2027, 2, 2, 15, 30).toISOString() }));
    await t.ok('referrals.transition', { id: busy.id, version: busy.version, to: 'offered', volunteerId: right.id });
    const again = (await t.ok<{ items: Suggestion[] }>('referrals.match', { referralId: r.id })).items;
    expect(again[0]!.firstName).toBe('Basic');
    expect(again.find((i) => i.firstName === 'Abrehet')!.reasons.map((x) => x.code)).toContain('busy');
  });
  it('prints for the volunteer only what they need: first name, language, time, place, purpose, the office — the address only for a home visit', async () => {
    const family = await t.ok<{ id: string }>('families.create', familyInput({ consents: [storage, sharing(true)], preferredLanguage: 'ar' }));
    const mehmet = (await t.ok<{ members: { id: string; firstName: string }[] }>('families.get', { id: family.id })).members.find((m) => m.firstName === 'Mehmet')!;
    const v = await t.ok<{ id: string }>('volunteers.save', volunteer());
    let r = await t.ok<Referral>('referrals.create', referral(family.id, { memberIds: [mehmet.id] }));
    // Nothing to print before a volunteer is asked.
    expect(await t.call('referrals.sheet', { id: r.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:referral_sheet_not_yet' } });
    r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'offered', volunteerId: v.id });
    const sheet = await t.ok<Record<string, unknown>>('referrals.sheet', { id: r.id });
    expect(sheet).toMatchObject({ contactFirstName: 'Mehmet', language: 'ti', place: 'Grundschule Neugablonz', address: null, volunteerFirstName: 'Selam', officeName: expect.any(String), familyLanguage: 'ar' });
    expect(JSON.stringify(sheet)).not.toMatch(/Kaiser-Max|Yılmaz|0151/);
    // At home: the address, and still no family name or phone.
    const home = await t.ok<Referral>('referrals.create', referral(family.id, { atHome: true, place: 'bei der Familie' }));
    const offered = await t.ok<Referral>('referrals.transition', { id: home.id, version: home.version, to: 'offered', volunteerId: v.id });
    const homeSheet = await t.ok<Record<string, unknown>>('referrals.sheet', { id: offered.id });
    expect(homeSheet).toMatchObject({ address: 'Kaiser-Max-Straße 12, 87600 Kaufbeuren', contactFirstName: expect.stringMatching(/^(Ayşe|Mehmet)$/) });
    expect(JSON.stringify(homeSheet)).not.toMatch(/Yılmaz|0151/);
    // The consent withdrawn: nothing more is printed for a volunteer.
    const consent = (await t.ok<{ consents: { id: string; purpose: string }[] }>('families.get', { id: family.id })).consents.find((c) => c.purpose === 'volunteer_sharing')!;
    await t.ok('consents.withdraw', { id: consent.id, date: localDay() });
    expect(await t.call('referrals.sheet', { id: r.id })).toMatchObject({ ok: false, error: { message: 'errors:consent_missing', details: { purpose: 'volunteer_sharing' } } });
  });

  it('reminds of appointments in the next 48 hours not yet confirmed, and filters the list', async () => {
    const family = await t.ok<{ id: string }>('families.create', familyInput({ consents: [storage, sharing(true)] }));
    const v = await t.ok<{ id: string }>('volunteers.save', volunteer({ roles: ['interpreter', 'lotse'] }));
    const at = (hours: number) => new Date(t.clock.now + hours * 3_600_000).toISOString();
    const soon = await t.ok<Referral>('referrals.create', referral(family.id, { appointmentAt: at(20) }));
    const confirmedSoon = await t.ok<Referral>('referrals.create', referral(family.id, { appointmentAt: at(30), reason: 'doctor' }));
    let c = await t.ok<Referral>('referrals.transition', { id: confirmedSoon.id, version: confirmedSoon.version, to: 'offered', volunteerId: v.id });
    c = await t.ok<Referral>('referrals.transition', { id: c.id, version: c.version, to: 'confirmed' });
    const offeredSoon = await t.ok<Referral>('referrals.create', referral(family.id, { appointmentAt: at(40), kind: 'lotse', language: undefined }));
    await t.ok('referrals.transition', { id: offeredSoon.id, version: offeredSoon.version, to: 'offered', volunteerId: v.id });
    await t.ok('referrals.create', referral(family.id, { appointmentAt: at(60) }));
    await t.ok('referrals.create', referral(family.id, { appointmentAt: at(-5) }));
    const due = (await t.ok<{ items: Referral[] }>('referrals.list', { dueWithinHours: 48 })).items;
    expect(due.map((r) => r.id)).toEqual([soon.id, offeredSoon.id]);
    expect((await t.ok<{ items: Referral[] }>('referrals.list', { reason: 'doctor' })).items.map((r) => r.id)).toEqual([c.id]);
    expect((await t.ok<{ items: Referral[] }>('referrals.list', { volunteerId: v.id })).items.map((r) => r.id)).toEqual([c.id, offeredSoon.id]);
    expect((await t.ok<{ items: Referral[] }>('referrals.list', { kind: 'lotse' })).items.map((r) => r.id)).toEqual([offeredSoon.id]);
    // From the day 55 hours ahead: whatever the time of day now, that day starts after the appointment in 30 hours and before the one in 60.
    expect((await t.ok<{ items: Referral[] }>('referrals.list', { language: 'ti', from: localDay(new Date(t.clock.now + 55 * 3_600_000)) })).items).toHaveLength(1);
  });

  it('adds up hours per volunteer and month, and assignments per language and reason, from done referrals only', async () => {
    const family = await t.ok<{ id: string }>('families.create', familyInput({ consents: [storage, sharing(true)] }));
    const selam = await t.ok<{ id: string }>('volunteers.save', volunteer());
    const olga = await t.ok<{ id: string }>('volunteers.save', volunteer({ firstName: 'Olga', lastName: 'Petrenko', languages: [{ code: 'uk', level: 'native' }] }));
    const run = async (who: string, extra: Record<string, unknown>, to: 'done' | 'cancelled', hours?: number) => {
      let r = await t.ok<Referral>('referrals.create', referral(family.id, extra));
      r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'offered', volunteerId: who });
      r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'confirmed' });
      await t.ok('referrals.transition', { id: r.id, version: r.version, to, hours });
    };
    await run(selam.id, { appointmentAt: new Date(2026, 2, 3, 10).toISOString() }, 'done', 1.5);
    await run(selam.id, { appointmentAt: new Date(2026, 2, 17, 10).toISOString(), reason: 'doctor' }, 'done', 0.75);
    await run(selam.id, { appointmentAt: new Date(2026, 3, 7, 10).toISOString() }, 'done', 2);
    await run(selam.id, { appointmentAt: new Date(2026, 3, 8, 10).toISOString() }, 'cancelled');
    await run(olga.id, { appointmentAt: new Date(2026, 3, 9, 10).toISOString(), language: 'uk', reason: 'jobcenter' }, 'done', 3);
    await run(olga.id, { appointmentAt: new Date(2025, 11, 9, 10).toISOString(), language: 'uk' }, 'done', 9);
    type Hours = { volunteers: { firstName: string; hours: number; assignments: number; months: { month: string; hours: number }[] }[]; languages: { language: string; assignments: number; hours: number }[]; reasons: { reason: string; assignments: number }[] };
    const year = await t.ok<Hours>('volunteers.hours', { from: '2026-01-01', to: '2026-12-31' });
    expect(year.volunteers.map((v) => [v.firstName, v.hours, v.assignments, v.months])).toEqual([
      ['Selam', 4.25, 3, [{ month: '2026-03', assignments: 2, hours: 2.25 }, { month: '2026-04', assignments: 1, hours: 2 }]],
      ['Olga', 3, 1, [{ month: '2026-04', assignments: 1, hours: 3 }]],
    ]);
    expect(year.languages).toEqual([{ language: 'ti', assignments: 3, hours: 4.25 }, { language: 'uk', assignments: 1, hours: 3 }]);
    expect(Object.fromEntries(year.reasons.map((r) => [r.reason, r.assignments]))).toMatchObject({ parent_talk_school: 2, doctor: 1, jobcenter: 1, housing: 0 });
    const one = await t.ok<Hours>('volunteers.hours', { from: '2025-01-01', to: '2026-12-31', volunteerId: olga.id });
    expect(one.volunteers).toEqual([expect.objectContaining({ firstName: 'Olga', hours: 12, assignments: 2 })]);
  });
  it('is brokered by caseworkers and coordinators: reception creates requests and sees where they stand, not the hours, feedback or comments', async () => {
    const family = await t.ok<{ id: string }>('families.create', familyInput({ consents: [storage, sharing(true)] }));
    const v = await t.ok<{ id: string }>('volunteers.save', volunteer());
    let r = await t.ok<Referral>('referrals.create', referral(family.id));
    r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'offered', volunteerId: v.id });
    r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'confirmed', comment: 'per Telefon zugesagt' });
    r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'done', hours: 2, comment: 'Mutter braucht Hilfe beim Antrag', helped: true });
    // Reopened: the referral's hours are cleared, the done step keeps them.
    r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'requested', comment: 'Folgetermin' });
    expect(r.hours).toBeNull();
    expect(r.steps.find((s) => s.to === 'done')).toMatchObject({ hours: 2, comment: 'Mutter braucht Hilfe beim Antrag' });
    await t.ok('session.lock');
    await addStaff(t, 'empfang', 'reception');
    const seen = await t.ok<Referral & { feedback: string | null; helped: boolean | null }>('referrals.get', { id: r.id });
    expect(seen).toMatchObject({ status: 'requested', hours: null, feedback: null, helped: null });
    expect(seen.steps.every((s) => s.comment === null && s.hours === null)).toBe(true);
    expect(JSON.stringify(seen)).not.toMatch(/Antrag|Telefon|Folgetermin/);
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'cancelled' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.ok('referrals.create', referral(family.id))).toMatchObject({ status: 'requested' });
  });

  it('never suggests or offers someone living at the family\'s address, or without the role or language; an appointment past midnight fits no slot', async () => {
    const family = await t.ok<{ id: string }>('families.create', familyInput({ consents: [storage, sharing(true)] }));
    const tuesday = { weekday: 2, from: '14:00', to: '23:59' };
    const neighbour = await t.ok<{ id: string }>('volunteers.save', volunteer({ firstName: 'Nachbarin', street: 'Kaiser-Max-Str. 12', postalCode: '87600', availability: [tuesday] }));
    const ukrainian = await t.ok<{ id: string }>('volunteers.save', volunteer({ firstName: 'Olga', languages: [{ code: 'uk', level: 'native' }], availability: [tuesday] }));
    await t.ok('volunteers.save', volunteer({ firstName: 'Selam', availability: [tuesday] }));
    const r = await t.ok<Referral>('referrals.create', referral(family.id, { appointmentAt: new Date(2027, 2, 2, 15, 0).toISOString() }));
    type Suggestion = { firstName: string; reasons: { code: string }[] };
    expect((await t.ok<{ items: Suggestion[] }>('referrals.match', { referralId: r.id })).items.map((i) => i.firstName)).toEqual(['Selam']);
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'offered', volunteerId: neighbour.id })).toMatchObject({ ok: false, error: { message: 'errors:volunteer_conflict_of_interest' } });
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'offered', volunteerId: ukrainian.id })).toMatchObject({ ok: false, error: { message: 'errors:volunteer_not_suitable' } });
    const late = await t.ok<Referral>('referrals.create', referral(family.id, { appointmentAt: new Date(2027, 2, 2, 22, 0).toISOString(), durationMin: 180 }));
    const [selam] = (await t.ok<{ items: Suggestion[] }>('referrals.match', { referralId: late.id })).items;
    expect(selam!.reasons.map((x) => x.code)).toContain('not_available');
  });

  it('a merge carries the merged family\'s referrals, their steps and its members\' engagements', async () => {
    const keep = await t.ok<{ id: string }>('families.create', familyInput({ consents: [storage, sharing(true)] }));
    const gone = await t.ok<{ id: string; members: { id: string }[] }>('families.create', familyInput({ displayName: 'Doppelt', consents: [storage, sharing(true)] }));
    const member = (await t.ok<{ members: { id: string }[] }>('families.get', { id: gone.id })).members[0]!;
    const r = await t.ok<Referral>('referrals.create', referral(gone.id));
    await t.ok('engagements.save', { familyId: gone.id, memberId: member.id, engagements: [{ kind: 'parents_council', from: '2026-09-01' }] });
    await t.ok('families.merge', { keepId: keep.id, mergeId: gone.id });
    expect((await t.ok<{ items: Referral[] }>('referrals.list', { familyId: keep.id })).items.map((x) => [x.id, x.steps.length])).toEqual([[r.id, 1]]);
    expect((await t.ok<{ items: { memberId: string }[] }>('engagements.list', { familyId: keep.id })).items).toEqual([expect.objectContaining({ memberId: member.id })]);
  });
});
