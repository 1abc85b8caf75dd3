import type { Selectable } from 'kysely';
import type { Member } from '../../../shared/rpc/areas/families';
import type { MembersTable, Tx } from '../db/schema';
import { sortMembers } from '../families/intake';

/** A stored member as the contract shows it. */
export function toMember(m: Selectable<MembersTable>): Member {
  return {
    id: m.id,
    firstName: m.first_name,
    lastName: m.last_name,
    birthYear: m.birth_year,
    birthDate: m.birth_date,
    role: m.role as Member['role'],
    gender: m.gender as Member['gender'],
    school: m.school,
    movedOutAt: m.moved_out_at,
    migrationBackground: m.migration_background as Member['migrationBackground'],
    immigrationHistory: m.immigration_history as Member['immigrationHistory'],
    version: m.version,
  };
}

/** Puts a family's members back in their order (parents, other adults, children from the oldest). */
export async function resortMembers(db: Tx, familyId: string): Promise<void> {
  const members = await db.selectFrom('members').select(['id', 'role', 'birth_year', 'sort']).where('family_id', '=', familyId).execute();
  const sorted = sortMembers(members.map((m) => ({ ...m, birthYear: m.birth_year })));
  for (const [i, m] of sorted.entries()) {
    if (m.sort !== i) await db.updateTable('members').set({ sort: i }).where('id', '=', m.id).execute();
  }
}
