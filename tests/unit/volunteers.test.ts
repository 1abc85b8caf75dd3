import { afterEach, beforeEach, expect, it } from 'vitest';
import { addStaff, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';

const volunteer = (extra: Record<string, unknown> = {}) => ({
  firstName: 'Selam',
  lastName: 'Tesfay',
  phone: '0176 1234567',
  street: 'Bahnhofstraße 3',
  postalCode: '87600',
  city: 'Kaufbeuren',
  roles: ['interpreter', 'lotse'],
  languages: [
    { code: 'ti', level: 'native' },
    { code: 'de', level: 'fluent' },
  ],
  districtIds: [],
  availability: [{ weekday: 2, from: '14:00', to: '18:00' }],
  absences: [{ from: '2027-08-01', to: '2027-08-21' }],
  trainings: [{ title: 'M³-Qualifizierung Laiendolmetschen', date: '2026-03-14', hours: 24, certificate: true, qualification: true }],
  confidentialityOn: '2026-03-14',
  ...extra,
});

describeEachDialect('the volunteer pool', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('keeps a volunteer with roles, languages and levels, availability, absences, trainings; saves with the version read', async () => {
    const districts = await t.ok<{ items: { id: string; name: string }[] }>('districts.list', {});
    const neugablonz = districts.items.find((d) => d.name === 'Neugablonz')!.id;
    const saved = await t.ok<{ id: string; version: number; trainings: { hours: number; qualification: boolean }[] }>('volunteers.save', volunteer({ districtIds: [neugablonz] }));
    expect(saved).toMatchObject({ view: 'full', roles: ['interpreter', 'lotse'], districtIds: [neugablonz], street: 'Bahnhofstraße 3', trainings: [{ hours: 24, qualification: true }] });
    const again = await t.ok<{ version: number; status: string }>('volunteers.save', { ...volunteer({ status: 'paused' }), id: saved.id, version: saved.version });
    expect(again).toMatchObject({ version: saved.version + 1, status: 'paused', trainings: [expect.objectContaining({ title: 'M³-Qualifizierung Laiendolmetschen' })] });
    // A save over the version read in between is refused, nothing overwritten.
    expect(await t.call('volunteers.save', { ...volunteer(), id: saved.id, version: saved.version })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await t.ok<{ items: unknown[] }>('volunteers.list', { language: 'ti' })).items).toHaveLength(1);
    expect((await t.ok<{ items: unknown[] }>('volunteers.list', { language: 'ar' })).items).toHaveLength(0);
    expect((await t.ok<{ items: unknown[] }>('volunteers.list', { role: 'pate' })).items).toHaveLength(0);
    expect((await t.ok<{ items: unknown[] }>('volunteers.list', { query: 'tesf' })).items).toHaveLength(1);
  });

  it('refuses bad input with the field named: no role, a bad time slot, an unknown district or member', async () => {
    const issue = async (input: unknown) => ((await t.call('volunteers.save', input)) as { error: { details: { issues: { path: (string | number)[]; message: string }[] } } }).error.details.issues[0];
    expect(await issue(volunteer({ roles: [] }))).toMatchObject({ path: ['roles'], message: 'validation:volunteer_role_required' });
    expect(await issue(volunteer({ availability: [{ weekday: 8, from: '14:00', to: '18:00' }] }))).toMatchObject({ path: ['availability', 0, 'weekday'] });
    expect(await issue(volunteer({ availability: [{ weekday: 2, from: '18:00', to: '14:00' }] }))).toMatchObject({ path: ['availability', 0, 'to'], message: 'validation:end_before_start' });
    expect(await issue(volunteer({ languages: [{ code: 'ti', level: 'perfect' }] }))).toMatchObject({ path: ['languages', 0, 'level'] });
    expect(await issue(volunteer({ districtIds: ['nope'] }))).toMatchObject({ path: ['districtIds'], message: 'validation:district_unknown' });
    expect(await issue(volunteer({ memberId: 'nope' }))).toMatchObject({ path: ['memberId'], message: 'validation:member_unknown' });
  });

  it('keeps a paused volunteer paused, their absences and consents, when a save leaves them out', async () => {
    const saved = await t.ok<{ id: string; version: number }>('volunteers.save', volunteer({ status: 'paused', consents: [{ purpose: 'data_storage', given: true, date: '2026-03-14' }, { purpose: 'photos', given: false, date: '2026-03-14' }] }));
    const { absences: _a, ...rest } = volunteer();
    const again = await t.ok<{ status: string; absences: unknown[]; consents: unknown[] }>('volunteers.save', { ...rest, id: saved.id, version: saved.version });
    expect(again).toMatchObject({ status: 'paused', absences: [{ from: '2027-08-01', to: '2027-08-21' }], consents: [{ purpose: 'data_storage', given: true }, { purpose: 'photos', given: false }] });
  });

  it('links a volunteer to the family member they once were', async () => {
    const { id } = await t.ok<{ id: string }>('families.create', familyInput());
    const member = (await t.ok<{ members: { id: string }[] }>('families.get', { id })).members[0]!;
    expect(await t.ok('volunteers.save', volunteer({ memberId: member.id }))).toMatchObject({ memberId: member.id });
  });

  it('shows reception and caseworkers names, languages and availability, never address, phone or notes', async () => {
    const saved = await t.ok<{ id: string }>('volunteers.save', volunteer({ notes: 'vertraulich: nur Koordination' }));
    for (const [username, role] of [
      ['empfang', 'reception'],
      ['sozial', 'caseworker'],
    ] as const) {
      await t.ok('session.lock');
      await addStaff(t, username, role);
      const seen = await t.ok<Record<string, unknown>>('volunteers.get', { id: saved.id });
      expect(seen).toMatchObject({ view: 'lookup', firstName: 'Selam', languages: [{ code: 'ti', level: 'native' }, { code: 'de', level: 'fluent' }], availability: [{ weekday: 2 }] });
      const text = JSON.stringify([seen, await t.ok('volunteers.list', {})]);
      for (const secret of ['Bahnhofstraße', '1234567', 'vertraulich', '87600']) expect(text).not.toContain(secret);
      expect(await t.call('volunteers.save', volunteer())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await t.ok('session.lock');
      await t.ok('session.login', { username: 'clara', password: 'Lindenblatt-Regen-42' });
    }
  });
});

describeEachDialect('volunteers at trainings', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('takes back only the entry attending wrote (one typed in by hand stays); a cancelled training takes no attendance', async () => {
    const training = await t.ok<{ id: string; version: number }>('events.save', { title: 'Datenschutz', type: 'volunteer_training', fieldOfAction: 3, date: '2027-02-10', start: '17:00', end: '19:00', place: 'Stützpunkt' });
    const typed = { title: 'Datenschutz', date: '2027-02-10', hours: 2, certificate: true, qualification: false };
    const v = await t.ok<{ id: string; version: number }>('volunteers.save', volunteer({ trainings: [typed] }));
    await t.ok('trainings.setVolunteer', { eventId: training.id, volunteerId: v.id, registered: true, attended: true });
    type Full = { version: number; trainings: { title: string; certificate: boolean }[] };
    expect((await t.ok<Full>('volunteers.get', { id: v.id })).trainings.map((tr) => tr.certificate).sort()).toEqual([false, true]);
    // The form saves the list anew: the attended entry is still the one un-ticking takes back.
    const current = await t.ok<Full>('volunteers.get', { id: v.id });
    await t.ok('volunteers.save', { ...volunteer({ trainings: current.trainings.map(({ certificate }) => ({ ...typed, certificate })) }), id: v.id, version: current.version });
    await t.ok('trainings.setVolunteer', { eventId: training.id, volunteerId: v.id, registered: false });
    expect((await t.ok<Full>('volunteers.get', { id: v.id })).trainings).toEqual([expect.objectContaining({ title: 'Datenschutz', certificate: true })]);
    await t.ok('trainings.setVolunteer', { eventId: training.id, volunteerId: v.id, registered: true });
    await t.ok('events.cancel', { id: training.id, reason: 'Referentin krank' });
    expect(await t.call('trainings.setVolunteer', { eventId: training.id, volunteerId: v.id, registered: true, attended: true })).toMatchObject({ ok: false, error: { message: 'errors:event_cancelled' } });
  });

  it('registers volunteers for a volunteer training; attending records it in their trainings, un-ticking takes it back', async () => {
    const training = await t.ok<{ id: string }>('events.save', { title: 'Schweigepflicht und Rolle', type: 'volunteer_training', fieldOfAction: 3, date: '2027-02-10', start: '17:00', end: '20:30', place: 'Stützpunkt' });
    const selam = await t.ok<{ id: string }>('volunteers.save', volunteer());
    const olga = await t.ok<{ id: string }>('volunteers.save', volunteer({ firstName: 'Olga', lastName: 'Petrenko', trainings: [] }));
    await t.ok('trainings.setVolunteer', { eventId: training.id, volunteerId: selam.id, registered: true });
    await t.ok('trainings.setVolunteer', { eventId: training.id, volunteerId: olga.id, registered: true, attended: true });
    type Item = { firstName: string; attended: boolean };
    expect((await t.ok<{ items: Item[] }>('trainings.volunteers', { eventId: training.id })).items.map((i) => [i.firstName, i.attended])).toEqual([
      ['Olga', true],
      ['Selam', false],
    ]);
    type Full = { trainings: { title: string; date: string; hours: number }[] };
    expect((await t.ok<Full>('volunteers.get', { id: olga.id })).trainings).toEqual([expect.objectContaining({ title: 'Schweigepflicht und Rolle', date: '2027-02-10', hours: 3.5 })]);
    // Selam's M³ qualification stays; the training is added beside it (newest first), once, and taken back when un-ticked.
    await t.ok('trainings.setVolunteer', { eventId: training.id, volunteerId: selam.id, registered: true, attended: true });
    await t.ok('trainings.setVolunteer', { eventId: training.id, volunteerId: selam.id, registered: true, attended: true });
    expect((await t.ok<Full>('volunteers.get', { id: selam.id })).trainings.map((tr) => tr.title)).toEqual(['Schweigepflicht und Rolle', 'M³-Qualifizierung Laiendolmetschen']);
    await t.ok('trainings.setVolunteer', { eventId: training.id, volunteerId: selam.id, registered: false });
    expect((await t.ok<Full>('volunteers.get', { id: selam.id })).trainings.map((tr) => tr.title)).toEqual(['M³-Qualifizierung Laiendolmetschen']);
    // Attendance changed the record: a form opened before it is refused on save (nothing is silently undone).
    const before = await t.ok<{ version: number }>('volunteers.get', { id: olga.id });
    await t.ok('trainings.setVolunteer', { eventId: training.id, volunteerId: olga.id, registered: true, attended: false });
    expect(await t.call('volunteers.save', { ...volunteer({ firstName: 'Olga', lastName: 'Petrenko' }), id: olga.id, version: before.version })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Only trainings for volunteers take volunteers.
    const cafe = await t.ok<{ id: string }>('events.save', { title: 'Elterncafé', type: 'parent_cafe', fieldOfAction: 1, date: '2027-02-11', start: '15:00', end: '17:00', place: 'Stützpunkt' });
    expect(await t.call('trainings.setVolunteer', { eventId: cafe.id, volunteerId: olga.id, registered: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:not_a_training' } });
  });
});
