import { afterAll, beforeAll, expect, it } from 'vitest';
import { contract, type MethodName } from '../../src/shared/rpc/contract';
import { ROLES, type Role } from '../../src/shared/roles';
import { addStaff, COORDINATOR, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect, type TestDialect } from '../support/dialects';
import { familyInput } from '../support/families';
import { localDay } from '../../src/shared/dates';

const C: Role = 'coordinator';
const W: Role = 'caseworker';
const R: Role = 'reception';
const H: Role = 'host';
const EVERYONE = [C, W, R, H];
const OFFICE = [C, W, R];

/**
 * Who may call what, written here from DESIGN.md's roles — not read from the
 * contract, so that a wrong right in the contract fails this test:
 * reception registers families, searches, logs short contacts and consents;
 * caseworkers do all reception does (case work comes with its issue); hosts
 * see only what check-in needs; coordinators also run accounts, settings,
 * the audit log, backups, merging and the district list.
 */
const RIGHTS: Record<MethodName, readonly Role[]> = {
  'session.status': EVERYONE,
  'session.setup': EVERYONE,
  'session.login': EVERYONE,
  'session.lock': EVERYONE,
  'session.heartbeat': EVERYONE,
  'session.recover': EVERYONE,
  'session.changePassword': EVERYONE,
  'session.restoreLatestBackup': [C],
  'session.replaceRecoveryKey': [C],
  'session.acceptRollback': [C],
  'ui.preferences': EVERYONE,
  'ui.setLanguage': EVERYONE,
  'users.list': [C],
  'users.create': [C],
  'users.update': [C],
  'users.resetPassword': [C],
  'users.deactivate': [C],
  'users.me': EVERYONE,
  'settings.get': EVERYONE,
  'settings.update': [C],
  'audit.list': [C],
  'audit.verify': [C],
  'backup.status': [C],
  'backup.list': [C],
  'backup.create': [C],
  'backup.restore': [C],
  'drafts.save': EVERYONE,
  'drafts.list': EVERYONE,
  'drafts.discard': EVERYONE,
  'families.search': OFFICE,
  // A host gets the check-in view only (see the test below).
  'families.get': EVERYONE,
  'families.create': OFFICE,
  'families.update': OFFICE,
  'families.duplicates': OFFICE,
  'families.merge': [C],
  'families.list': OFFICE,
  'families.exportList': [C],
  'members.save': OFFICE,
  'members.remove': [C],
  'engagements.save': OFFICE,
  'engagements.list': OFFICE,
  'consents.record': OFFICE,
  'consents.withdraw': OFFICE,
  'contacts.log': OFFICE,
  'districts.list': OFFICE,
  'districts.save': [C],
  // Case work: caseworkers and coordinators only (per-note rules in casework.test.ts).
  'notes.create': [C, W],
  'notes.update': [C, W],
  'notes.get': [C, W],
  'notes.list': [C, W],
  'notes.history': [C, W],
  'notes.breakGlass': [C, W],
  'notes.search': [C, W],
  'notes.delete': [C],
  'plans.get': [C, W],
  'plans.save': [C, W],
  'plans.addReview': [C, W],
  'cases.assign': [C, W],
  'cases.release': [C, W],
  'cases.today': [C, W],
  'cases.ackAccess': [C, W],
  'cases.staff': [C, W],
  // Reception sees contacts and consents in it; notes and plan changes only those who hold case work.
  'timeline.list': OFFICE,
  // Events: the office plans them and registers families; the host runs the counter.
  'events.save': OFFICE,
  'events.cancel': OFFICE,
  'events.copy': OFFICE,
  'events.list': EVERYONE,
  'events.get': EVERYONE,
  'registrations.add': OFFICE,
  'registrations.cancel': OFFICE,
  'checkin.checkIn': EVERYONE,
  'checkin.undo': EVERYONE,
  'checkin.anonymous': EVERYONE,
  'checkin.counts': EVERYONE,
  'checkin.offlineEvents': EVERYONE,
  'checkin.search': EVERYONE,
  'checkin.walkIn': EVERYONE,
  'checkin.checkOut': EVERYONE,
  'attendance.list': EVERYONE,
  'attendance.export': [C],
  'volunteers.save': [C],
  'volunteers.list': OFFICE,
  'volunteers.get': OFFICE,
  'referrals.create': OFFICE,
  'referrals.transition': [C, W],
  'referrals.list': OFFICE,
  'referrals.match': OFFICE,
  'referrals.sheet': OFFICE,
  'referrals.get': OFFICE,
  'volunteers.hours': [C],
  'trainings.volunteers': OFFICE,
  'trainings.setVolunteer': [C],
  'office.identity': [C],
  'reports.reach': [C, W],
  'reports.drill': [C, W],
  'reports.export': [C, W],
  'export.preview': [C],
  'export.build': [C],
  'export.list': [C],
  'hub.status': EVERYONE,
  'session.joinHub': EVERYONE,
  'hub.make': [C],
  'hub.host': [C],
  'hub.renewJoinCode': [C],
  'hub.listBackups': [C],
  'hub.backupNow': [C],
  'hub.restoreBackup': [C],
};

const PASSWORD = 'Sonnenblume-Wiese-77';
const USERNAMES: Record<Role, string> = { coordinator: COORDINATOR.username, caseworker: 'sozial', reception: 'empfang', host: 'gastgeber' };
const passwordOf = (role: Role) => (role === 'coordinator' ? COORDINATOR.password : PASSWORD);

interface Fixture {
  t: TestCore;
  dialect: TestDialect;
  role: Role;
  recoveryKey: { value: string };
  familyId: string;
  /** Runs as the coordinator before the role logs in (makes what a destructive call consumes). */
  asCoordinator<T>(work: () => Promise<T>): Promise<T>;
}

type Outcome = 'ok' | string;

/**
 * A valid input for every method, and what an allowed call answers: 'ok' or
 * the handler's own error code — never FORBIDDEN, LOCKED or a refused input.
 */
const CALLS: Record<MethodName, (fx: Fixture) => Promise<{ input: unknown; expect: Outcome; after?: (data: unknown) => Promise<void> }>> = {
  'session.status': async () => ({ input: {}, expect: 'ok' }),
  'session.setup': async () => ({ input: { ...COORDINATOR, username: 'zweite' }, expect: 'CONFLICT' }),
  'session.login': async (fx) => ({ input: { username: USERNAMES[fx.role], password: passwordOf(fx.role) }, expect: 'ok' }),
  'session.lock': async () => ({ input: {}, expect: 'ok' }),
  'session.heartbeat': async () => ({ input: {}, expect: 'ok' }),
  // Recovering sets a temporary password that must be changed at once: the test changes it back.
  'session.recover': async (fx) => ({
    input: { recoveryKey: fx.recoveryKey.value, username: USERNAMES[fx.role], newPassword: 'Wiederhergestellt-Fluss-64' },
    expect: 'ok',
    after: async () => void (await fx.t.ok('session.changePassword', { currentPassword: 'Wiederhergestellt-Fluss-64', newPassword: passwordOf(fx.role) })),
  }),
  'session.changePassword': async (fx) => ({
    input: { currentPassword: passwordOf(fx.role), newPassword: 'Zwischendurch-Anders-31' },
    expect: 'ok',
    after: async () => void (await fx.t.ok('session.changePassword', { currentPassword: 'Zwischendurch-Anders-31', newPassword: passwordOf(fx.role) })),
  }),
  'session.replaceRecoveryKey': async (fx) => ({
    input: { password: passwordOf(fx.role) },
    expect: 'ok',
    // The old recovery key opens nothing any more: later calls of the test use the new one.
    after: async (data) => void (fx.recoveryKey.value = (data as { recoveryKey: string }).recoveryKey),
  }),
  'session.acceptRollback': async () => ({ input: {}, expect: 'ok' }),
  // The live database is fine, so the handler refuses to replace it.
  'session.restoreLatestBackup': async (fx) => ({ input: { username: USERNAMES[fx.role], password: passwordOf(fx.role) }, expect: 'CONFLICT' }),
  'ui.preferences': async () => ({ input: {}, expect: 'ok' }),
  'ui.setLanguage': async () => ({ input: { language: 'de' }, expect: 'ok' }),
  'users.list': async () => ({ input: {}, expect: 'ok' }),
  'users.create': async () => ({ input: { username: `neu.${Math.random().toString(36).slice(2, 8)}`, displayName: 'Neu', role: 'host' }, expect: 'ok' }),
  'users.update': async (fx) => ({ input: { id: await throwawayUser(fx), displayName: 'Umbenannt' }, expect: 'ok' }),
  'users.resetPassword': async (fx) => ({ input: { id: await throwawayUser(fx) }, expect: 'ok' }),
  'users.deactivate': async (fx) => ({ input: { id: await throwawayUser(fx) }, expect: 'ok' }),
  'users.me': async () => ({ input: {}, expect: 'ok' }),
  'settings.get': async () => ({ input: {}, expect: 'ok' }),
  'settings.update': async () => ({ input: { backupKeep: 14 }, expect: 'ok' }),
  'audit.list': async () => ({ input: { limit: 5 }, expect: 'ok' }),
  'audit.verify': async () => ({ input: {}, expect: 'ok' }),
  'backup.status': async () => ({ input: {}, expect: 'ok' }),
  'backup.list': async () => ({ input: {}, expect: 'ok' }),
  // The hub's PostgreSQL is backed up on the hub, not by file copies.
  'backup.create': async (fx) => ({ input: {}, expect: fx.dialect === 'sqlite' ? 'ok' : 'CONFLICT' }),
  'backup.restore': async (fx) => {
    if (fx.dialect === 'postgres') return { input: { name: 'm3desk-20260101-120000-manual.db' }, expect: 'CONFLICT' };
    const backup = await fx.asCoordinator(() => fx.t.ok<{ name: string }>('backup.create'));
    return { input: { name: backup.name }, expect: 'ok' };
  },
  'drafts.save': async () => ({ input: { formKey: 'rights.test', data: { a: 1 } }, expect: 'ok' }),
  'drafts.list': async () => ({ input: {}, expect: 'ok' }),
  'drafts.discard': async () => ({ input: { formKey: 'rights.test' }, expect: 'ok' }),
  'families.search': async () => ({ input: { query: 'yilmaz' }, expect: 'ok' }),
  'families.get': async (fx) => ({ input: { id: fx.familyId }, expect: 'ok' }),
  'families.create': async () => ({ input: familyInput({ displayName: 'Neufamilie' }), expect: 'ok' }),
  'families.update': async (fx) => {
    const family = await fx.asCoordinator(() => fx.t.ok<{ version: number }>('families.get', { id: fx.familyId }));
    const { members: _m, consents: _c, contact: _k, ...fields } = familyInput();
    return { input: { ...fields, id: fx.familyId, version: family.version, status: 'active' }, expect: 'ok' };
  },
  'families.duplicates': async () => ({ input: { displayName: 'Yilmaz', members: [{ firstName: 'Ayse', lastName: 'Yilmaz' }] }, expect: 'ok' }),
  'families.merge': async (fx) => {
    const [a, b] = await fx.asCoordinator(async () => [
      await fx.t.ok<{ id: string }>('families.create', familyInput({ displayName: 'Mergea' })),
      await fx.t.ok<{ id: string }>('families.create', familyInput({ displayName: 'Mergeb' })),
    ]);
    return { input: { keepId: a!.id, mergeId: b!.id }, expect: 'ok' };
  },
  'families.list': async () => ({ input: { filters: { status: 'active' }, sort: { by: 'name', dir: 'asc' }, limit: 10 }, expect: 'ok' }),
  'families.exportList': async () => ({ input: { filters: { status: 'active' } }, expect: 'ok' }),
  'members.save': async (fx) => ({ input: { familyId: fx.familyId, firstName: 'Neu', lastName: 'Yılmaz', birthYear: 2025, role: 'child' }, expect: 'ok' }),
  'members.remove': async (fx) => {
    const member = await fx.asCoordinator(() =>
      fx.t.ok<{ id: string }>('members.save', { familyId: fx.familyId, firstName: 'Irrtum', lastName: 'Yılmaz', birthYear: 2020, role: 'child' }),
    );
    return { input: { id: member.id }, expect: 'ok' };
  },
  // Today: each role's consent comes after the previous one's withdrawal (an older date would be refused).
  'consents.record': async (fx) => ({
    input: { familyId: fx.familyId, purpose: 'photos', given: true, date: localDay(), formVersion: '2026-01', formLanguage: 'de' },
    expect: 'ok',
  }),
  'consents.withdraw': async (fx) => {
    const consent = await fx.asCoordinator(() =>
      fx.t.ok<{ id: string }>('consents.record', { familyId: fx.familyId, purpose: 'photos', given: true, date: localDay(), formVersion: '2026-01', formLanguage: 'de' }),
    );
    return { input: { id: consent.id, date: localDay() }, expect: 'ok' };
  },
  'contacts.log': async (fx) => ({ input: { familyId: fx.familyId, type: 'phone', topics: [], fieldOfAction: 1 }, expect: 'ok' }),
  'districts.list': async () => ({ input: {}, expect: 'ok' }),
  'districts.save': async () => ({ input: { name: `Viertel ${Math.random().toString(36).slice(2, 8)}`, active: true }, expect: 'ok' }),
  'notes.create': async (fx) => ({ input: noteInput(fx.familyId), expect: 'ok' }),
  'notes.update': async (fx) => {
    const note = await ownNote(fx);
    return { input: { id: note.id, version: note.version, kind: 'phone' }, expect: 'ok' };
  },
  'notes.get': async (fx) => ({ input: { id: (await ownNote(fx)).id }, expect: 'ok' }),
  'notes.list': async (fx) => ({ input: { familyId: fx.familyId }, expect: 'ok' }),
  'notes.history': async (fx) => ({ input: { id: (await ownNote(fx)).id }, expect: 'ok' }),
  'notes.breakGlass': async (fx) => ({ input: { id: (await ownNote(fx)).id, reason: 'Vertretung im Urlaub' }, expect: 'ok' }),
  'notes.search': async () => ({ input: { query: 'Elterngespräch' }, expect: 'ok' }),
  'notes.delete': async (fx) => ({ input: { id: (await fx.asCoordinator(() => fx.t.ok<{ id: string }>('notes.create', noteInput(fx.familyId)))).id, reason: 'Falsche Familie erwischt' }, expect: 'ok' }),
  'plans.get': async (fx) => ({ input: { familyId: fx.familyId }, expect: 'ok' }),
  'plans.save': async (fx) => {
    const { plan } = await fx.asCoordinator(() => fx.t.ok<{ plan: { version: number } | null }>('plans.get', { familyId: fx.familyId }));
    return { input: { familyId: fx.familyId, version: plan?.version ?? null, goals: [goalInput()] }, expect: 'ok' };
  },
  'plans.addReview': async (fx) => {
    await fx.asCoordinator(async () => {
      const { plan } = await fx.t.ok<{ plan: { version: number } | null }>('plans.get', { familyId: fx.familyId });
      if (!plan) await fx.t.ok('plans.save', { familyId: fx.familyId, version: null, goals: [goalInput()] });
    });
    return { input: { familyId: fx.familyId, heldOn: localDay(), outcome: 'Gut vorangekommen' }, expect: 'ok' };
  },
  'cases.assign': async (fx) => ({ input: { familyId: fx.familyId, userId: await caseworkerId(fx), lead: true }, expect: 'ok' }),
  'cases.release': async (fx) => ({ input: { familyId: fx.familyId, userId: await caseworkerId(fx) }, expect: 'ok' }),
  'cases.today': async () => ({ input: {}, expect: 'ok' }),
  'cases.ackAccess': async () => ({ input: { ids: ['00000000-0000-4000-8000-000000000000'] }, expect: 'ok' }),
  'cases.staff': async () => ({ input: {}, expect: 'ok' }),
  'timeline.list': async (fx) => ({ input: { familyId: fx.familyId }, expect: 'ok' }),
  'events.save': async () => ({ input: eventInput(), expect: 'ok' }),
  'events.cancel': async (fx) => ({ input: { id: await anEvent(fx), reason: 'Raum nicht verfügbar' }, expect: 'ok' }),
  'events.copy': async (fx) => ({ input: { id: await anEvent(fx), date: localDay() }, expect: 'ok' }),
  'events.list': async () => ({ input: {}, expect: 'ok' }),
  'events.get': async (fx) => ({ input: { id: await anEvent(fx) }, expect: 'ok' }),
  'registrations.add': async (fx) => ({ input: { eventId: await anEvent(fx), familyId: fx.familyId }, expect: 'ok' }),
  'registrations.cancel': async (fx) => {
    const eventId = await anEvent(fx);
    const registration = await fx.asCoordinator(() => fx.t.ok<{ id: string }>('registrations.add', { eventId, familyId: fx.familyId }));
    return { input: { id: registration.id }, expect: 'ok' };
  },
  'checkin.checkIn': async (fx) => {
    const eventId = await anEvent(fx);
    const family = await fx.asCoordinator(() => fx.t.ok<{ code: string }>('families.get', { id: fx.familyId }));
    return { input: { eventId, code: family.code }, expect: 'ok' };
  },
  'checkin.undo': async (fx) => ({ input: { eventId: await anEvent(fx) }, expect: 'ok' }),
  'checkin.anonymous': async (fx) => ({ input: { eventId: await anEvent(fx), adults: 1, children: 2 }, expect: 'ok' }),
  'checkin.counts': async (fx) => ({ input: { eventId: await anEvent(fx) }, expect: 'ok' }),
  'checkin.offlineEvents': async () => ({ input: {}, expect: 'ok' }),
  'checkin.search': async (fx) => ({ input: { eventId: await anEvent(fx), query: 'Yılmaz' }, expect: 'ok' }),
  'checkin.walkIn': async (fx) => ({
    input: {
      eventId: await anEvent(fx),
      displayName: 'Neu',
      members: [{ firstName: 'Ana', lastName: 'Neu', birthYear: 1990, role: 'parent' }],
      migrationBackground: 'not_stated',
      storageConsent: true,
      photoConsent: false,
      formLanguage: 'de',
    },
    expect: 'ok',
  }),
  'checkin.checkOut': async (fx) => {
    const family = await fx.asCoordinator(() => fx.t.ok<{ members: { id: string }[] }>('families.get', { id: fx.familyId }));
    return { input: { eventId: await anEvent(fx), personIds: [family.members[0]!.id] }, expect: 'ok' };
  },
  'attendance.list': async (fx) => ({ input: { eventId: await anEvent(fx) }, expect: 'ok' }),
  'attendance.export': async (fx) => ({ input: { eventId: await anEvent(fx), format: 'csv', language: 'de' }, expect: 'ok' }),
  'volunteers.save': async () => ({ input: volunteerInput(), expect: 'ok' }),
  'volunteers.list': async () => ({ input: {}, expect: 'ok' }),
  'referrals.create': async (fx) => ({ input: referralInput(fx.familyId), expect: 'ok' }),
  'referrals.transition': async (fx) => {
    const made = await fx.asCoordinator(() => fx.t.ok<{ id: string; version: number }>('referrals.create', referralInput(fx.familyId)));
    return { input: { id: made.id, version: made.version, to: 'cancelled' }, expect: 'ok' };
  },
  'referrals.list': async () => ({ input: {}, expect: 'ok' }),
  'referrals.match': async (fx) => ({ input: { referralId: (await fx.asCoordinator(() => fx.t.ok<{ id: string }>('referrals.create', referralInput(fx.familyId)))).id }, expect: 'ok' }),
  'volunteers.get': async (fx) => ({ input: { id: (await fx.asCoordinator(() => fx.t.ok<{ id: string }>('volunteers.save', volunteerInput()))).id }, expect: 'ok' }),
  'volunteers.hours': async () => ({ input: { from: '2026-01-01', to: '2026-12-31' }, expect: 'ok' }),
  'referrals.sheet': async (fx) => {
    // An external service needs no volunteer (nor the consent to pass data to one): offered, its sheet can be printed.
    const made = await fx.asCoordinator(async () => {
      const r = await fx.t.ok<{ id: string; version: number }>('referrals.create', { ...referralInput(fx.familyId), kind: 'external', externalService: 'Schuldnerberatung' });
      return fx.t.ok<{ id: string }>('referrals.transition', { id: r.id, version: r.version, to: 'offered' });
    });
    return { input: { id: made.id }, expect: 'ok' };
  },
  'engagements.save': async (fx) => {
    const family = await fx.asCoordinator(() => fx.t.ok<{ members: { id: string }[] }>('families.get', { id: fx.familyId }));
    return { input: { familyId: fx.familyId, memberId: family.members[0]!.id, engagements: [{ kind: 'parents_council', from: '2026-09-15' }] }, expect: 'ok' };
  },
  'referrals.get': async (fx) => ({ input: { id: (await fx.asCoordinator(() => fx.t.ok<{ id: string }>('referrals.create', referralInput(fx.familyId)))).id }, expect: 'ok' }),
  'trainings.volunteers': async (fx) => ({ input: { eventId: (await fx.asCoordinator(() => fx.t.ok<{ id: string }>('events.save', { ...eventInput(), type: 'volunteer_training' }))).id }, expect: 'ok' }),
  'trainings.setVolunteer': async (fx) => {
    const [event, volunteer] = await fx.asCoordinator(() => Promise.all([fx.t.ok<{ id: string }>('events.save', { ...eventInput(), type: 'volunteer_training' }), fx.t.ok<{ id: string }>('volunteers.save', volunteerInput())]));
    return { input: { eventId: event.id, volunteerId: volunteer.id, registered: true }, expect: 'ok' };
  },
  'office.identity': async () => ({ input: {}, expect: 'ok' }),
  'engagements.list': async (fx) => ({ input: { familyId: fx.familyId }, expect: 'ok' }),
  'reports.reach': async () => ({ input: { from: '2026-01-01', to: '2026-12-31' }, expect: 'ok' }),
  'reports.drill': async () => ({ input: { from: '2026-01-01', to: '2026-12-31', figure: { table: 'summary', row: 'families' } }, expect: 'ok' }),
  'reports.export': async () => ({ input: { from: '2026-01-01', to: '2026-12-31', format: 'csv', language: 'de' }, expect: 'ok' }),
  'export.preview': async () => ({ input: { from: '2026-01-01', to: '2026-12-31' }, expect: 'ok' }),
  // No central key configured in the fixture: past the rights check, the build says what is missing.
  'export.build': async () => ({ input: { from: '2026-01-01', to: '2026-12-31' }, expect: 'CONFLICT' }),
  'export.list': async () => ({ input: {}, expect: 'ok' }),
  'hub.status': async () => ({ input: {}, expect: 'ok' }),
  // A wrong password is refused before anything is made; a PC already on PostgreSQL makes no hub of it.
  'hub.make': async (fx) => ({ input: { password: 'nicht-das-passwort', port: 5433, volumeConfirmed: true }, expect: fx.dialect === 'sqlite' ? 'VALIDATION' : 'CONFLICT' }),
  'hub.host': async () => ({ input: {}, expect: 'ok' }),
  'hub.renewJoinCode': async () => ({ input: {}, expect: 'CONFLICT' }),
  // Only the hub PC has hub backups.
  'hub.listBackups': async () => ({ input: {}, expect: 'ok' }),
  'hub.backupNow': async () => ({ input: {}, expect: 'CONFLICT' }),
  'hub.restoreBackup': async () => ({ input: { name: 'm3hub-20260101-000000-000-daily.age' }, expect: 'CONFLICT' }),
  // A PC with an office of its own never joins a hub.
  'session.joinHub': async () => ({ input: { code: 'M3HUB1-eyJ9' }, expect: 'CONFLICT' }),
};

const referralInput = (familyId: string) => ({ familyId, kind: 'interpreting', language: 'ti', reason: 'parent_talk_school', appointmentAt: '2027-03-02T15:00:00+01:00', place: 'Grundschule', durationMin: 60 });

const volunteerInput = () => ({ firstName: 'Selam', lastName: 'Tesfay', roles: ['interpreter'], languages: [{ code: 'ti', level: 'native' }], districtIds: [], availability: [{ weekday: 2, from: '14:00', to: '18:00' }] });

const eventInput = () => ({ title: 'Elterncafé', type: 'parent_cafe', fieldOfAction: 1, date: localDay(), start: '16:00', end: '18:00', place: 'Stützpunkt', capacity: 20 });

/** A fresh event, made by the coordinator. */
async function anEvent(fx: Fixture): Promise<string> {
  return (await fx.asCoordinator(() => fx.t.ok<{ id: string }>('events.save', eventInput()))).id;
}

const noteInput = (familyId: string) => ({
  familyId,
  occurredOn: localDay(),
  kind: 'office',
  fieldOfAction: 2,
  topics: ['school'],
  participants: [],
  confidential: false,
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Elterngespräch zur Schule' }] }] },
});
const goalInput = () => ({ fieldOfAction: 1, description: 'Kita-Platz finden', startOn: localDay(), status: 'open', measures: [] });

/** A note the role wrote itself (only an author edits); made by the coordinator for roles that cannot write one. */
async function ownNote(fx: Fixture): Promise<{ id: string; version: number }> {
  const make = () => fx.t.ok<{ id: string; version: number }>('notes.create', noteInput(fx.familyId));
  return fx.role === W ? make() : fx.asCoordinator(make);
}

async function caseworkerId(fx: Fixture): Promise<string> {
  const staff = await fx.asCoordinator(() => fx.t.ok<{ items: { id: string; displayName: string }[] }>('cases.staff'));
  return staff.items.find((s) => s.displayName.includes(USERNAMES.caseworker))!.id;
}

async function throwawayUser(fx: Fixture): Promise<string> {
  return fx.asCoordinator(async () => {
    const user = await fx.t.ok<{ id: string }>('users.create', {
      username: `weg.${Math.random().toString(36).slice(2, 8)}`,
      displayName: 'Wegwerf',
      role: 'host',
    });
    return user.id;
  });
}

const methods = Object.keys(contract) as MethodName[];
const outcome = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error!.code);

describeEachDialect('rights', (dialect) => {
  let t: TestCore;
  const recoveryKey = { value: '' };
  let familyId: string;
  beforeAll(async () => {
    t = await startTestCore({ dialect });
    recoveryKey.value = await setUpOffice(t);
    familyId = (await t.ok<{ id: string }>('families.create', familyInput())).id;
    await t.ok('session.lock');
    for (const role of [W, R, H]) await addStaff(t, USERNAMES[role], role, PASSWORD);
    await t.ok('session.lock');
  });
  afterAll(async () => t.dispose());

  const loginAs = async (role: Role) => {
    await t.ok('session.lock');
    await t.ok('session.login', { username: USERNAMES[role], password: passwordOf(role) });
  };
  const fixture = (role: Role): Fixture => ({
    t,
    dialect,
    role,
    recoveryKey,
    familyId,
    async asCoordinator(work) {
      await loginAs(C);
      try {
        return await work();
      } finally {
        await loginAs(role);
      }
    },
  });

  it('has a right for every method of the contract and none for methods it lacks', () => {
    expect(Object.keys(RIGHTS).sort()).toEqual([...methods].sort());
    expect(Object.keys(CALLS).sort()).toEqual([...methods].sort());
  });

  it.each(methods)('%s while locked', async (method) => {
    await t.ok('session.lock');
    const call = await CALLS[method](fixture(C));
    await t.ok('session.lock');
    const result = await t.call(method, call.input);
    if (contract[method].whenLocked) {
      expect(outcome(result)).not.toBe('LOCKED');
      if (result.ok) await call.after?.(result.data);
    } else expect(result).toEqual({ ok: false, error: { code: 'LOCKED', message: 'errors:LOCKED' } });
  });

  for (const role of ROLES) {
    it.each(methods)(`%s as ${role}`, async (method) => {
      await loginAs(role);
      const call = await CALLS[method](fixture(role));
      const result = await t.call(method, call.input);
      if (RIGHTS[method].includes(role)) {
        // Allowed: the call reaches its handler and gets the handler's answer.
        expect({ method, role, outcome: outcome(result), error: result.ok ? undefined : result.error }).toMatchObject({ method, role, outcome: call.expect });
        await call.after?.(result.ok ? result.data : undefined);
      } else {
        expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'errors:FORBIDDEN' } });
      }
    });
  }

  it('shows a host of a family only what check-in needs', async () => {
    await loginAs(H);
    const seen = await t.ok<Record<string, unknown>>('families.get', { id: familyId });
    expect(seen).toMatchObject({ view: 'checkin', id: familyId, displayName: 'Yılmaz' });
    expect(Object.keys(seen).sort()).toEqual(['code', 'displayName', 'id', 'members', 'photoConsent', 'status', 'view']);
    const text = JSON.stringify(seen);
    for (const secret of ['Kaiser-Max', '2345678', 'data_storage', 'walk_in', 'kindergarten', 'Grundschule']) expect(text).not.toContain(secret);
    await loginAs(R);
    expect(await t.ok('families.get', { id: familyId })).toMatchObject({ view: 'full', street: 'Kaiser-Max-Straße 12', consents: expect.any(Array), contacts: expect.any(Array) });
  });

  it('leaves a trace in the audit log when a family page is read or a search is made, never what was typed', async () => {
    await loginAs(R);
    await t.ok('families.get', { id: familyId });
    await t.ok('families.search', { query: 'Yılmaz' });
    await loginAs(C);
    type Entries = { items: { method: string; entityId: string | null; userName: string }[] };
    const read = await t.ok<Entries>('audit.list', { method: 'families.get', limit: 5 });
    expect(read.items[0]).toMatchObject({ method: 'families.get', entityId: familyId, userName: 'Test empfang' });
    const searched = await t.ok<Entries>('audit.list', { method: 'families.search', limit: 5 });
    expect(searched.items[0]).toMatchObject({ method: 'families.search', userName: 'Test empfang' });
    expect(JSON.stringify(searched.items)).not.toMatch(/Yılmaz|Yilmaz/i);
  });
});
