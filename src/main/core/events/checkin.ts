import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import type { CoreEvents } from '../../../shared/rpc/events';
import { requireDb, requireSession } from '../db/require';
import type { Tx } from '../db/schema';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { countsOf, findEvent } from './rows';
import { counterSearch } from './counter-search';
import { RegisteredNames } from './registered-names';
import { stamp } from './stamp';
import { CONSENT_FORM_VERSION, type ConsentPurpose } from '../../../shared/domain/lists';
import { localDay } from '../../../shared/dates';
import { insertFamily } from '../families/intake';
import { consentHolds, consentsGiven } from '../consents/rules';
import type { FamilySearchIndex } from '../families/search-index';

interface Person {
  personId: string;
  firstName: string;
  lastName: string;
}

/** Who is checked in: one family's persons, and its registration for the event (if any). */
interface Who {
  familyId: string;
  familyName: string;
  persons: Person[];
  registration: { member_ids: string } | null;
  /** Someone chosen who left the household since the counter listed the family (a scan never brings them; offline they are not in the list). */
  movedOut?: boolean;
}

/** The family's registration for the event (not waiting, not cancelled), if any. */
function registrationOf(db: Tx, eventId: string, familyId: string) {
  return db
    .selectFrom('registrations')
    .select(['id', 'member_ids'])
    .where('event_id', '=', eventId)
    .where('family_id', '=', familyId)
    .where('status', '=', 'registered')
    .executeTakeFirst();
}

/**
 * A scanned code in one read — at every scan one round trip to the hub
 * instead of five: the event, the family the code names, its household, its
 * registration for the event (whose members come, else the household) and
 * its consents now.
 */
async function scan(db: Tx, eventId: string, code: string) {
  const rows = await db
    .selectFrom('events as e')
    .leftJoin('families as f', (j) => j.on('f.code', '=', code.trim().toUpperCase()))
    .leftJoin('members as m', (j) => j.onRef('m.family_id', '=', 'f.id').on('m.moved_out_at', 'is', null))
    .leftJoin('registrations as r', (j) => j.onRef('r.family_id', '=', 'f.id').onRef('r.event_id', '=', 'e.id').on('r.status', '=', 'registered'))
    .select(['e.id as eventId', 'e.status', 'e.capacity', 'f.id as familyId', 'f.display_name', 'm.id', 'm.first_name', 'm.last_name', 'r.id as registrationId', 'r.member_ids'])
    .select((eb) => [consentHolds(db, eb.ref('f.id'), 'data_storage').as('storing'), consentHolds(db, eb.ref('f.id'), 'photos').as('photos')])
    .where('e.id', '=', eventId)
    .orderBy('r.id')
    .orderBy('m.sort')
    .orderBy('m.id')
    .execute();
  const first = rows[0];
  if (!first) throw new DomainError('NOT_FOUND', 'errors:event_not_found');
  const event = { id: first.eventId, status: first.status, capacity: first.capacity };
  refuseCancelled(event);
  if (first.familyId === null || first.display_name === null) throw new DomainError('NOT_FOUND', 'errors:family_code_unknown');
  const registration = first.member_ids !== null ? { member_ids: first.member_ids } : null;
  const named = new Set(registration ? (JSON.parse(registration.member_ids) as string[]) : []);
  const persons: Person[] = [];
  for (const m of rows) {
    // The first registration's rows (should there be two); of them the named members, when any are named.
    if (m.id === null || m.registrationId !== first.registrationId || (named.size > 0 && !named.has(m.id))) continue;
    persons.push({ personId: m.id, firstName: m.first_name!, lastName: m.last_name! });
  }
  const consents = new Set<ConsentPurpose>();
  if (Number(first.storing) === 1) consents.add('data_storage');
  if (Number(first.photos) === 1) consents.add('photos');
  const who: Who = { familyId: first.familyId, familyName: first.display_name, persons, registration };
  return { event, who, consents };
}

/** Persons chosen at the counter (all of one family), with the event and the family's consents. */
async function chosen(db: Tx, eventId: string, personIds: string[]) {
  const event = await openEvent(db, eventId);
  const rows = await db
    .selectFrom('members as m')
    .innerJoin('families as f', 'f.id', 'm.family_id')
    .select(['m.id', 'm.first_name', 'm.last_name', 'm.family_id', 'm.moved_out_at', 'f.display_name'])
    .where('m.id', 'in', [...new Set(personIds)])
    .orderBy('m.sort')
    .execute();
  const families = new Set(rows.map((r) => r.family_id));
  if (rows.length !== new Set(personIds).size || families.size !== 1) {
    throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['personIds'], message: 'validation:persons_one_family' }] });
  }
  const familyId = rows[0]!.family_id;
  const registration = (await registrationOf(db, eventId, familyId)) ?? null;
  const persons = rows.map((r) => ({ personId: r.id, firstName: r.first_name, lastName: r.last_name }));
  const who: Who = { familyId, familyName: rows[0]!.display_name, persons, registration, movedOut: rows.some((r) => r.moved_out_at !== null) };
  return { event, who, consents: await consentsGiven(db, familyId, ['data_storage', 'photos']) };
}

/** Nobody checks in to a cancelled event. */
function refuseCancelled(event: { status: string }): void {
  if (event.status === 'cancelled') throw new DomainError('CONFLICT', 'errors:event_cancelled');
}

/** The event, refused when it was cancelled. */
async function openEvent(db: Tx, eventId: string) {
  const event = await findEvent(db, eventId);
  refuseCancelled(event);
  return event;
}

/**
 * Checks the persons in, each once: the unique key on event and person lets
 * a second scan (or a second counter) insert nothing, and says who was in.
 */
async function checkIn(db: Tx, eventId: string, who: Who, consents: ReadonlySet<ConsentPurpose>, userId: string, now: Date) {
  // Like everything about a family: only with its consent to storing its data.
  if (!consents.has('data_storage')) throw new DomainError('CONFLICT', 'errors:consent_missing', { purpose: 'data_storage' });
  // Everyone of the family moved out (or everyone its registration names): there is nobody to check in.
  if (who.persons.length === 0) throw new DomainError('CONFLICT', 'errors:checkin_nobody');
  if (who.movedOut) throw new DomainError('CONFLICT', 'errors:checkin_moved_out');
  const named = who.registration ? (JSON.parse(who.registration.member_ids) as string[]) : null;
  // Without a registration of their own (the family's names others, or none): a walk-in, person by person.
  const walkIn = (personId: string) => (named === null || (named.length > 0 && !named.includes(personId)) ? 1 : 0);
  const batch = randomUUID();
  const at = stamp(now);
  const inserted = await db
    .insertInto('checkins')
    .values(who.persons.map((p) => ({ id: randomUUID(), event_id: eventId, person_id: p.personId, family_id: who.familyId, batch, at, by_user: userId, walk_in: walkIn(p.personId), checked_out_at: null })))
    .onConflict((oc) => oc.columns(['event_id', 'person_id']).doNothing())
    .returning('person_id')
    .execute();
  const newly = new Set(inserted.map((r) => r.person_id));
  return { familyId: who.familyId, familyName: who.familyName, checkedIn: who.persons.filter((p) => newly.has(p.personId)), already: who.persons.filter((p) => !newly.has(p.personId)), photoConsent: consents.has('photos') };
}

/**
 * The `checkin.*` area: the counter. One check-in per person and event is the
 * database's unique key: a second scan, a second counter or a second PC adds
 * nobody twice and answers who was already there.
 */
export function registerCheckinApp(registry: Registry<Contract>, services: CoreServices, search: FamilySearchIndex): void {
  // A clock that never goes back (the PC's may be set back): a kept list is never older than a minute.
  const registeredNames = new RegisteredNames(() => performance.now());
  services.listen((event, payload) => {
    if (event === 'changed') registeredNames.forget((payload as CoreEvents['changed']).entities);
    if (event === 'locked') registeredNames.clear();
  });
  registry.register('checkin', {
    'checkin.checkIn': async ({ eventId, code, personIds }, ctx) => {
      const db = requireDb(ctx);
      const { event, who, consents } = code !== undefined ? await scan(db, eventId, code) : await chosen(db, eventId, personIds!);
      const result = await checkIn(db, event.id, who, consents, requireSession(ctx).userId, services.now());
      ctx.audit('event', eventId);
      ctx.changed('checkin');
      return { ...result, counts: await countsOf(db, event) };
    },

    'checkin.search': async ({ eventId, query, limit = 8 }, ctx) => {
      const db = requireDb(ctx);
      const session = requireSession(ctx);
      // A list kept for this session means the event was there a moment ago (a keystroke needs no second look).
      if (!registeredNames.has(session, eventId)) await findEvent(db, eventId);
      ctx.audit('event', eventId);
      const registered = await registeredNames.matching(db, session, eventId, query);
      return { items: await counterSearch(db, search, eventId, query, limit, registered) };
    },

    'checkin.walkIn': async ({ eventId, displayName, phone, members, migrationBackground, photoConsent, formLanguage }, ctx) => {
      const db = requireDb(ctx);
      const event = await openEvent(db, eventId);
      const now = services.now();
      const userId = requireSession(ctx).userId;
      const consent = (purpose: 'data_storage' | 'photos', given: boolean) => ({ purpose, given, date: localDay(now), formVersion: CONSENT_FORM_VERSION, formLanguage });
      const given = [consent('data_storage', true), consent('photos', photoConsent)];
      const family = await insertFamily(
        db,
        search,
        {
          displayName,
          phone,
          members,
          migrationBackground,
          // Not asked at the counter; the members answer as the family (null).
          immigrationHistory: 'not_stated',
          languages: [],
          interpreterNeeded: false,
          accessRoute: 'event',
          consents: given,
        },
        userId,
        now,
      );
      ctx.audit('family', family.id);
      const persons = await db.selectFrom('members').select(['id as personId', 'first_name as firstName', 'last_name as lastName']).where('family_id', '=', family.id).orderBy('sort').execute();
      // The consents just recorded are the family's consents now.
      const consents = new Set(given.filter((c) => c.given).map((c) => c.purpose));
      const result = await checkIn(db, event.id, { familyId: family.id, familyName: displayName, persons, registration: null }, consents, userId, now);
      ctx.changed('member', 'consent', 'checkin');
      return { ...result, code: family.code, counts: await countsOf(db, event) };
    },

    'checkin.checkOut': async ({ eventId, personIds }, ctx) => {
      const db = requireDb(ctx);
      const event = await findEvent(db, eventId);
      const result = await db
        .updateTable('checkins')
        .set({ checked_out_at: services.now().toISOString() })
        .where('event_id', '=', eventId)
        .where('person_id', 'in', personIds)
        .where('checked_out_at', 'is', null)
        .executeTakeFirst();
      ctx.audit('event', eventId);
      ctx.changed('checkin');
      return { checkedOut: Number(result.numUpdatedRows), counts: await countsOf(db, event) };
    },

    'checkin.undo': async ({ eventId }, ctx) => {
      const db = requireDb(ctx);
      const event = await findEvent(db, eventId);
      // The caller's own newest entry: with two counters at one event, each takes back only its own.
      const userId = requireSession(ctx).userId;
      const person = await db.selectFrom('checkins').select(['batch', 'at']).where('event_id', '=', eventId).where('by_user', '=', userId).orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirst();
      const anonymous = await db.selectFrom('anonymous_attendance').select(['batch', 'at']).where('event_id', '=', eventId).where('by_user', '=', userId).orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirst();
      let undone = 0;
      if (person && (!anonymous || person.at > anonymous.at)) {
        undone = Number((await db.deleteFrom('checkins').where('event_id', '=', eventId).where('batch', '=', person.batch).executeTakeFirst()).numDeletedRows);
      } else if (anonymous) {
        const row = await db.selectFrom('anonymous_attendance').select(['adults', 'children']).where('batch', '=', anonymous.batch).executeTakeFirst();
        await db.deleteFrom('anonymous_attendance').where('event_id', '=', eventId).where('batch', '=', anonymous.batch).execute();
        undone = (row?.adults ?? 0) + (row?.children ?? 0);
      }
      ctx.audit('event', eventId);
      ctx.changed('checkin');
      return { undone, counts: await countsOf(db, event) };
    },

    'checkin.anonymous': async ({ eventId, adults, children, migrationBackground }, ctx) => {
      const db = requireDb(ctx);
      const event = await openEvent(db, eventId);
      await db
        .insertInto('anonymous_attendance')
        .values({
          id: randomUUID(),
          event_id: eventId,
          adults,
          children,
          migration_background: migrationBackground ?? 'not_stated',
          batch: randomUUID(),
          at: stamp(services.now()),
          by_user: requireSession(ctx).userId,
        })
        .execute();
      ctx.audit('event', eventId);
      ctx.changed('checkin');
      return countsOf(db, event);
    },

    'checkin.counts': async ({ eventId }, ctx) => {
      const db = requireDb(ctx);
      return countsOf(db, await findEvent(db, eventId));
    },
  });
}
