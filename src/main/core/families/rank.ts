import type { Tx } from '../db/schema';
import type { HitRows } from './repository';
import { editDistance, nameWords } from './normalize';
import type { SearchTerm } from './search-index';

/** Candidates the index hands over for re-ranking: enough to hold the close spellings among sound-alikes. */
export const RERANK_POOL = 60;

/** Farther than this, a spelling counts as "only sounds alike". */
const MAX_EDITS = 4;

/** How close one typed word is to a family's name words: 0 for an exact or prefix match, else edits. */
function closeness(term: string, words: readonly string[]): { edits: number; shared: number } {
  let best = { edits: MAX_EDITS + 1, shared: 0 };
  for (const word of words) {
    if (word.startsWith(term)) return { edits: 0, shared: term.length };
    const edits = editDistance(term, word, MAX_EDITS);
    let shared = 0;
    while (shared < term.length && shared < word.length && term[shared] === word[shared]) shared += 1;
    if (edits < best.edits || (edits === best.edits && shared > best.shared)) best = { edits, shared };
  }
  return best;
}

/**
 * Every name word of each family: from the hits' rows where the caller keeps
 * them for its hits (the front desk), else only the names (the counter, whose
 * hosts see no more of a family than its names).
 */
async function nameWordsOf(db: Tx, ids: readonly string[], rows?: HitRows): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (rows) {
    await rows.load(db, ids);
    for (const id of ids) {
      const own = rows.names(id);
      if (own) names.set(id, [...nameWords(own.family), ...own.members.flatMap((m) => [...nameWords(m.first_name), ...nameWords(m.last_name)])]);
    }
    return names;
  }
  const [families, members] = await Promise.all([
    db.selectFrom('families').select(['id', 'name_fold']).where('id', 'in', [...ids]).execute(),
    db.selectFrom('members').select(['family_id', 'first_name', 'last_name']).where('family_id', 'in', [...ids]).execute(),
  ]);
  for (const f of families) names.set(f.id, nameWords(f.name_fold));
  for (const m of members) names.get(m.family_id)?.push(...nameWords(m.first_name), ...nameWords(m.last_name));
  return names;
}

/**
 * Orders the index's candidates by spelling: among names that sound alike,
 * the closest to what was typed comes first — an exact or prefix match before
 * a sound-alike, then fewer edits on the folded form, then a longer common
 * start; the index's own order breaks the remaining ties.
 */
export async function rankBySpelling(db: Tx, terms: readonly SearchTerm[], ids: readonly string[], rows?: HitRows): Promise<string[]> {
  const words = terms.map((t) => t.word).filter((w) => !/\d/.test(w));
  if (words.length === 0 || ids.length < 2) return [...ids];
  const names = await nameWordsOf(db, ids, rows);
  const score = new Map(
    ids.map((id, order) => {
      const own = names.get(id) ?? [];
      const parts = words.map((w) => closeness(w, own));
      return [id, { edits: parts.reduce((s, p) => s + p.edits, 0), shared: parts.reduce((s, p) => s + p.shared, 0), order }];
    }),
  );
  return [...ids].sort((a, b) => {
    const x = score.get(a)!;
    const y = score.get(b)!;
    return x.edits - y.edits || y.shared - x.shared || x.order - y.order;
  });
}
