/**
 * The PostgreSQL side of note search: one row per note and folded word in a
 * B-tree, read only through the functions below. A query word is a prefix,
 * so its notes are one range of the index. The rarest query word leads: a
 * few thousand notes at most are gathered from its range and sorted; when
 * every word is common, the newest notes are walked first until enough match
 * (a common word is found within the first few dozen) — and should the
 * newest 5,000 not hold enough (two common words that seldom meet), the
 * words are counted further and the rarest one's notes gathered whole after
 * all. Each word is kept under who may find it (see below). A trigram index over
 * each note's whole word list, the first version, had to recheck tens of
 * thousands of long rows for a common word before the newest could be picked.
 *
 * On the office hub staff reach the word table only through SECURITY DEFINER
 * wrappers (hub-rights.ts): with row-level security on the table itself, a
 * plain `EXPLAIN ANALYZE` would still tell a caseworker which words a
 * colleague's confidential note holds (the index finds the row before the
 * policy removes it).
 */
import { sql, type Kysely } from 'kysely';
import type { NoteSearchIndex } from '../../casework/search-index';

/** Case-work 0001 (kept as released): the first version, replaced by 0002 below. */
export async function createNoteSearchTables(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`CREATE TABLE casework.note_search (note_id text PRIMARY KEY, words text NOT NULL)`.execute(db);
  await sql`CREATE INDEX note_search_words_trgm ON casework.note_search USING gin (words gin_trgm_ops)`.execute(db);
}

/** A query word whose range holds fewer entries than this is gathered whole; otherwise the newest notes are walked first. */
const GATHER = 2000;
/** How many of the newest notes a walk reads before it gathers the leading word's whole range instead (two common words seldom together). */
const WALK = 5000;
/** Then each word is counted up to this many entries, to gather the rarest. */
const RECOUNT = 50_000;
/** Query words per search (the app sends 8 at most) and letters per word kept (a B-tree entry has a size limit; a prefix still matches). */
const MAX_WORDS = 8;
const MAX_LETTERS = 64;

/** (plpgsql) v_count := the entries of v_word's range in the viewer's scopes, counted up to `limit`. */
const countUpTo = (limit: number) => `SELECT count(*) INTO v_count FROM (SELECT 1 FROM casework.note_search_words x
      WHERE x.scope = ANY(v_scopes) AND x.word >= v_word AND x.word < v_word || '{' LIMIT ${limit}) c;`;
/** (SQL) Note n has a word starting with each of v_words (asked only of notes the viewer may read). */
const HAS_EVERY_WORD = `NOT EXISTS (SELECT 1 FROM unnest(v_words) AS q(word) WHERE NOT EXISTS (
          SELECT 1 FROM casework.note_search_words y WHERE y.note_id = n.id AND y.word >= q.word AND y.word < q.word || '{'))`;

/**
 * Each row carries its scope: '' for an open note, the author's id for a
 * confidential one, first in the key. A search reads only the scopes its
 * viewer may read — so even how long it takes, or how much it reads, does
 * not depend on anyone else's confidential notes.
 *
 * Folded words hold only a–z and 0–9 (foldName), so every word that starts
 * with p lies in [p, p || '{') in byte order (COLLATE "C"): "{" follows "z".
 */
const NOTE_WORD_FUNCTIONS = `
-- Only what changed is written: an edit of a long note keeps most of its words.
CREATE OR REPLACE FUNCTION casework.note_words_set(p_note_id text, p_words text[]) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
  WITH wanted AS (
    SELECT DISTINCT CASE WHEN n.confidential = 1 THEN n.author_id ELSE '' END AS scope, left(w.word, ${MAX_LETTERS}) AS word, n.id AS note_id
    FROM casework.notes n CROSS JOIN unnest(p_words) AS w(word)
    WHERE n.id = p_note_id AND n.deleted_at IS NULL AND w.word ~ '^[a-z0-9]+$'
  ), gone AS (
    DELETE FROM casework.note_search_words s WHERE s.note_id = p_note_id
      AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.scope = s.scope AND w.word = s.word)
  )
  INSERT INTO casework.note_search_words (scope, word, note_id) SELECT scope, word, note_id FROM wanted
  ON CONFLICT DO NOTHING;
$f$;

CREATE OR REPLACE FUNCTION casework.note_words_remove(p_note_id text) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
  DELETE FROM casework.note_search_words WHERE note_id = p_note_id;
$f$;

-- Notes with every word of p_words as a word start, not deleted, readable by p_viewer, newest first.
CREATE OR REPLACE FUNCTION casework.note_words_search(p_words text[], p_viewer text, p_limit integer) RETURNS SETOF text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_custom_plan AS $f$
DECLARE
  v_scopes text[] := ARRAY['', coalesce(p_viewer, '')];
  v_words text[];
  v_word text;
  v_count integer;
  v_lead text;
  v_least integer;
  v_ids text[];
BEGIN
  IF coalesce(cardinality(p_words), 0) = 0 OR cardinality(p_words) > ${MAX_WORDS}
    OR EXISTS (SELECT 1 FROM unnest(p_words) AS w(word) WHERE w.word IS NULL OR w.word !~ '^[a-z0-9]+$') THEN
    RAISE EXCEPTION 'one to ${MAX_WORDS} folded words' USING ERRCODE = '22023';
  END IF;
  v_words := ARRAY(SELECT DISTINCT left(w.word, ${MAX_LETTERS}) FROM unnest(p_words) AS w(word));
  -- The word with the fewest entries leads (counted up to the gathering limit, in the viewer's scopes only).
  FOREACH v_word IN ARRAY v_words LOOP
    ${countUpTo(GATHER)}
    IF v_count = 0 THEN RETURN; END IF;
    -- A tie (both at the limit, often) goes to the longer word: usually the rarer.
    IF v_least IS NULL OR v_count < v_least OR (v_count = v_least AND length(v_word) > length(v_lead)) THEN
      v_least := v_count; v_lead := v_word;
    END IF;
  END LOOP;
  IF v_least >= ${GATHER} THEN
    -- Every word common: the newest notes first, a few thousand at most.
    v_ids := ARRAY(SELECT n.id FROM (SELECT * FROM casework.notes ORDER BY created_at DESC, id LIMIT ${WALK}) n
      WHERE n.deleted_at IS NULL AND (n.confidential = 0 OR n.author_id = p_viewer)
        AND ${HAS_EVERY_WORD}
      ORDER BY n.created_at DESC, n.id LIMIT p_limit);
    -- Enough found, or the walk read every note there is: that is the answer.
    IF cardinality(v_ids) >= p_limit OR (SELECT count(*) FROM (SELECT 1 FROM casework.notes LIMIT ${WALK + 1}) c) <= ${WALK} THEN
      RETURN QUERY SELECT u.id FROM unnest(v_ids) WITH ORDINALITY AS u(id, place) ORDER BY u.place;
      RETURN;
    END IF;
    -- Too few among the newest: the word with the fewest entries (counted further now) is gathered.
    v_least := NULL;
    FOREACH v_word IN ARRAY v_words LOOP
      ${countUpTo(RECOUNT)}
      IF v_least IS NULL OR v_count < v_least THEN v_least := v_count; v_lead := v_word; END IF;
    END LOOP;
  END IF;
  -- The leading word's notes, whole, sorted.
  RETURN QUERY SELECT n.id FROM casework.notes n
    WHERE n.id IN (SELECT x.note_id FROM casework.note_search_words x
        WHERE x.scope = ANY(v_scopes) AND x.word >= v_lead AND x.word < v_lead || '{')
      AND n.deleted_at IS NULL AND (n.confidential = 0 OR n.author_id = p_viewer)
      AND ${HAS_EVERY_WORD}
    ORDER BY n.created_at DESC, n.id LIMIT p_limit;
END $f$;

REVOKE ALL ON FUNCTION casework.note_words_set(text, text[]), casework.note_words_remove(text),
  casework.note_words_search(text[], text, integer) FROM PUBLIC;
`;

/**
 * Case-work 0002: the word table and its functions, filled from the first
 * version's word lists (as the hub's owner, past row-level security), which
 * then goes.
 */
export async function createNoteSearchWords(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE casework.note_search_words (scope text COLLATE "C" NOT NULL, word text COLLATE "C" NOT NULL, note_id text NOT NULL)`.execute(db);
  await sql`INSERT INTO casework.note_search_words (scope, word, note_id)
    SELECT DISTINCT CASE WHEN n.confidential = 1 THEN n.author_id ELSE '' END, left(w.word, ${sql.lit(MAX_LETTERS)}), s.note_id FROM casework.note_search s
    JOIN casework.notes n ON n.id = s.note_id AND n.deleted_at IS NULL
    CROSS JOIN LATERAL regexp_split_to_table(btrim(s.words), ' ') AS w(word)
    WHERE w.word ~ '^[a-z0-9]+$'`.execute(db);
  // Built after the fill: faster than keeping them up to date row by row.
  await sql`ALTER TABLE casework.note_search_words ADD PRIMARY KEY (scope, word, note_id)`.execute(db);
  await sql`CREATE INDEX note_search_words_note ON casework.note_search_words (note_id, word)`.execute(db);
  await sql`DROP TABLE casework.note_search`.execute(db);
  // Common words walk the notes newest first.
  await sql`CREATE INDEX notes_newest ON casework.notes (created_at DESC, id)`.execute(db);
  await sql.raw(NOTE_WORD_FUNCTIONS).execute(db);
  await sql`ANALYZE casework.note_search_words`.execute(db);
}

/**
 * The index as the core uses it. `hub`: the session is a staff member's own
 * login, which reaches the words only through the hub's wrappers — they take
 * the viewer from the login and check that the writer may change the note.
 */
export function postgresNoteSearch(hub: boolean): NoteSearchIndex {
  return {
    async upsert(db, noteId, words) {
      await (hub ? sql`SELECT casework.index_note(${noteId}, ${words}::text[])` : sql`SELECT casework.note_words_set(${noteId}, ${words}::text[])`).execute(db);
    },
    async remove(db, noteId) {
      await (hub ? sql`SELECT casework.unindex_note(${noteId})` : sql`SELECT casework.note_words_remove(${noteId})`).execute(db);
    },
    // A deleted row's words leave with the row (the hub relies on the server's own storage, DESIGN.md).
    async purge() {},
    // Only the owner rebuilds the index (a move, a restore), every table locked already.
    async clear(db) {
      await sql`TRUNCATE casework.note_search_words`.execute(db);
    },
    async search(db, words, viewerId, limit) {
      if (words.length === 0) return [];
      const rows = await (hub
        ? sql<{ id: string }>`SELECT id FROM casework.search_my_notes(${words}::text[], ${limit}) AS s(id)`
        : sql<{ id: string }>`SELECT id FROM casework.note_words_search(${words}::text[], ${viewerId}, ${limit}) AS s(id)`
      ).execute(db);
      return rows.rows.map((r) => r.id);
    },
  };
}
