import type { CounterHit } from '../../../shared/rpc/areas/events';
import { familiesWithConsent } from '../consents/rules';
import type { Tx } from '../db/schema';
import { findFamilyIds } from '../families/find';
import { nameWords } from '../families/normalize';
import type { FamilySearchIndex } from '../families/search-index';

type Role = CounterHit['members'][number]['role'];

/** A family code as printed on the card (Crockford base32, six characters). */
const FAMILY_CODE = /^[0-9A-HJKMNP-TV-Z]{6}$/i;

/** Folded name words, kept for the names seen lately: the same registered names are matched at every keystroke. */
const folded = new Map<string, string[]>();
function wordsOf(name: string): string[] {
  let words = folded.get(name);
  if (!words) {
    if (folded.size > 5000) folded.clear();
    words = nameWords(name);
    folded.set(name, words);
  }
  return words;
}

/**
 * The event's registered families whose names start with every word typed
 * (or whose code it is): a course of a few hundred is matched in memory, so
 * the people expected today come first at the counter.
 */
async function registeredMatches(db: Tx, eventId: string, query: string): Promise<string[]> {
  const typed = nameWords(query);
  const code = query.trim().toUpperCase();
  if (typed.length === 0) return [];
  const rows = await db
    .selectFrom('registrations as r')
    .innerJoin('families as f', 'f.id', 'r.family_id')
    .innerJoin('members as m', 'm.family_id', 'r.family_id')
    .select(['r.family_id', 'r.created_at', 'f.display_name', 'f.code', 'm.first_name', 'm.last_name'])
    .where('r.event_id', '=', eventId)
    .where('r.status', '=', 'registered')
    .where('m.moved_out_at', 'is', null)
    .orderBy('r.created_at')
    .execute();
  const words = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = words.get(row.family_id) ?? new Set(row.code === code ? [''] : wordsOf(row.display_name));
    for (const w of wordsOf(row.first_name)) set.add(w);
    for (const w of wordsOf(row.last_name)) set.add(w);
    words.set(row.family_id, set);
  }
  return [...words].filter(([, set]) => set.has('') || typed.every((t) => [...set].some((w) => w.startsWith(t)))).map(([id]) => id);
}

/** Families as the counter shows them, in the given order: members, who is registered and who is already in. */
export async function counterHits(db: Tx, eventId: string, ids: string[]): Promise<CounterHit[]> {
  if (ids.length === 0) return [];
  const families = await db.selectFrom('families').select(['id', 'code', 'display_name']).where('id', 'in', ids).execute();
  const members = await db
    .selectFrom('members')
    .select(['id', 'family_id', 'first_name', 'last_name', 'birth_year', 'role'])
    .where('family_id', 'in', ids)
    .where('moved_out_at', 'is', null)
    .orderBy('family_id')
    .orderBy('sort')
    .execute();
  const registrations = await db.selectFrom('registrations').select(['family_id', 'member_ids']).where('event_id', '=', eventId).where('family_id', 'in', ids).where('status', '=', 'registered').execute();
  const named = new Map(registrations.map((r) => [r.family_id, JSON.parse(r.member_ids) as string[]]));
  const present = new Set(
    (await db.selectFrom('checkins').select('person_id').where('event_id', '=', eventId).where('family_id', 'in', ids).execute()).map((c) => c.person_id),
  );
  const photos = await familiesWithConsent(db, ids, 'photos');
  const byId = new Map(families.map((f) => [f.id, f]));
  return ids.flatMap((id) => {
    const f = byId.get(id);
    if (!f) return [];
    const names = named.get(id);
    return [
      {
        familyId: id,
        familyName: f.display_name,
        code: f.code,
        registered: names !== undefined,
        photoConsent: photos.has(id),
        members: members
          .filter((m) => m.family_id === id)
          .map((m) => ({
            personId: m.id,
            firstName: m.first_name,
            lastName: m.last_name,
            birthYear: m.birth_year,
            role: m.role as Role,
            registered: names !== undefined && (names.length === 0 || names.includes(m.id)),
            checkedIn: present.has(m.id),
          })),
      },
    ];
  });
}

/** What the counter lists as one types: the event's registered families first, then the front desk's search. */
export async function counterSearch(db: Tx, search: FamilySearchIndex, eventId: string, query: string, limit: number): Promise<CounterHit[]> {
  const registered = (await registeredMatches(db, eventId, query)).slice(0, limit);
  const ids = [...registered];
  // Names and family codes only: the front desk's search also finds phone numbers,
  // and a host must not learn whose number it is (nor list families by a prefix).
  const namesOrCode = !/\d/.test(query) || FAMILY_CODE.test(query.trim());
  if (namesOrCode && ids.length < limit) {
    for (const id of await findFamilyIds(db, search, query, limit)) {
      if (ids.length >= limit) break;
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return counterHits(db, eventId, ids);
}
