import type { FamilyListFilters, FamilyListSort, FamilyRow } from '../../../shared/rpc/areas/families';
import type { Tx } from '../db/schema';

/**
 * A yyyy-mm-dd day of this PC's calendar as the UTC bounds of its timestamps
 * (stored as ISO strings in UTC): "from 3 March" includes a contact at 00:30
 * German time, which is still 2 March in UTC.
 */
const startOfDay = (date: string) => new Date(`${date}T00:00:00`).toISOString();
const endOfDay = (date: string) => new Date(`${date}T23:59:59.999`).toISOString();

function filtered(db: Tx, f: FamilyListFilters = {}) {
  let q = db.selectFrom('families as f');
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.districtId) q = q.where('f.district_id', '=', f.districtId);
  // Languages are stored as a JSON array of codes: a quoted code matches exactly one entry.
  if (f.language) q = q.where('f.languages', 'like', `%"${f.language}"%`);
  if (f.migrationBackground) q = q.where('f.migration_background', '=', f.migrationBackground);
  if (f.interpreterNeeded !== undefined) q = q.where('f.interpreter_needed', '=', f.interpreterNeeded ? 1 : 0);
  if (f.lastContactAfter) q = q.where('f.last_contact_at', '>=', startOfDay(f.lastContactAfter));
  if (f.lastContactBefore) q = q.where('f.last_contact_at', '<=', endOfDay(f.lastContactBefore));
  if (f.registeredFrom) q = q.where('f.created_at', '>=', startOfDay(f.registeredFrom));
  if (f.registeredTo) q = q.where('f.created_at', '<=', endOfDay(f.registeredTo));
  return q;
}

const SORT_COLUMN = { name: 'f.name_fold', lastContact: 'f.last_contact_at', registered: 'f.created_at' } as const;

/**
 * The list's order: by the sort key, families without any contact last in
 * either direction (NULLS LAST: SQLite and PostgreSQL would otherwise put
 * them at opposite ends; unlike a CASE on the column it leaves the key's
 * index usable), then by id.
 */
function ordered(db: Tx, filters: FamilyListFilters | undefined, sort: FamilyListSort) {
  return filtered(db, filters)
    .orderBy(SORT_COLUMN[sort.by], (ob) => (sort.dir === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('f.id');
}

/** What a row of the list shows, with the household's size. */
function withColumns(q: ReturnType<typeof filtered>) {
  return q
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
      'f.immigration_history',
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
}

/**
 * One page of the family list (or all of it, for an export), filtered and
 * sorted; families without any contact come last when sorting by it. A page
 * is found by its ids first — filters and sort key only, so the rows before
 * the offset and the sort cost index entries, not a joined row with its
 * member count each (at 50,000 families that was up to 100 ms a page) — and
 * only its rows are then read in full.
 */
export async function listFamilies(
  db: Tx,
  options: { filters?: FamilyListFilters; sort?: FamilyListSort; offset?: number; limit?: number },
): Promise<{ items: FamilyRow[]; total: number }> {
  const sort = options.sort ?? { by: 'name', dir: 'asc' };
  let rows;
  let total: number | null = null;
  if (options.limit === undefined) {
    rows = await withColumns(ordered(db, options.filters, sort)).execute();
  } else {
    const [page, count] = await Promise.all([
      ordered(db, options.filters, sort).select('f.id').limit(options.limit).offset(options.offset ?? 0).execute(),
      filtered(db, options.filters)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    total = Number(count.n);
    const ids = page.map((r) => r.id);
    const byId = new Map(
      ids.length === 0 ? [] : (await withColumns(db.selectFrom('families as f')).where('f.id', 'in', ids).execute()).map((r) => [r.id, r]),
    );
    rows = ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
  }
  const items = rows.map((r) => ({
    id: r.id,
    code: r.code,
    displayName: r.display_name,
    districtName: r.district_name ?? null,
    status: r.status as FamilyRow['status'],
    languages: JSON.parse(r.languages) as string[],
    interpreterNeeded: r.interpreter_needed === 1,
    migrationBackground: r.migration_background as FamilyRow['migrationBackground'],
    immigrationHistory: r.immigration_history as FamilyRow['immigrationHistory'],
    members: Number(r.members ?? 0),
    createdAt: r.created_at,
    lastContactAt: r.last_contact_at,
  }));
  return { items, total: total ?? items.length };
}
