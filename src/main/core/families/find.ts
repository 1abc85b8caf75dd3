import type { Tx } from '../db/schema';
import { foldName } from './normalize';
import { rankBySpelling, RERANK_POOL } from './rank';
import type { HitRows } from './repository';
import { searchTerms, withTypoAlternatives } from './search';
import type { FamilySearchIndex, SearchScope } from './search-index';

/**
 * The front desk's search: the ids of the families best matching what was
 * typed, best first. Used by the front desk and by the counter at events
 * (scope `names`: names, sound-alikes and a whole family code, no phone digits).
 */
export async function findFamilyIds(
  db: Tx,
  search: FamilySearchIndex,
  query: string,
  limit: number,
  { rows, scope = 'all' }: { rows?: HitRows; scope?: SearchScope } = {},
): Promise<string[]> {
  const folded = foldName(query);
  if (folded.length === 0) return [];
  // One to three letters match a large share of all names: list household
  // names with that start (cheap via the name index), and from two letters on
  // fill up with anyone whose name starts so — unranked, because ranking
  // thousands of hits of a short prefix costs more than it tells.
  if (folded.length === 1 || (folded.length <= 3 && !folded.includes(' ') && !/\d/.test(folded))) {
    const byName = await db
      .selectFrom('families')
      .select('id')
      .where('name_fold', '>=', folded)
      .where('name_fold', '<', `${folded}\uffff`)
      .orderBy('name_fold')
      .limit(limit)
      .execute();
    const ids = byName.map((r) => r.id);
    if (folded.length > 1 && ids.length < limit) {
      for (const id of await search.prefix(db, folded, limit * 2)) {
        if (!ids.includes(id)) ids.push(id);
        if (ids.length >= limit) break;
      }
    }
    return ids;
  }
  const exact = /^[0-9a-z]{6}$/i.test(query.trim())
    ? await db.selectFrom('families').select('id').where('code', '=', query.trim().toUpperCase()).executeTakeFirst()
    : undefined;
  const terms = searchTerms(query);
  const pool = Math.max(limit, RERANK_POOL);
  let ids = await search.search(db, terms, pool, scope);
  if (ids.length === 0) {
    const tolerant = await withTypoAlternatives(db, search, terms);
    if (tolerant) ids = await search.search(db, tolerant, pool, scope);
  }
  ids = (await rankBySpelling(db, terms, ids, rows)).slice(0, limit);
  return exact ? [exact.id, ...ids.filter((id) => id !== exact.id)].slice(0, limit) : ids;
}
