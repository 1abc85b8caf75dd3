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
  steps: { from: string | null; to: string; byName: string | null; comment: string | null }[];
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
    r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'done', hours: 1.5, comment: 'Gespräch gut verlaufen' });
    expect(r).toMatchObject({ status: 'done', hours: 1.5, volunteerId: v.id });
    expect(r.steps.map((s) => s.to)).toEqual(['requested', 'offered', 'confirmed', 'done']);
    expect(r.steps.every((s) => s.byName === 'Clara Koordina')).toBe(true);
    // A stale version is refused; a step that does not exist from here too.
    expect(await t.call('referrals.transition', { id: r.id, version: r.version - 1, to: 'requested', comment: 'x' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:referral_changed' } });
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'confirmed' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:referral_step_not_allowed' } });
    expect(await t.call('referrals.transition', { id: r.id, version: r.version, to: 'requested' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    r = await t.ok<Referral>('referrals.transition', { id: r.id, version: r.version, to: 'requested', comment: 'Folgetermin nötig' });
    expect(r).toMatchObject({ status: 'requested', volunteerId: null, hours: null });
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
});
