import type { z } from 'zod';
import type { duplicateQuerySchema, FamilyHit } from '../../../shared/rpc/areas/families';
import type { Tx } from '../db/schema';
import { lastNameKeys } from './intake';
import { foldName, nameWords, phoneKey, skeletonKey } from './normalize';
import { loadHits } from './repository';

type Query = z.output<typeof duplicateQuerySchema>;
export type DuplicateReason = 'name' | 'first_name' | 'phone' | 'birth_year' | 'address';

/**
 * Families that resemble the one being registered: a last name that sounds
 * the same, plus at least one more sign — a first name that sounds the same,
 * the phone number, a birth year, or the street.
 */
export async function findDuplicates(db: Tx, query: Query, limit = 5): Promise<(FamilyHit & { reasons: DuplicateReason[] })[]> {
  const lastNames = new Set<string>();
  for (const m of query.members) if (m.lastName.trim()) lastNames.add(m.lastName);
  for (const word of nameWords(query.displayName)) if (word.length >= 3) lastNames.add(word);
  const koeln = new Set<string>();
  const skeleton = new Set<string>();
  for (const name of lastNames) {
    const keys = lastNameKeys(name);
    if (keys.koeln.length >= 2) koeln.add(keys.koeln);
    if (keys.skeleton.length >= 2) skeleton.add(keys.skeleton);
  }
  if (koeln.size === 0 && skeleton.size === 0) return [];

  const rows = await db
    .selectFrom('members')
    .select(['family_id', 'first_name', 'birth_year'])
    .where((eb) =>
      eb.or([
        ...(koeln.size ? [eb('last_koeln', 'in', [...koeln])] : []),
        ...(skeleton.size ? [eb('last_skeleton', 'in', [...skeleton])] : []),
      ]),
    )
    .limit(2000)
    .execute();
  if (rows.length === 0) return [];

  const firstKeys = new Set(query.members.filter((m) => m.firstName.trim().length >= 2).map((m) => skeletonKey(m.firstName)));
  const years = new Set(query.members.map((m) => m.birthYear).filter((y): y is number => typeof y === 'number'));
  const reasons = new Map<string, Set<DuplicateReason>>();
  for (const row of rows) {
    const set = reasons.get(row.family_id) ?? new Set<DuplicateReason>(['name']);
    if (firstKeys.has(skeletonKey(row.first_name))) set.add('first_name');
    if (years.has(row.birth_year)) set.add('birth_year');
    reasons.set(row.family_id, set);
  }
  const ids = [...reasons.keys()];
  const phone = query.phone ? phoneKey(query.phone) : '';
  const street = query.street ? foldName(query.street) : '';
  if (phone.length >= 6 || street) {
    for (let i = 0; i < ids.length; i += 500) {
      const families = await db.selectFrom('families').select(['id', 'phone_key', 'street']).where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const f of families) {
        if (phone.length >= 6 && f.phone_key === phone) reasons.get(f.id)!.add('phone');
        if (street && f.street && foldName(f.street) === street) reasons.get(f.id)!.add('address');
      }
    }
  }
  const ranked = ids
    .map((id) => ({ id, reasons: [...reasons.get(id)!] }))
    .filter((c) => c.reasons.length >= 2)
    .sort((a, b) => b.reasons.length - a.reasons.length)
    .slice(0, limit);
  const hits = await loadHits(db, ranked.map((c) => c.id));
  return hits.map((hit, i) => ({ ...hit, reasons: ranked[i]!.reasons }));
}
