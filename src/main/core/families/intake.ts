import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { createFamilyInputSchema, familyFieldsSchema, memberInputSchema } from '../../../shared/rpc/areas/families';
import { consentRow } from '../consents/rows';
import { insertContact } from '../contacts/rows';
import type { Tx } from '../db/schema';
import { newFamilyCode } from './code';
import { foldName, koelnerPhonetik, nameWords, phoneKey, skeletonKey } from './normalize';
import { searchDocument } from './search';
import type { FamilySearchIndex } from './search-index';

export type NewFamily = z.output<typeof createFamilyInputSchema>;
type FamilyFields = z.output<typeof familyFieldsSchema>;
type MemberFields = z.output<typeof memberInputSchema>;

/** Parents first, then other adults, then children from the oldest. */
export function sortMembers<M extends { role: string; birthYear: number }>(members: M[]): M[] {
  const rank = (m: M) => (m.role === 'parent' ? 0 : m.role === 'other_adult' ? 1 : 2);
  return [...members].sort((a, b) => rank(a) - rank(b) || a.birthYear - b.birthYear);
}

/** The last name's phonetic keys, stored per member for the duplicate check. */
export function lastNameKeys(lastName: string): { koeln: string; skeleton: string } {
  const last = nameWords(lastName).at(-1) ?? '';
  return { koeln: koelnerPhonetik(last), skeleton: skeletonKey(last) };
}

export function familyColumns(f: FamilyFields) {
  return {
    display_name: f.displayName,
    name_fold: foldName(f.displayName),
    street: f.street ?? null,
    postal_code: f.postalCode ?? null,
    city: f.city ?? null,
    district_id: f.districtId ?? null,
    phone: f.phone || null,
    phone_key: f.phone ? phoneKey(f.phone) || null : null,
    email: f.email ?? null,
    languages: JSON.stringify(f.languages),
    preferred_language: f.preferredLanguage ?? null,
    interpreter_needed: f.interpreterNeeded ? 1 : 0,
    interpreter_language: f.interpreterNeeded ? (f.interpreterLanguage ?? null) : null,
    access_route: f.accessRoute,
    migration_background: f.migrationBackground,
    // Absent (an update from an older form): the stored answer stays; a new family gets the column's default.
    ...(f.immigrationHistory !== undefined ? { immigration_history: f.immigrationHistory } : {}),
    notes: f.notes ?? null,
  };
}

export function memberRow(familyId: string, m: MemberFields, sort: number) {
  const keys = lastNameKeys(m.lastName);
  return {
    id: m.id ?? randomUUID(),
    family_id: familyId,
    first_name: m.firstName,
    last_name: m.lastName,
    birth_year: m.birthYear,
    birth_date: m.birthDate ?? null,
    role: m.role,
    gender: m.gender ?? null,
    school: m.school ?? null,
    // The person's own answers; null: the family's answer holds for them.
    migration_background: m.migrationBackground ?? null,
    immigration_history: m.immigrationHistory ?? null,
    sort,
    last_koeln: keys.koeln,
    last_skeleton: keys.skeleton,
  };
}

/** Rebuilds a family's search document from what is stored. */
export async function reindexFamily(db: Tx, index: FamilySearchIndex, familyId: string): Promise<void> {
  const f = await db.selectFrom('families').select(['display_name', 'code', 'phone']).where('id', '=', familyId).executeTakeFirstOrThrow();
  const members = await db.selectFrom('members').select(['first_name', 'last_name']).where('family_id', '=', familyId).execute();
  await index.upsert(
    db,
    familyId,
    searchDocument({ displayName: f.display_name, code: f.code, phone: f.phone, members: members.map((m) => ({ firstName: m.first_name, lastName: m.last_name })) }),
  );
}

/**
 * Writes a new family with members, consents and a first contact, and indexes
 * it for search. One function for intake and for the seed generator.
 */
export async function insertFamily(
  db: Tx,
  index: FamilySearchIndex,
  input: NewFamily,
  staffId: string | null,
  now: Date,
  /** Draws a family code (tests pass one that clashes). */
  drawCode: () => string = newFamilyCode,
): Promise<{ id: string; code: string }> {
  const id = randomUUID();
  const at = now.toISOString();
  const columns = familyColumns(input);
  // The code is unique in the database: a clash of two random codes (rare, and
  // possible between two PCs on one hub) inserts nothing, and we draw again.
  const insertWithCode = async (code: string) =>
    db
      .insertInto('families')
      .values({ id, code, ...columns, status: 'active', created_at: at, updated_at: at, created_by: staffId })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('id')
      .executeTakeFirst();
  let code = drawCode();
  while (!(await insertWithCode(code))) code = drawCode();
  const members = sortMembers(input.members);
  if (members.length > 0) await db.insertInto('members').values(members.map((m, i) => memberRow(id, m, i))).execute();
  if (input.consents.length > 0) await db.insertInto('consents').values(input.consents.map((c) => consentRow(id, c, staffId, at))).execute();
  if (input.contact) await insertContact(db, id, input.contact, staffId, now);
  await index.insert(db, id, searchDocument({ displayName: input.displayName, code, phone: input.phone, members }));
  return { id, code };
}
