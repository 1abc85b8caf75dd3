import { afterEach, beforeEach, expect, it } from 'vitest';
import { localDay } from '../../src/shared/dates';
import { addStaff, COORDINATOR, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';

interface Counts {
  present: number;
  registered: number;
  waiting: number;
  walkIns: number;
  anonymous: { adults: number; children: number; total: number };
  capacityLeft: number | null;
}

const event = (extra: Record<string, unknown> = {}) => ({ title: 'Elterncafé', type: 'parent_cafe', fieldOfAction: 1, date: localDay(), start: '16:00', end: '18:00', place: 'Stützpunkt', ...extra });

describeEachDialect('events and the counter', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  const family = async (name: string) => {
    const { id } = await t.ok<{ id: string }>('families.create', familyInput({ displayName: name }));
    return t.ok<{ id: string; code: string; members: { id: string }[] }>('families.get', { id });
  };

  it('a scanned code brings who comes: the registered members only, never one who moved out, with the consents as they stand now', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event({ capacity: 30 }));
    type Scan = { familyName: string; checkedIn: { personId: string }[]; photoConsent: boolean; counts: Counts };
    // Registered with two of four: those two come.
    const named = await family('Kowalczyk');
    await t.ok('registrations.add', { eventId, familyId: named.id, memberIds: named.members.slice(1, 3).map((m) => m.id) });
    const two = await t.ok<Scan>('checkin.checkIn', { eventId, code: named.code });
    expect(two.checkedIn.map((p) => p.personId).sort()).toEqual(named.members.slice(1, 3).map((m) => m.id).sort());
    expect(two.counts).toMatchObject({ present: 2, walkIns: 0, registered: 2 });
    // Not registered: the household as it is now, without the member who moved out.
    const moved = await family('Umzugova');
    const leaver = (await t.ok<{ members: { id: string; firstName: string; lastName: string; birthYear: number; role: string }[] }>('families.get', { id: moved.id })).members[0]!;
    await t.ok('members.save', { familyId: moved.id, id: leaver.id, firstName: leaver.firstName, lastName: leaver.lastName, birthYear: leaver.birthYear, role: leaver.role, movedOutAt: localDay() });
    const three = await t.ok<Scan>('checkin.checkIn', { eventId, code: ` ${moved.code.toLowerCase()} ` });
    expect(three.checkedIn.map((p) => p.personId)).toEqual(moved.members.slice(1).map((m) => m.id));
    expect(three.counts).toMatchObject({ present: 5, walkIns: 3 });
    // Chosen at a counter whose list was older than the move: refused, and nobody of the choice goes in.
    expect(await t.call('checkin.checkIn', { eventId, personIds: [leaver.id, moved.members[1]!.id] })).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'errors:checkin_moved_out' } });
    expect(await t.ok('checkin.counts', { eventId })).toMatchObject({ present: 5 });
    // Without the consent to store its data the family is told that first, as at a scan.
    const storage = (await t.ok<{ consents: { id: string; purpose: string }[] }>('families.get', { id: moved.id })).consents.find((c) => c.purpose === 'data_storage')!;
    await t.ok('consents.withdraw', { id: storage.id, date: localDay() });
    expect(await t.call('checkin.checkIn', { eventId, personIds: [leaver.id] })).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'errors:consent_missing', details: { purpose: 'data_storage' } } });
    // Two photo consents given, the newer withdrawn: the newest record counts (an older "yes" does not), until given again.
    const photo = await family('Fotografova');
    // Each record a few milliseconds after the one before: "newest" is by the time it was recorded.
    const photoConsent = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return t.ok<{ id: string }>('consents.record', { familyId: photo.id, purpose: 'photos', given: true, date: localDay(), formVersion: '2026-01', formLanguage: 'de' });
    };
    await photoConsent();
    await t.ok('consents.withdraw', { id: (await photoConsent()).id, date: localDay() });
    expect(await t.ok<Scan>('checkin.checkIn', { eventId, code: photo.code })).toMatchObject({ familyName: 'Fotografova', photoConsent: false });
    await photoConsent();
    expect(await t.ok<Scan>('checkin.checkIn', { eventId, code: photo.code })).toMatchObject({ checkedIn: [], photoConsent: true });
    // Everyone of a family moved out: nobody to check in, said so.
    const gone = await family('Fortgezogen');
    for (const m of (await t.ok<{ members: { id: string; firstName: string; lastName: string; birthYear: number; role: string }[] }>('families.get', { id: gone.id })).members) {
      await t.ok('members.save', { familyId: gone.id, id: m.id, firstName: m.firstName, lastName: m.lastName, birthYear: m.birthYear, role: m.role, movedOutAt: localDay() });
    }
    expect(await t.call('checkin.checkIn', { eventId, code: gone.code })).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'errors:checkin_nobody' } });
    // A code nobody has, and an event that does not exist.
    expect(await t.call('checkin.checkIn', { eventId, code: 'ZZZZ-9999' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'errors:family_code_unknown' } });
    expect(await t.call('checkin.checkIn', { eventId: 'no-such-event', code: named.code })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'errors:event_not_found' } });
  });

  it('registers up to the capacity, then onto the waiting list; a cancellation moves the first waiting family up', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event({ capacity: 6 }));
    const [a, b, c] = [await family('Aydin'), await family('Berisha'), await family('Chen')];
    const ra = await t.ok<{ id: string; status: string; persons: number }>('registrations.add', { eventId, familyId: a.id });
    expect(ra).toMatchObject({ status: 'registered', persons: 4 });
    // Two of Berisha fit; Chen's four do not.
    expect(await t.ok('registrations.add', { eventId, familyId: b.id, memberIds: b.members.slice(0, 2).map((m) => m.id) })).toMatchObject({ status: 'registered', persons: 2 });
    expect(await t.ok('registrations.add', { eventId, familyId: c.id })).toMatchObject({ status: 'waiting' });
    expect(await t.call('registrations.add', { eventId, familyId: a.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:already_registered' } });
    expect(await t.ok<Counts>('checkin.counts', { eventId })).toMatchObject({ registered: 6, waiting: 4, capacityLeft: 0 });
    const cancelled = await t.ok<{ movedUp: { familyName: string; status: string } | null }>('registrations.cancel', { id: ra.id });
    expect(cancelled.movedUp).toMatchObject({ familyName: 'Chen', status: 'registered' });
    const audit = await t.ok<{ items: { method: string }[] }>('audit.list', { limit: 5 });
    expect(audit.items.map((i) => i.method)).toEqual(expect.arrayContaining(['registrations.moveUp', 'registrations.cancel']));
  });

  it('checks a family in by its code once: a second scan, forty at once, or its persons by id add nobody twice', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event({ capacity: 300 }));
    const f = await family('Trazovenko');
    const first = await t.ok<{ checkedIn: unknown[]; already: unknown[] }>('checkin.checkIn', { eventId, code: f.code.toLowerCase() });
    expect(first.checkedIn).toHaveLength(4);
    const scans = await Promise.all(Array.from({ length: 40 }, () => t.ok<{ checkedIn: unknown[]; already: unknown[] }>('checkin.checkIn', { eventId, code: f.code })));
    expect(scans.every((s) => s.checkedIn.length === 0 && s.already.length === 4)).toBe(true);
    expect(await t.ok('checkin.checkIn', { eventId, personIds: f.members.map((m) => m.id) })).toMatchObject({ checkedIn: [], already: expect.any(Array) });
    expect(await t.ok<Counts>('checkin.counts', { eventId })).toMatchObject({ present: 4, walkIns: 4 });
    // The database refuses a second row for the same person, whatever the core does.
    await expect(
      t.tamper([`INSERT INTO checkins (id, event_id, person_id, family_id, batch, at, walk_in) VALUES ('x', '${eventId}', '${f.members[0]!.id}', '${f.id}', 'b', '2026-01-01', 0)`]),
    ).rejects.toThrow();
  });

  it('counts anonymous walk-ins apart, undoes the newest entry, and refuses an empty count', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event({ capacity: 10 }));
    const f = await family('Novak');
    await t.ok('registrations.add', { eventId, familyId: f.id });
    await t.ok('checkin.checkIn', { eventId, code: f.code });
    const counts = await t.ok<Counts>('checkin.anonymous', { eventId, adults: 1, children: 2, migrationBackground: 'yes' });
    expect(counts).toMatchObject({ present: 4, registered: 4, walkIns: 0, anonymous: { adults: 1, children: 2, total: 3 }, capacityLeft: 3 });
    expect(await t.call('checkin.anonymous', { eventId, adults: 0, children: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.ok('checkin.undo', { eventId })).toMatchObject({ undone: 3, counts: { present: 4, anonymous: { total: 0 } } });
    expect(await t.ok('checkin.undo', { eventId })).toMatchObject({ undone: 4, counts: { present: 0 } });
    expect(await t.ok('checkin.undo', { eventId })).toMatchObject({ undone: 0 });
  });

  it('a host checks in and sees names, never the address or phone', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event());
    const f = await t.ok<{ id: string; code: string }>('families.create', familyInput({ displayName: 'Geheim', street: 'Geheimweg 7', phone: '0171 5550199' }));
    await t.ok('registrations.add', { eventId, familyId: f.id });
    await t.ok('session.lock');
    await addStaff(t, 'gast', 'host');
    const seen = await t.ok('events.get', { id: eventId });
    expect(JSON.stringify(seen)).not.toMatch(/Geheimweg|5550199/);
    expect(await t.ok('checkin.checkIn', { eventId, code: f.code })).toMatchObject({ familyName: 'Geheim' });
    expect(JSON.stringify(await t.ok('families.get', { id: f.id }))).not.toMatch(/Geheimweg|5550199/);
    expect(await t.call('events.save', event())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses an event that ends before it starts, and a registration without the storage consent', async () => {
    expect(await t.call('events.save', event({ start: '18:00', end: '16:00' }))).toMatchObject({ ok: false, error: { details: { issues: [expect.objectContaining({ message: 'validation:end_before_start' })] } } });
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event());
    const f = await t.ok<{ id: string }>('families.create', familyInput({ displayName: 'Ohnezustimmung' }));
    const consent = (await t.ok<{ consents: { id: string; purpose: string }[] }>('families.get', { id: f.id })).consents.find((c) => c.purpose === 'data_storage')!;
    const code = (await t.ok<{ code: string }>('families.get', { id: f.id })).code;
    await t.ok('consents.withdraw', { id: consent.id, date: localDay() });
    expect(await t.call('registrations.add', { eventId, familyId: f.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:consent_missing' } });
    // Nor is anyone of it checked in: attendance is data about the family too.
    expect(await t.call('checkin.checkIn', { eventId, code })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:consent_missing' } });
  });

  it('a weekly series with an exception; one date or all following changed; copy and cancel with the families to call', async () => {
    const start = '2027-01-05';
    const series = await t.ok<{ id: string; seriesId: string; occurrences: number }>('events.save', event({ date: start, repeat: { freq: 'weekly', until: '2027-02-02', except: ['2027-01-19'] } }));
    // 5, 12, (19 excepted), 26 January, 2 February.
    expect(series.occurrences).toBe(4);
    const list = await t.ok<{ items: { id: string; date: string; seriesId: string | null; place: string; start: string }[] }>('events.list', { from: '2027-01-01', to: '2027-02-28' });
    expect(list.items.map((e) => e.date)).toEqual(['2027-01-05', '2027-01-12', '2027-01-26', '2027-02-02']);
    expect(new Set(list.items.map((e) => e.seriesId))).toEqual(new Set([series.seriesId]));
    const [first, second] = list.items;
    // One date moves; the others stay.
    await t.ok('events.save', { ...event({ date: '2027-01-13', place: 'Stützpunkt' }), id: second!.id });
    // From the first on, all following get the new place and time, each keeping its date.
    const all = await t.ok<{ occurrences: number }>('events.save', { ...event({ date: start, place: 'Pfarrsaal', start: '15:00', end: '17:00' }), id: first!.id, scope: 'following' });
    expect(all.occurrences).toBe(4);
    const after = await t.ok<{ items: { date: string; place: string; start: string }[] }>('events.list', { from: '2027-01-01', to: '2027-02-28' });
    expect(after.items.map((e) => [e.date, e.place, e.start])).toEqual([
      ['2027-01-05', 'Pfarrsaal', '15:00'],
      ['2027-01-13', 'Pfarrsaal', '15:00'],
      ['2027-01-26', 'Pfarrsaal', '15:00'],
      ['2027-02-02', 'Pfarrsaal', '15:00'],
    ]);
    // More places for all following: waiting families move up at each date, not only at the one edited.
    const filler = await family('Vollbesetzt');
    const waiting = await family('Wartend');
    await t.ok('events.save', { ...event({ date: start, place: 'Pfarrsaal', start: '15:00', end: '17:00', capacity: 1 }), id: first!.id, scope: 'following' });
    const lastId = list.items[list.items.length - 1]!.id;
    await t.ok('registrations.add', { eventId: lastId, familyId: filler.id });
    expect(await t.ok('registrations.add', { eventId: lastId, familyId: waiting.id })).toMatchObject({ status: 'waiting' });
    await t.ok('events.save', { ...event({ date: start, place: 'Pfarrsaal', start: '15:00', end: '17:00', capacity: 20 }), id: first!.id, scope: 'following' });
    expect((await t.ok<{ registrations: { familyName: string; status: string }[] }>('events.get', { id: lastId })).registrations).toEqual(
      expect.arrayContaining([expect.objectContaining({ familyName: 'Wartend', status: 'registered' })]),
    );
    const copy = await t.ok<{ id: string; seriesId: string | null; date: string; place: string }>('events.copy', { id: first!.id, date: '2027-03-02' });
    expect(copy).toMatchObject({ seriesId: null, date: '2027-03-02', place: 'Pfarrsaal' });
    const f = await family('Anrufen');
    await t.ok('registrations.add', { eventId: first!.id, familyId: f.id });
    const cancelled = await t.ok<{ event: { status: string; cancelReason: string }; families: { familyName: string; phone: string | null }[] }>('events.cancel', { id: first!.id, reason: 'Raum nicht verfügbar' });
    expect(cancelled.event).toMatchObject({ status: 'cancelled', cancelReason: 'Raum nicht verfügbar' });
    expect(cancelled.families).toEqual([expect.objectContaining({ familyName: 'Anrufen', phone: expect.any(String) })]);
    expect(await t.call('checkin.checkIn', { eventId: first!.id, code: f.code })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:event_cancelled' } });
    expect(await t.call('events.save', { ...event({ date: start }), id: first!.id, repeat: { freq: 'weekly', until: '2027-03-01' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A cancelled event stays as it was cancelled.
    expect(await t.call('events.save', { ...event({ date: start }), id: first!.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:event_cancelled_no_edit' } });
  });

  it('refuses a series longer than 104 dates or with an exception not in it; monthly from the 31st falls on the last day of shorter months', async () => {
    const issue = (result: unknown) => (result as { error: { details: { issues: { message: string }[] } } }).error.details.issues[0]!.message;
    expect(issue(await t.call('events.save', event({ date: '2027-01-04', repeat: { freq: 'weekly', until: '2029-12-31' } })))).toBe('validation:series_too_long');
    expect(issue(await t.call('events.save', event({ date: '2027-01-04', repeat: { freq: 'weekly', until: '2027-02-28', except: ['2027-01-05'] } })))).toBe('validation:exception_not_in_series');
    await t.ok('events.save', event({ title: 'Monatsende', date: '2027-01-31', repeat: { freq: 'monthly', until: '2027-05-31' } }));
    const list = await t.ok<{ items: { title: string; date: string }[] }>('events.list', { from: '2027-01-01', to: '2027-06-30' });
    expect(list.items.filter((e) => e.title === 'Monatsende').map((e) => e.date)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
  });

  const named = (displayName: string, firstNames: string[], extra: Parameters<typeof familyInput>[0] = {}) =>
    familyInput({
      displayName,
      members: firstNames.map((firstName, i) => ({ firstName, lastName: displayName, birthYear: i < 2 ? 1985 + i : 2015 + i, role: i < 2 ? 'parent' : 'child' })),
      ...extra,
    });

  it('the counter search lists the registered families first, with who is registered and who is already in', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event({ capacity: 50 }));
    const other = await t.ok<{ id: string }>('families.create', named('Petrenko', ['Olena', 'Ivan']));
    const photos = { purpose: 'photos' as const, given: true, date: localDay(), formVersion: '2026-01', formLanguage: 'de' as const };
    const storage = { purpose: 'data_storage' as const, given: true, date: localDay(), formVersion: '2026-01', formLanguage: 'de' as const };
    const reg = await t.ok<{ id: string }>('families.create', named('Petrović', ['Milena', 'Goran', 'Ana'], { consents: [storage, photos] }));
    const members = (await t.ok<{ members: { id: string; firstName: string }[] }>('families.get', { id: reg.id })).members;
    const milena = members.find((m) => m.firstName === 'Milena')!;
    const ana = members.find((m) => m.firstName === 'Ana')!;
    await t.ok('registrations.add', { eventId, familyId: reg.id, memberIds: [milena.id, ana.id] });
    await t.ok('checkin.checkIn', { eventId, personIds: [milena.id] });
    type Hit = { familyId: string; registered: boolean; photoConsent: boolean; members: { firstName: string; registered: boolean; checkedIn: boolean }[] };
    const hits = (await t.ok<{ items: Hit[] }>('checkin.search', { eventId, query: 'Petr' })).items;
    expect(hits.map((h) => h.familyId)).toEqual([reg.id, other.id]);
    expect(hits[0]).toMatchObject({ registered: true, photoConsent: true });
    expect(hits[0]!.members.map((m) => [m.firstName, m.registered, m.checkedIn])).toEqual([
      ['Milena', true, true],
      ['Goran', false, false],
      ['Ana', true, false],
    ]);
    expect(hits[1]).toMatchObject({ registered: false, photoConsent: false });
    // A first name of a registered member is enough; so is the family code as a scanner types it.
    expect((await t.ok<{ items: Hit[] }>('checkin.search', { eventId, query: 'ana petro' })).items[0]!.familyId).toBe(reg.id);
    const code = (await t.ok<{ code: string }>('families.get', { id: other.id })).code;
    expect((await t.ok<{ items: Hit[] }>('checkin.search', { eventId, query: code })).items[0]!.familyId).toBe(other.id);
    // A host's counter shows names, never the phone or address.
    await t.ok('session.lock');
    await addStaff(t, 'gast', 'host');
    const seen = await t.ok('checkin.search', { eventId, query: 'Petr' });
    expect(JSON.stringify(seen)).not.toMatch(/Kaiser-Max|2345678/);
  });

  it('the counter follows registrations made and cancelled between two keystrokes (its list of registered names is kept between them)', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event({ capacity: 50 }));
    await t.ok('families.create', named('Lindqvist', ['Sara']));
    await t.ok('families.create', named('Lindqvister', ['Nils']));
    const order = async () => (await t.ok<{ items: { familyId: string; registered: boolean }[] }>('checkin.search', { eventId, query: 'Lindq' })).items;
    const before = await order();
    expect(before.map((h) => h.registered)).toEqual([false, false]);
    const [first, second] = before.map((h) => h.familyId);
    // The family the search ranks second registers: from the next keystroke on it comes first.
    const { id: registration } = await t.ok<{ id: string }>('registrations.add', { eventId, familyId: second });
    expect((await order()).map((h) => [h.familyId, h.registered])).toEqual([
      [second, true],
      [first, false],
    ]);
    // A check-in changes nothing of it; a cancellation puts the search's own order back.
    await t.ok('checkin.checkIn', { eventId, code: (await t.ok<{ code: string }>('families.get', { id: first })).code });
    expect((await order()).map((h) => h.familyId)).toEqual([second, first]);
    await t.ok('registrations.cancel', { id: registration });
    expect((await order()).map((h) => [h.familyId, h.registered])).toEqual([
      [first, false],
      [second, false],
    ]);
    // A waiting family that moves up because the event got more places comes first too.
    const { id: small } = await t.ok<{ id: string }>('events.save', event({ capacity: 1 }));
    const { id: filler } = await t.ok<{ id: string }>('families.create', named('Platzhalter', ['Paul']));
    await t.ok('registrations.add', { eventId: small, familyId: filler });
    expect(await t.ok('registrations.add', { eventId: small, familyId: second })).toMatchObject({ status: 'waiting' });
    const smallOrder = async () => (await t.ok<{ items: { familyId: string }[] }>('checkin.search', { eventId: small, query: 'Lindq' })).items.map((h) => h.familyId);
    expect(await smallOrder()).toEqual([first, second]);
    const current = await t.ok<{ version: number }>('events.get', { id: small });
    await t.ok('events.save', { ...event({ capacity: 2 }), id: small, version: current.version });
    expect(await smallOrder()).toEqual([second, first]);
  });

  it('registers a walk-in family with the minimal fields at the counter (host), with its consents, and checks it in', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event({ capacity: 10 }));
    await t.ok('session.lock');
    await addStaff(t, 'gast', 'host');
    const walkIn = {
      eventId,
      displayName: 'Haddad',
      members: [
        { firstName: 'Rana', lastName: 'Haddad', birthYear: 1990, role: 'parent' },
        { firstName: 'Omar', lastName: 'Haddad', birthYear: 2019, role: 'child' },
      ],
      migrationBackground: 'yes',
      storageConsent: true,
      photoConsent: false,
      formLanguage: 'ar',
    };
    expect(await t.call('checkin.walkIn', { ...walkIn, storageConsent: false })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [expect.objectContaining({ path: ['storageConsent'] })] } } });
    const done = await t.ok<{ code: string; checkedIn: unknown[]; photoConsent: boolean; counts: Counts }>('checkin.walkIn', walkIn);
    expect(done.checkedIn).toHaveLength(2);
    expect(done.photoConsent).toBe(false);
    expect(done.counts).toMatchObject({ present: 2, walkIns: 2, capacityLeft: 8 });
    // Scanned again later: nobody twice.
    expect(await t.ok('checkin.checkIn', { eventId, code: done.code })).toMatchObject({ checkedIn: [], already: expect.any(Array) });
    // A walk-in family that agrees to photos is told so at once.
    expect(await t.ok('checkin.walkIn', { ...walkIn, displayName: 'Saleh', members: [{ firstName: 'Mona', lastName: 'Saleh', birthYear: 1985, role: 'parent' }], photoConsent: true })).toMatchObject({ photoConsent: true });
    const hit = (await t.ok<{ items: { familyName: string; photoConsent: boolean }[] }>('checkin.search', { eventId, query: 'Haddad' })).items[0];
    expect(hit).toMatchObject({ familyName: 'Haddad', photoConsent: false });
    await t.ok('session.lock');
    await t.ok('session.login', { username: 'clara', password: 'Lindenblatt-Regen-42' });
    const family = (await t.ok<{ items: { id: string }[] }>('families.search', { query: 'Haddad' })).items[0]!;
    const full = await t.ok<{ accessRoute: string; consents: { purpose: string; given: boolean; formLanguage: string }[] }>('families.get', { id: family.id });
    expect(full.accessRoute).toBe('event');
    expect(full.consents).toEqual(
      expect.arrayContaining([expect.objectContaining({ purpose: 'data_storage', given: true, formLanguage: 'ar' }), expect.objectContaining({ purpose: 'photos', given: false })]),
    );
  });

  it('notes check-out times, lists the attendance with photo consent, and exports it as CSV and XLSX (audited)', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event({ title: 'Deutschkurs', type: 'course' }));
    const f = await t.ok<{ id: string }>('families.create', named('Öztürk', ['=HYPERLINK("x")', 'Deniz']));
    const members = (await t.ok<{ members: { id: string }[] }>('families.get', { id: f.id })).members;
    await t.ok('checkin.checkIn', { eventId, personIds: members.map((m) => m.id) });
    expect(await t.ok('checkin.checkOut', { eventId, personIds: [members[1]!.id] })).toMatchObject({ checkedOut: 1 });
    expect(await t.ok('checkin.checkOut', { eventId, personIds: [members[1]!.id] })).toMatchObject({ checkedOut: 0 });
    type List = { attendees: { firstName: string; photoConsent: boolean; walkIn: boolean; checkedOutAt: string | null }[] };
    const list = await t.ok<List>('attendance.list', { eventId });
    expect(list.attendees.map((a) => [a.firstName, a.photoConsent, a.walkIn, a.checkedOutAt !== null])).toEqual([
      ['=HYPERLINK("x")', false, true, false],
      ['Deniz', false, true, true],
    ]);
    const csv = await t.ok<{ fileName: string; base64: string }>('attendance.export', { eventId, format: 'csv', language: 'de' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(csv.fileName).toMatch(/^Teilnehmerliste-Deutschkurs-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(text.startsWith('\uFEFFNr.;Nachname;Vorname')).toBe(true);
    expect(text).toContain('Öztürk;Deniz');
    // A name typed as a formula stays text in Excel.
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    const xlsx = await t.ok<{ fileName: string; base64: string }>('attendance.export', { eventId, format: 'xlsx', language: 'en' });
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Uint8Array.from(Buffer.from(xlsx.base64, "base64")).buffer);
    const cells = book.worksheets[0]!.getSheetValues().flat().filter((v) => typeof v === 'string') as string[];
    expect(cells).toEqual(expect.arrayContaining(['Attendance list: Deutschkurs', 'Last name', 'Deniz', '=HYPERLINK("x")', 'Counted anonymously: 0 adults, 0 children']));
    const audit = await t.ok<{ items: { method: string; entityId: string | null }[] }>('audit.list', { method: 'attendance.export', limit: 5 });
    expect(audit.items).toHaveLength(2);
    expect(audit.items[0]!.entityId).toBe(eventId);
  });

  it('moves up every waiting family that fits when places free up, also when the capacity grows', async () => {
    const { id: eventId } = await t.ok<{ id: string; version: number }>('events.save', event({ capacity: 4 }));
    const big = await t.ok<{ id: string }>('families.create', named('Groß', ['A', 'B', 'C', 'D']));
    const one = await t.ok<{ id: string }>('families.create', named('Eins', ['E']));
    const two = await t.ok<{ id: string }>('families.create', named('Zwei', ['F', 'G']));
    const five = await t.ok<{ id: string }>('families.create', named('Fünf', ['H', 'I', 'J', 'K', 'L']));
    const r = await t.ok<{ id: string }>('registrations.add', { eventId, familyId: big.id });
    for (const f of [five, one, two]) expect(await t.ok('registrations.add', { eventId, familyId: f.id })).toMatchObject({ status: 'waiting' });
    // Four places free: the five still do not fit; the one and the two behind them move up.
    const cancelled = await t.ok<{ movedUpAll: { familyName: string }[] }>('registrations.cancel', { id: r.id });
    expect(cancelled.movedUpAll.map((m) => m.familyName)).toEqual(['Eins', 'Zwei']);
    expect(await t.ok<Counts>('checkin.counts', { eventId })).toMatchObject({ registered: 3, waiting: 5, capacityLeft: 1 });
    // More places: the five move up too.
    const current = await t.ok<{ version: number }>('events.get', { id: eventId });
    await t.ok('events.save', { ...event({ capacity: 8 }), id: eventId, version: current.version });
    expect(await t.ok<Counts>('checkin.counts', { eventId })).toMatchObject({ registered: 8, waiting: 0 });
  });

  it('undoes only the caller\'s own newest entry, even within the same millisecond', async () => {
    // The test core's clock stands still: every entry here has the same clock reading.
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event());
    const f = await t.ok<{ id: string }>('families.create', named('Gleichzeit', ['Ana', 'Ben']));
    const code = (await t.ok<{ code: string }>('families.get', { id: f.id })).code;
    await t.ok('checkin.checkIn', { eventId, code });
    await t.ok('checkin.anonymous', { eventId, adults: 1, children: 0 });
    expect(await t.ok('checkin.undo', { eventId })).toMatchObject({ undone: 1, counts: { present: 2 } });
    await t.ok('session.lock');
    await addStaff(t, 'zweiter', 'host');
    // Another counter's undo leaves the first counter's check-in alone.
    expect(await t.ok('checkin.undo', { eventId })).toMatchObject({ undone: 0, counts: { present: 2 } });
  });

  it('a host cannot find a family by its phone number at the counter', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event());
    await t.ok('families.create', named('Telefon', ['Tara'], { phone: '0171 5550199' }));
    expect((await t.ok<{ items: unknown[] }>('families.search', { query: '0171 5550199' })).items).toHaveLength(1);
    await t.ok('session.lock');
    await addStaff(t, 'gast', 'host');
    // Not even by a start of six digits, which looks like a family code to the counter.
    for (const query of ['0171 5550199', '0171', '5550199', '017155']) expect((await t.ok<{ items: unknown[] }>('checkin.search', { eventId, query })).items).toEqual([]);
    const seen = (await t.ok<{ items: Record<string, unknown>[] }>('checkin.search', { eventId, query: 'Telefon' })).items[0]!;
    expect(Object.keys(seen).sort()).toEqual(['code', 'familyId', 'familyName', 'members', 'photoConsent', 'registered']);
  });

  it('one open registration per family and event: a second is refused, and doubles from before are cancelled when the database is upgraded', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event({ capacity: 10 }));
    const f = await t.ok<{ id: string }>('families.create', named('Einmal', ['Ina', 'Jan']));
    const first = await t.ok<{ id: string }>('registrations.add', { eventId, familyId: f.id });
    expect(await t.call('registrations.add', { eventId, familyId: f.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:already_registered' } });
    // The database itself refuses a second, also past the core.
    const double = (id: string, at: string) =>
      `INSERT INTO registrations (id, event_id, family_id, member_ids, persons, status, created_at) VALUES ('${id}', '${eventId}', '${f.id}', '[]', 2, 'waiting', '${at}')`;
    await expect(t.tamper([double('vorbei', new Date().toISOString())])).rejects.toThrow(/UNIQUE|duplicate key/);
    // As a database before migration 0017 could hold it: a waiting double, written earlier, beside the place.
    await t.ok('session.lock');
    await t.tamper([
      'DROP INDEX registrations_one_open',
      double('doppelt', '2000-01-01T00:00:00.000Z'),
      `DELETE FROM schema_migrations WHERE name = '0017_one_open_registration'`,
    ]);
    await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    const after = await t.ok<{ registrations: { id: string; status: string }[] }>('events.get', { id: eventId });
    expect(after.registrations.filter((r) => r.status !== 'cancelled').map((r) => r.id)).toEqual([first.id]);
    expect(await t.call('registrations.add', { eventId, familyId: f.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // A cancelled registration does not count: the family registers again.
    await t.ok('registrations.cancel', { id: first.id });
    expect(await t.ok('registrations.add', { eventId, familyId: f.id })).toMatchObject({ status: 'registered' });
  });

  it('a merge of two registered duplicates gives the double place to the first waiting family, and keeps a place over a waiting one', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event({ capacity: 3 }));
    const keep = await t.ok<{ id: string }>('families.create', named('Doppel', ['Ada', 'Bo']));
    const gone = await t.ok<{ id: string }>('families.create', named('Doppel', ['Ada']));
    const waits = await t.ok<{ id: string }>('families.create', named('Wartet', ['Wim']));
    await t.ok('registrations.add', { eventId, familyId: keep.id });
    await t.ok('registrations.add', { eventId, familyId: gone.id });
    expect(await t.ok('registrations.add', { eventId, familyId: waits.id })).toMatchObject({ status: 'waiting' });
    await t.ok('families.merge', { keepId: keep.id, mergeId: gone.id });
    // The same Ada was registered twice: her second place goes to the waiting family.
    const after = await t.ok<{ registrations: { familyName: string; status: string }[] }>('events.get', { id: eventId });
    expect(after.registrations.map((r) => [r.familyName, r.status]).sort()).toEqual([
      ['Doppel', 'registered'],
      ['Wartet', 'registered'],
    ]);
    expect(await t.ok<Counts>('checkin.counts', { eventId })).toMatchObject({ registered: 3, waiting: 0 });
    // A family waiting whose duplicate holds a place keeps the place.
    const full = await t.ok<{ id: string }>('events.save', event({ capacity: 1 }));
    const first = await t.ok<{ id: string }>('families.create', named('Platz', ['Pia']));
    const second = await t.ok<{ id: string }>('families.create', named('Platz', ['Pia', 'Paul']));
    await t.ok('registrations.add', { eventId: full.id, familyId: first.id });
    expect(await t.ok('registrations.add', { eventId: full.id, familyId: second.id })).toMatchObject({ status: 'waiting' });
    await t.ok('families.merge', { keepId: second.id, mergeId: first.id });
    expect(await t.ok('events.get', { id: full.id })).toMatchObject({ registrations: [expect.objectContaining({ familyName: 'Platz', status: 'registered' })], counts: { registered: 1, waiting: 0 } });
    // Two places: the one for more persons stays (the kept family's was for fewer).
    const roomy = await t.ok<{ id: string }>('events.save', event({ capacity: 10 }));
    const few = await t.ok<{ id: string }>('families.create', named('Viele', ['Uwe']));
    const many = await t.ok<{ id: string }>('families.create', named('Viele', ['Uwe', 'Vera', 'Willi']));
    await t.ok('registrations.add', { eventId: roomy.id, familyId: few.id });
    const larger = await t.ok<{ id: string }>('registrations.add', { eventId: roomy.id, familyId: many.id });
    await t.ok('families.merge', { keepId: few.id, mergeId: many.id });
    expect(await t.ok('events.get', { id: roomy.id })).toMatchObject({ registrations: [expect.objectContaining({ id: larger.id, status: 'registered' })], counts: { registered: 3 } });
    // Both waiting: the household keeps the earlier place in the queue.
    const queue = await t.ok<{ id: string }>('events.save', event({ capacity: 1 }));
    await t.ok('registrations.add', { eventId: queue.id, familyId: (await t.ok<{ id: string }>('families.create', named('Vorne', ['Vera']))).id });
    const earlier = await t.ok<{ id: string }>('families.create', named('Schlange', ['Sam']));
    const later = await t.ok<{ id: string }>('families.create', named('Schlange', ['Sam']));
    const early = await t.ok<{ id: string; status: string }>('registrations.add', { eventId: queue.id, familyId: earlier.id });
    expect(early.status).toBe('waiting');
    await t.ok('registrations.add', { eventId: queue.id, familyId: later.id });
    await t.ok('families.merge', { keepId: later.id, mergeId: earlier.id });
    const queued = await t.ok<{ registrations: { id: string; familyName: string; status: string }[] }>('events.get', { id: queue.id });
    expect(queued.registrations.filter((r) => r.familyName === 'Schlange').map((r) => [r.id, r.status])).toEqual([[early.id, 'waiting']]);
  });

  it('a merge keeps the merged family\'s attendance and registrations', async () => {
    const { id: eventId } = await t.ok<{ id: string }>('events.save', event({ capacity: 20 }));
    const keep = await t.ok<{ id: string }>('families.create', named('Bleibt', ['Ada']));
    const gone = await t.ok<{ id: string }>('families.create', named('Doppelt', ['Bo', 'Cy']));
    await t.ok('registrations.add', { eventId, familyId: gone.id });
    await t.ok('checkin.checkIn', { eventId, code: (await t.ok<{ code: string }>('families.get', { id: gone.id })).code });
    await t.ok('families.merge', { keepId: keep.id, mergeId: gone.id });
    const list = await t.ok<{ attendees: { firstName: string; familyName: string }[] }>('attendance.list', { eventId });
    expect(list.attendees.map((a) => [a.firstName, a.familyName])).toEqual([
      ['Bo', 'Bleibt'],
      ['Cy', 'Bleibt'],
    ]);
    expect(await t.ok('events.get', { id: eventId })).toMatchObject({ registrations: [expect.objectContaining({ familyName: 'Bleibt', status: 'registered' })], counts: { present: 2, registered: 2 } });
  });
});
