import type { FamilyListFilters, FamilyListSort, FamilyRow } from '../../../shared/rpc/areas/families';
import type { Tx } from '../db/schema';

/** The end of a yyyy-mm-dd day, for "up to and including" filters on ISO timestamps. */
const endOfDay = (date: string) => `${date}T23:59:59.999Z`;

function filtered(db: Tx, f: FamilyListFilters = {}) {
  let q = db.selectFrom('families as f');
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.districtId) q = q.where('f.district_id', '=', f.districtId);
  // Languages are stored as a JSON array of codes: a quoted code matches exactly one entry.
  if (f.language) q = q.where('f.languages', 'like', `%"${f.language}"%`);
  if (f.migrationBackground) q = q.where('f.migration_background', '=', f.migrationBackground);
  if (f.interpreterNeeded !== undefined) q = q.where('f.interpreter_needed', '=', f.interpreterNeeded ? 1 : 0);
  if (f.lastContactAfter) q = q.where('f.last_contact_at', '>=', f.lastContactAfter);
  if (f.lastContactBefore) q = q.where('f.last_contact_at', '<=', endOfDay(f.lastContactBefore));
  if (f.registeredFrom) q = q.where('f.created_at', '>=', f.registeredFrom);
  if (f.registeredTo) q = q.where('f.created_at', '<=', endOfDay(f.registeredTo));
  return q;
}

const SORT_COLUMN = { name: 'f.name_fold', lastContact: 'f.last_contact_at', registered: 'f.created_at' } as const;

/**
 * One page of the family list (or all of it, for an export), filtered and
 * sorted; families without any contact come last when sorting by it.
 */
export async function listFamilies(
  db: Tx,
  options: { filters?: FamilyListFilters; sort?: FamilyListSort; offset?: number; limit?: number },
): Promise<{ items: FamilyRow[]; total: number }> {
  const sort = options.sort ?? { by: 'name', dir: 'asc' };
  const column = SORT_COLUMN[sort.by];
  let page = filtered(db, options.filters)
    .leftJoin('districts as d', 'd.id', 'f.district_id')
    .select([
      'f.id',
      'f.code',
      'f.display_name',
      'd.name as district_name',
      'f.status',
      'f.languages',
      'f.interpreter_needed',
      'f.migration_background',
      'f.created_at',
      'f.last_contact_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('members as m')
        .select((m) => m.fn.countAll<number>().as('n'))
        .whereRef('m.family_id', '=', 'f.id')
        .where('m.moved_out_at', 'is', null)
        .as('members'),
    );
  if (sort.by === 'lastContact') page = page.orderBy((eb) => eb.case().when('f.last_contact_at', 'is', null).then(1).else(0).end());
  page = page.orderBy(column, sort.dir).orderBy('f.id');
  if (options.limit !== undefined) page = page.limit(options.limit).offset(options.offset ?? 0);
  const [rows, count] = await Promise.all([
    page.execute(),
    options.limit === undefined
      ? Promise.resolve(null)
      : filtered(db, options.filters)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({
    id: r.id,
    code: r.code,
    displayName: r.display_name,
    districtName: r.district_name ?? null,
    status: r.status as FamilyRow['status'],
    languages: JSON.parse(r.languages) as string[],
    interpreterNeeded: r.interpreter_needed === 1,
    migrationBackground: r.migration_background as FamilyRow['migrationBackground'],
    members: Number(r.members ?? 0),
    createdAt: r.created_at,
    lastContactAt: r.last_contact_at,
  }));
  return { items, total: count ? Number(count.n) : items.length };
}
