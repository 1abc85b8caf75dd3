import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateCasework } from '../../src/main/core/db/migrate';
import { CASEWORK_MIGRATIONS } from '../../src/main/core/db/migrations/casework';
import type { Db } from '../../src/main/core/db/schema';
import { searchStatement } from '../../src/main/core/db/postgres/family-search';
import type { FamilySearchIndex, SearchDocument } from '../../src/main/core/families/search-index';
import { describeEachDialect } from '../support/dialects';
import { emptyStore, type TestStore } from '../support/stores';

/** A family row to hang a search document on (the index refers to families). */
async function family(db: Db, name: string, code?: string): Promise<string> {
  const id = randomUUID();
  const at = '2026-01-01T00:00:00.000Z';
  await db
    .insertInto('families')
    .values({ id, code: code ?? id.slice(0, 6).toUpperCase(), display_name: name, name_fold: name, access_route: 'walk_in', migration_background: 'not_stated', languages: '[]', status: 'active', interpreter_needed: 0, created_at: at, updated_at: at, created_by: null })
    .execute();
  return id;
}

/**
 * The search index of each database, fed the same documents and asked the
 * same terms, answers in the same order: names over phone/code over
 * sound-alike keys, typo candidates from the indexed name words.
 */
describeEachDialect('family search index', (dialect) => {
  let s: TestStore;
  let index: FamilySearchIndex;
  const ids: Record<string, string> = {};
  const doc = (names: string[], phonetic: string[], other: string[]): SearchDocument => ({ names, phonetic, other });

  beforeAll(async () => {
    s = await emptyStore(dialect, { migrated: true });
    index = s.dialect.familySearch;
    const db = s.store.db;
    const docs: Record<string, SearchDocument> = {
      byName: doc(['xqname', 'anna'], ['kabd'], ['zz0001']),
      byCode: doc(['berta'], ['kxyz'], ['xq1234']),
      bySound: doc(['carla'], ['kabc'], ['zz0002']),
      unrelated: doc(['dora'], ['kdor'], ['zz0003']),
      yilmaz: doc(['yilmaz', 'ayse'], ['k0586', 'syl'], ['zz0004']),
    };
    for (const [key, d] of Object.entries(docs)) {
      ids[key] = await family(db, key);
      await index.upsert(db, ids[key]!, d);
    }
  });
  afterAll(async () => s.dispose());

  it('ranks a name match over a phone or code match over a sound-alike', async () => {
    const found = await index.search(s.store.db, [{ word: 'xq', phonetic: ['kabc'] }], 10);
    expect(found).toEqual([ids.byName, ids.byCode, ids.bySound]);
  });

  it("with scope 'names' (the counter) finds by name and sound-alike, never by the phone digits or a code's start", async () => {
    expect(await index.search(s.store.db, [{ word: 'xq', phonetic: ['kabc'] }], 10, 'names')).toEqual([ids.byName, ids.bySound]);
    expect(await index.search(s.store.db, [{ word: 'zz000', phonetic: [] }], 10, 'names')).toEqual([]);
    expect(await index.search(s.store.db, [{ word: 'zz000', phonetic: [] }], 10)).toHaveLength(4);
  });

  it("a new family's first document is found like any other", async () => {
    const id = await family(s.store.db, 'neu');
    await index.insert(s.store.db, id, doc(['qwneu'], ['kqwn'], ['zz0009']));
    expect(await index.search(s.store.db, [{ word: 'qwne', phonetic: [] }], 10)).toEqual([id]);
    expect(await index.search(s.store.db, [{ word: 'zz0009', phonetic: [] }], 10)).toEqual([id]);
    expect(await index.nearWords(s.store.db, 'qwnei', 1)).toContain('qwneu');
  });

  it('needs every term to match', async () => {
    expect(await index.search(s.store.db, [{ word: 'xq', phonetic: [] }, { word: 'ann', phonetic: [] }], 10)).toEqual([ids.byName]);
    expect(await index.search(s.store.db, [{ word: 'xq', phonetic: [] }, { word: 'dora', phonetic: [] }], 10)).toEqual([]);
  });

  it('lists name prefixes and offers indexed words near a typo', async () => {
    expect(await index.prefix(s.store.db, 'yil', 10)).toEqual([ids.yilmaz]);
    const near = await index.nearWords(s.store.db, 'ymilaz', 2);
    expect(near).toContain('yilmaz');
    expect(near.every((w) => w.startsWith('y'))).toBe(true);
  });

  it('follows a changed and a removed document at once', async () => {
    await index.upsert(s.store.db, ids.unrelated!, doc(['dorothea'], [], ['zz0003']));
    expect(await index.search(s.store.db, [{ word: 'doroth', phonetic: [] }], 10)).toEqual([ids.unrelated]);
    expect(await index.nearWords(s.store.db, 'dorotea', 1)).toEqual(['dorothea']);
    // The old name is no one's any more: it is not offered either.
    expect(await index.nearWords(s.store.db, 'dorra', 3)).not.toContain('dora');
    await index.remove(s.store.db, ids.unrelated!);
    expect(await index.search(s.store.db, [{ word: 'doroth', phonetic: [] }], 10)).toEqual([]);
    expect(await index.nearWords(s.store.db, 'dorotea', 1)).toEqual([]);
  });

  it('a cleared index finds nothing, offers no words, and takes documents again', async () => {
    await index.clear(s.store.db);
    expect(await index.search(s.store.db, [{ word: 'xq', phonetic: [] }], 10)).toEqual([]);
    expect(await index.nearWords(s.store.db, 'ymilaz', 2)).toEqual([]);
    await index.upsert(s.store.db, ids.yilmaz!, doc(['yilmaz'], [], []));
    expect(await index.search(s.store.db, [{ word: 'yil', phonetic: [] }], 10)).toEqual([ids.yilmaz]);
  });
});

describe('[postgres only: the hub] family search keys', () => {
  it('finds sound-alike keys as whole words through their own index (0015), not through trigrams', async () => {
    const s = await emptyStore('postgres', { migrated: true });
    try {
      const db = s.store.db;
      const index = s.dialect.familySearch;
      const indexes = await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'family_search' ORDER BY indexname`.execute(db);
      expect(indexes.rows.map((r) => r.name)).toContain('family_search_phonetic_keys');
      expect(indexes.rows.map((r) => r.name)).not.toContain('family_search_phonetic_trgm');
      // 1,500 families with common keys, one with a rare key and one whose key only starts like it.
      const rare = await family(db, 'rare');
      await index.upsert(db, rare, { names: ['rarename'], phonetic: ['k12', 'sxrr'], other: [] });
      const silent = await family(db, 'silent');
      await index.upsert(db, silent, { names: ['silentname'], phonetic: [], other: [] });
      const longer = await family(db, 'longer');
      await index.upsert(db, longer, { names: ['other'], phonetic: ['k123'], other: [] });
      for (let i = 0; i < 1500; i += 1) {
        // Codes of their own: 1,500 taken from random ids would now and then draw the same one twice.
        const id = await family(db, `f${i}`, `F${String(i).padStart(5, '0')}`);
        await index.upsert(db, id, { names: [`name${i}`], phonetic: [`k${i % 7}00`, 'scommon'], other: [] });
      }
      await sql`ANALYZE family_search`.execute(db);
      // Whole keys: "k12" does not find "k123"; a name start still does.
      expect(await index.search(db, [{ word: 'zzz', phonetic: ['k12'] }], 10)).toEqual([rare]);
      expect(await index.search(db, [{ word: 'rarena', phonetic: [] }], 10)).toEqual([rare]);
      // A family without keys is found by its name, and by no key.
      expect(await index.search(db, [{ word: 'silentn', phonetic: ['knone'] }], 10)).toEqual([silent]);
      expect(await index.search(db, [{ word: 'zzz', phonetic: ['k12', 'k123'] }], 10)).toEqual(expect.arrayContaining([rare, longer]));
      // The statement's key match is the index's own expression: where a scan is not an option (a table this
      // small is scanned otherwise), the plan reads the keys' index.
      const compiled = searchStatement([{ word: 'zzz', phonetic: ['k12'] }], 10).compile(db);
      const plan = await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        return trx.executeQuery({ ...compiled, sql: `EXPLAIN (FORMAT JSON) ${compiled.sql}` });
      });
      expect(JSON.stringify(plan.rows)).toContain('family_search_phonetic_keys');
      expect(JSON.stringify(plan.rows)).not.toContain('Seq Scan');
    } finally {
      await s.dispose();
    }
  });
});

/** The note search index of each database: every word a word start, the newest note first; cleared, empty. */
describeEachDialect('note search index', (dialect) => {
  it('finds notes by word starts, newest first, and nothing once cleared', async () => {
    const s = await emptyStore(dialect, { migrated: true });
    try {
      const db = s.store.db;
      await s.store.attachCasework(Buffer.alloc(32, 2), 1, { create: true });
      await migrateCasework(db, { dialect: s.dialect.migrations });
      const familyId = await family(db, 'notes');
      const note = async (id: string, createdAt: string, words: string[]) => {
        await db.insertInto('casework.notes').values({ id, family_id: familyId, author_id: 'u1', occurred_on: createdAt.slice(0, 10), kind: 'office', field_of_action: 1, topics: '[]', participants: '[]', confidential: 0, body: null, excerpt: null, version: 1, created_at: createdAt, updated_at: createdAt, updated_by: 'u1', deleted_at: null, deleted_by: null, delete_reason: null }).execute();
        await s.dialect.noteSearch.upsert(db, id, words);
      };
      await note('a', '2026-01-01T10:00:00.000Z', ['schule', 'termin']);
      await note('b', '2026-02-01T10:00:00.000Z', ['schulweg']);
      expect(await s.dialect.noteSearch.search(db, ['schul'], 'u1', 20)).toEqual(['b', 'a']);
      await s.dialect.noteSearch.clear(db);
      expect(await s.dialect.noteSearch.search(db, ['schul'], 'u1', 20)).toEqual([]);
      await s.dialect.noteSearch.upsert(db, 'a', ['schule']);
      expect(await s.dialect.noteSearch.search(db, ['schul'], 'u1', 20)).toEqual(['a']);
    } finally {
      await s.dispose();
    }
  });
});

/**
 * A hub made before the note search's word table (case-work 0002): its
 * notes are found after the update exactly as before, newest first, and the
 * first version's table is gone.
 */
describe('[postgres only: the hub updated] note search words', () => {
  it('case-work 0002 moves every note\u2019s words into the word table and drops the old index', async () => {
    const s = await emptyStore('postgres', { migrated: true });
    try {
      const db = s.store.db;
      await s.store.attachCasework(Buffer.alloc(32, 2), 1, { create: true });
      const first = CASEWORK_MIGRATIONS.filter(([name]) => name === 'c0001_casework');
      await migrateCasework(db, { dialect: s.dialect.migrations, migrations: first });
      const familyId = await family(db, 'alt');
      const note = (id: string, createdAt: string, words: string) => ({
        row: { id, family_id: familyId, author_id: 'u1', occurred_on: createdAt.slice(0, 10), kind: 'office', field_of_action: 1, topics: '[]', participants: '[]', confidential: 0, body: null, excerpt: null, version: 1, created_at: createdAt, updated_at: createdAt, updated_by: 'u1', deleted_at: null, deleted_by: null, delete_reason: null },
        words,
      });
      const older = note(randomUUID(), '2026-01-01T10:00:00.000Z', ' schule termin termin ');
      const newer = note(randomUUID(), '2026-02-01T10:00:00.000Z', ' schulweg jobcenter ');
      for (const n of [older, newer]) {
        await db.insertInto('casework.notes').values(n.row).execute();
        await sql`INSERT INTO casework.note_search (note_id, words) VALUES (${n.row.id}, ${n.words})`.execute(db);
      }
      // A word list whose note is gone moves nowhere.
      await sql`INSERT INTO casework.note_search (note_id, words) VALUES (${randomUUID()}, ' schule waise ')`.execute(db);
      await migrateCasework(db, { dialect: s.dialect.migrations });
      const search = s.dialect.noteSearch;
      const orphans = await sql<{ n: number }>`SELECT count(*)::int AS n FROM casework.note_search_words w WHERE NOT EXISTS (SELECT 1 FROM casework.notes n WHERE n.id = w.note_id)`.execute(db);
      expect(orphans.rows[0]!.n).toBe(0);
      expect(await search.search(db, ['schul'], 'u1', 20)).toEqual([newer.row.id, older.row.id]);
      expect(await search.search(db, ['termin'], 'u1', 20)).toEqual([older.row.id]);
      const words = await sql<{ word: string }>`SELECT word FROM casework.note_search_words WHERE note_id = ${older.row.id} ORDER BY word`.execute(db);
      expect(words.rows.map((r) => r.word)).toEqual(['schule', 'termin']);
      const old = await sql<{ name: string | null }>`SELECT to_regclass('casework.note_search')::text AS name`.execute(db);
      expect(old.rows[0]!.name).toBeNull();
    } finally {
      await s.dispose();
    }
  });
  it('words in thousands of notes: the newest readable ones first — no one else\u2019s confidential note, no deleted one — also for two common words that seldom meet', async () => {
    const s = await emptyStore('postgres', { migrated: true });
    try {
      const db = s.store.db;
      await s.store.attachCasework(Buffer.alloc(32, 2), 1, { create: true });
      await migrateCasework(db, { dialect: s.dialect.migrations });
      // 8,000 notes a second apart: every tenth another's confidential one, every seventh deleted (no words).
      // All say "kita", every third "termin", the oldest 2,500 "alt".
      await sql`INSERT INTO casework.notes (id, family_id, author_id, occurred_on, kind, field_of_action, topics, participants, confidential, body, excerpt, version, created_at, updated_at, updated_by, deleted_at)
        SELECT 'n' || g, 'f', CASE WHEN g % 10 = 0 THEN 'other' ELSE 'me' END, '2026-01-01', 'office', 1, '[]', '[]', CASE WHEN g % 10 = 0 THEN 1 ELSE 0 END, NULL, NULL, 1,
          to_char(timestamp '2026-01-01' + g * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '2026-01-01', 'me', CASE WHEN g % 7 = 0 THEN '2026-02-01' END
        FROM generate_series(1, 8000) g`.execute(db);
      await sql`INSERT INTO casework.note_search_words (scope, word, note_id)
        SELECT CASE WHEN g % 10 = 0 THEN 'other' ELSE '' END, w.word, 'n' || g FROM generate_series(1, 8000) g
        CROSS JOIN LATERAL unnest(ARRAY['kita'] || CASE WHEN g % 3 = 0 THEN ARRAY['termin'] ELSE ARRAY[]::text[] END || CASE WHEN g <= 2500 THEN ARRAY['alt'] ELSE ARRAY[]::text[] END) AS w(word)
        WHERE g % 7 <> 0`.execute(db);
      // Written through the index as the app writes it (a word twice counts once; a deleted note gets none).
      await s.dialect.noteSearch.upsert(db, 'n7998', ['kita', 'termin', 'kita']);
      await s.dialect.noteSearch.upsert(db, 'n7999', ['kita']);
      await s.dialect.noteSearch.upsert(db, 'n7994', ['kita']);
      const expected = (viewer: string, keep: (g: number) => boolean) => {
        const ids: string[] = [];
        for (let g = 8000; g > 0 && ids.length < 20; g--) if (g % 7 !== 0 && (g % 10 !== 0 || viewer === 'other') && keep(g)) ids.push(`n${g}`);
        return ids;
      };
      const search = (words: string[], viewer: string) => s.dialect.noteSearch.search(db, words, viewer, 20);
      // "kita" is in too many notes to gather: the newest are walked. "termin" (2,667) too; "alt" (2,500) as well,
      // but not among the newest 5,000 — so its notes are gathered after all.
      expect(await search(['kita'], 'me')).toEqual(expected('me', () => true));
      expect(await search(['kit', 'termin'], 'me')).toEqual(expected('me', (g) => g % 3 === 0));
      expect(await search(['termin'], 'other')).toEqual(expected('other', (g) => g % 3 === 0));
      expect(await search(['kita', 'alt'], 'me')).toEqual(expected('me', (g) => g <= 2500));
      expect(await search(['kita', 'schule'], 'me')).toEqual([]);
      // A deleted note's words go with it; a cleared index finds nothing.
      await s.dialect.noteSearch.remove(db, 'n7999');
      expect(await search(['kita'], 'me')).toEqual(expected('me', (g) => g !== 7999));
      await s.dialect.noteSearch.clear(db);
      expect(await search(['kita'], 'me')).toEqual([]);
    } finally {
      await s.dispose();
    }
  });
});
