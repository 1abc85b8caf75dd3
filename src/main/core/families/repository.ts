import type { Family, FamilyCheckin, FamilyHit } from '../../../shared/rpc/areas/families';
import { DomainError } from '../../../shared/errors';
import { toContact } from '../contacts/rows';
import { toConsent } from '../consents/rows';
import { hasConsent } from '../consents/rules';
import type { Tx } from '../db/schema';
import { toMember } from '../members/rows';

type Role = FamilyHit['members'][number]['role'];

/** What every view of a member shows: name, birth year, role in the household. */
function memberBasics(m: { first_name: string; last_name: string; birth_year: number; role: string }): FamilyHit['members'][number] {
  return { firstName: m.first_name, lastName: m.last_name, birthYear: m.birth_year, role: m.role as Role };
}

/** What a search hit shows of a family, and its name for ranking by spelling. */
interface HitFamily {
  id: string;
  code: string;
  display_name: string;
  district_name: string | null;
  phone: string | null;
  status: string;
  name_fold: string;
}
interface HitMember {
  family_id: string;
  first_name: string;
  last_name: string;
  birth_year: number;
  role: string;
  moved_out_at: string | null;
}

/**
 * The rows behind search hits, read once per call: ranking by spelling and
 * the hits themselves use the same rows (on the office hub every read is a
 * round trip over the network).
 */
export class HitRows {
  private readonly families = new Map<string, HitFamily>();
  private readonly members = new Map<string, HitMember[]>();

  /** Reads the families not read yet and their members (two statements, or none). */
  async load(db: Tx, ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.members.has(id));
    if (missing.length === 0) return;
    const [families, members] = await Promise.all([
      db
        .selectFrom('families as f')
        .leftJoin('districts as d', 'd.id', 'f.district_id')
        .select(['f.id', 'f.code', 'f.display_name', 'd.name as district_name', 'f.phone', 'f.status', 'f.name_fold'])
        .where('f.id', 'in', missing)
        .execute(),
      db
        .selectFrom('members')
        .select(['family_id', 'first_name', 'last_name', 'birth_year', 'role', 'moved_out_at'])
        .where('family_id', 'in', missing)
        .orderBy('family_id')
        .orderBy('sort')
        .execute(),
    ]);
    for (const id of missing) this.members.set(id, []);
    for (const f of families) this.families.set(f.id, { ...f, district_name: f.district_name ?? null });
    for (const m of members) this.members.get(m.family_id)!.push(m);
  }

  /** The family's folded name and every member's names, moved-out members included (they still find it). */
  names(id: string): { family: string; members: { first_name: string; last_name: string }[] } | undefined {
    const f = this.families.get(id);
    return f && { family: f.name_fold, members: this.members.get(id) ?? [] };
  }

  /** Search hits in the given order, with the household as it is today (parents first, then children by age). */
  hits(ids: readonly string[]): FamilyHit[] {
    return ids
      .map((id) => this.families.get(id))
      .filter((f): f is HitFamily => f !== undefined)
      .map((f) => ({
        id: f.id,
        code: f.code,
        displayName: f.display_name,
        districtName: f.district_name,
        phone: f.phone,
        status: f.status as FamilyHit['status'],
        members: (this.members.get(f.id) ?? []).filter((m) => m.moved_out_at === null).map(memberBasics),
      }));
  }
}

/** Search hits in the given order (`rows`: what this call read already). */
export async function loadHits(db: Tx, ids: string[], rows = new HitRows()): Promise<FamilyHit[]> {
  if (ids.length === 0) return [];
  await rows.load(db, ids);
  return rows.hits(ids);
}

/** One family with everything its page shows. */
export async function loadFamily(db: Tx, id: string): Promise<Family> {
  const f = await db
    .selectFrom('families as f')
    .leftJoin('districts as d', 'd.id', 'f.district_id')
    .selectAll('f')
    .select('d.name as district_name')
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!f) throw new DomainError('NOT_FOUND');
  const [members, consents, contacts, caseworkers] = await Promise.all([
    db.selectFrom('members').selectAll().where('family_id', '=', id).orderBy('sort').execute(),
    db
      .selectFrom('consents as c')
      .leftJoin('users as u', 'u.id', 'c.recorded_by')
      .selectAll('c')
      .select('u.display_name as recorder')
      .where('c.family_id', '=', id)
      // Newest recorded first, the same order hasConsent decides by.
      .orderBy('c.recorded_at', 'desc')
      .orderBy('c.id', 'desc')
      .execute(),
    db
      .selectFrom('contacts as c')
      .leftJoin('users as u', 'u.id', 'c.staff_id')
      .selectAll('c')
      .select('u.display_name as staff_name')
      .where('c.family_id', '=', id)
      .orderBy('c.occurred_at', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('case_assignments as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.user_id', 'a.lead', 'u.display_name'])
      .where('a.family_id', '=', id)
      .orderBy('a.lead', 'desc')
      .orderBy('u.display_name')
      .execute(),
  ]);
  return {
    view: 'full',
    id: f.id,
    code: f.code,
    displayName: f.display_name,
    street: f.street,
    postalCode: f.postal_code,
    city: f.city,
    districtId: f.district_id,
    districtName: f.district_name ?? null,
    phone: f.phone,
    email: f.email,
    languages: JSON.parse(f.languages) as string[],
    preferredLanguage: f.preferred_language,
    interpreterNeeded: f.interpreter_needed === 1,
    interpreterLanguage: f.interpreter_language,
    accessRoute: f.access_route,
    migrationBackground: f.migration_background as Family['migrationBackground'],
    immigrationHistory: f.immigration_history as Family['immigrationHistory'],
    status: f.status as Family['status'],
    statusReason: f.status_reason,
    notes: f.notes,
    createdAt: f.created_at,
    lastContactAt: f.last_contact_at,
    version: f.version,
    members: members.map(toMember),
    consents: consents.map((c) => toConsent(c, c.recorder ?? null)),
    contacts: contacts.map(({ staff_name, ...c }) => toContact(c, staff_name ?? null)),
    caseworkers: caseworkers.map((c) => ({ userId: c.user_id, displayName: c.display_name, lead: c.lead === 1 })),
  };
}

/** What check-in needs of a family and nothing more: names, members, the family code. */
export async function loadCheckinView(db: Tx, id: string): Promise<FamilyCheckin> {
  const f = await db.selectFrom('families').select(['id', 'code', 'display_name', 'status']).where('id', '=', id).executeTakeFirst();
  if (!f) throw new DomainError('NOT_FOUND');
  const members = await db
    .selectFrom('members')
    .select(['id', 'first_name', 'last_name', 'birth_year', 'role'])
    .where('family_id', '=', id)
    // A host checks in who lives in the household now; who moved out is not theirs to see.
    .where('moved_out_at', 'is', null)
    .orderBy('sort')
    .execute();
  return {
    view: 'checkin',
    id: f.id,
    code: f.code,
    displayName: f.display_name,
    status: f.status as FamilyCheckin['status'],
    members: members.map((m) => ({ id: m.id, ...memberBasics(m) })),
    photoConsent: await hasConsent(db, id, 'photos'),
  };
}
