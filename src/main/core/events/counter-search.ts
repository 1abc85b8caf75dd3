import type { CounterHit } from '../../../shared/rpc/areas/events';
import { consentHolds } from '../consents/rules';
import type { Tx } from '../db/schema';
import { findFamilyIds } from '../families/find';
import type { FamilySearchIndex } from '../families/search-index';

type Role = CounterHit['members'][number]['role'];

/** A family code as printed on the card (Crockford base32, six characters). */
const FAMILY_CODE = /^[0-9A-HJKMNP-TV-Z]{6}$/i;

/**
 * Families as the counter shows them, in the given order: members, who is
 * registered and who is already in — in one read (on the hub one round trip
 * at every keystroke instead of five).
 */
async function counterHits(db: Tx, eventId: string, ids: string[]): Promise<CounterHit[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('families as f')
    .leftJoin('members as m', (j) => j.onRef('m.family_id', '=', 'f.id').on('m.moved_out_at', 'is', null))
    .leftJoin('registrations as r', (j) => j.onRef('r.family_id', '=', 'f.id').on('r.event_id', '=', eventId).on('r.status', '=', 'registered'))
    .select(['f.id as familyId', 'f.code', 'f.display_name', 'm.id', 'm.first_name', 'm.last_name', 'm.birth_year', 'm.role', 'r.id as registrationId', 'r.member_ids'])
    .select((eb) => [
      consentHolds(db, eb.ref('f.id'), 'photos').as('photos'),
      eb.exists(eb.selectFrom('checkins as c').select('c.id').where('c.event_id', '=', eventId).whereRef('c.person_id', '=', 'm.id')).as('checked_in'),
    ])
    .where('f.id', 'in', ids)
    .orderBy('f.id')
    .orderBy('r.id')
    .orderBy('m.sort')
    .orderBy('m.id')
    .execute();
  const byFamily = new Map<string, typeof rows>();
  for (const row of rows) {
    const family = byFamily.get(row.familyId) ?? [];
    // One registration's rows (the first by id, should there be two).
    if (family.length === 0 || row.registrationId === family[0]!.registrationId) family.push(row);
    byFamily.set(row.familyId, family);
  }
  return ids.flatMap((id) => {
    const family = byFamily.get(id);
    if (!family) return [];
    const f = family[0]!;
    const names = f.member_ids !== null ? (JSON.parse(f.member_ids) as string[]) : undefined;
    return [
      {
        familyId: id,
        familyName: f.display_name,
        code: f.code,
        registered: names !== undefined,
        photoConsent: Number(f.photos) === 1,
        members: family
          .filter((m) => m.id !== null)
          .map((m) => ({
            personId: m.id!,
            firstName: m.first_name!,
            lastName: m.last_name!,
            birthYear: m.birth_year!,
            role: m.role as Role,
            registered: names !== undefined && (names.length === 0 || names.includes(m.id!)),
            checkedIn: Boolean(Number(m.checked_in)),
          })),
      },
    ];
  });
}

/**
 * What the counter lists as one types: the event's registered families first
 * (`registered`: their ids matching the text), then the front desk's search.
 */
export async function counterSearch(db: Tx, search: FamilySearchIndex, eventId: string, query: string, limit: number, registered: string[]): Promise<CounterHit[]> {
  registered = registered.slice(0, limit);
  const ids = [...registered];
  // Names and whole family codes only: the front desk's search also finds phone numbers,
  // and a host must not learn whose number it is (nor list families by a prefix);
  // on the hub the host's login cannot read the phone digits of the index at all.
  const namesOrCode = !/\d/.test(query) || FAMILY_CODE.test(query.trim());
  if (namesOrCode && ids.length < limit) {
    for (const id of await findFamilyIds(db, search, query, limit, { scope: 'names' })) {
      if (ids.length >= limit) break;
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return counterHits(db, eventId, ids);
}
