import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import type { Db } from '../../src/main/core/db/schema';
import { sqliteDialect } from '../../src/main/core/db/sqlite/dialect';
import { sqliteFamilySearch } from '../../src/main/core/db/sqlite/family-search';
import { createKysely } from '../../src/main/core/db/sqlite/kysely';
import { openDatabase, type RawDatabase } from '../../src/main/core/db/sqlite/open';
import { seedFamilies, type SeedSummary } from '../../src/main/core/seed/families';
import { Rng } from '../../src/main/core/seed/random';
import { tempDir } from '../support/temp';

const NOW = new Date('2026-03-02T10:00:00Z');
const COUNT = 300;

interface Seeded {
  raw: RawDatabase;
  db: Db;
  summary: SeedSummary;
}

/** A real encrypted database with the app's migrations, seeded with COUNT families. */
async function seeded(dir: string, name: string, seed: number): Promise<Seeded> {
  const raw = openDatabase(join(dir, name), { key: randomBytes(32) });
  const db = createKysely(raw);
  await migrate(db, { dialect: sqliteDialect({ dbFile: join(dir, name) }).migrations });
  const summary = await seedFamilies(db, sqliteFamilySearch, COUNT, new Rng(seed), NOW, { batchSize: 100 });
  return { raw, db, summary };
}

/** Everything seeded except random ids and family codes, in insertion order. */
function snapshot(raw: RawDatabase): unknown[] {
  const families = raw
    .prepare(
      `SELECT id, display_name, street, phone, email, languages, preferred_language, interpreter_needed, interpreter_language,
              access_route, migration_background, created_at FROM families ORDER BY rowid`,
    )
    .all() as { id: string }[];
  const members = raw.prepare('SELECT first_name, last_name, birth_year, birth_date, role, gender, school FROM members WHERE family_id = ? ORDER BY sort');
  const consents = raw.prepare('SELECT purpose, given, date, form_version, form_language FROM consents WHERE family_id = ? ORDER BY rowid');
  const contacts = raw.prepare('SELECT type, occurred_at, duration_min, topics, field_of_action FROM contacts WHERE family_id = ? ORDER BY occurred_at');
  return families.map(({ id, ...family }) => ({ ...family, members: members.all(id), consents: consents.all(id), contacts: contacts.all(id) }));
}

// `npm run seed` fills a PC's SQLite data folder directly, while the core is locked.
describe('[sqlite only: seeds the data folder] seed generator', () => {
  const dir = tempDir('m3-seed-');
  let a: Seeded;
  let b: Seeded;
  let other: Seeded;

  beforeAll(async () => {
    a = await seeded(dir.path, 'a.db', 42);
    b = await seeded(dir.path, 'b.db', 42);
    other = await seeded(dir.path, 'c.db', 43);
  });
  afterAll(() => {
    for (const s of [a, b, other]) s?.raw.close();
    dir.remove();
  });

  it('writes the requested families with members, consents and contacts', async () => {
    expect(a.summary.families).toBe(COUNT);
    const counts = a.raw
      .prepare(
        `SELECT (SELECT count(*) FROM families) AS families, (SELECT count(*) FROM members) AS persons,
                (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM family_search) AS indexed`,
      )
      .get() as { families: number; persons: number; contacts: number; indexed: number };
    expect(counts).toEqual({ families: COUNT, persons: a.summary.persons, contacts: a.summary.contacts, indexed: COUNT });
    const withoutMembers = a.raw.prepare('SELECT count(*) AS n FROM families f WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.family_id = f.id)').get();
    expect(withoutMembers).toEqual({ n: 0 });
    const withoutStorageConsent = a.raw
      .prepare(`SELECT count(*) AS n FROM families f WHERE NOT EXISTS (SELECT 1 FROM consents c WHERE c.family_id = f.id AND c.purpose = 'data_storage' AND c.given = 1)`)
      .get();
    expect(withoutStorageConsent).toEqual({ n: 0 });
    // The staging table for the search index is gone, the real index answers.
    const temp = a.raw.prepare(`SELECT count(*) AS n FROM temp.sqlite_master WHERE name = 'family_search'`).get();
    expect(temp).toEqual({ n: 0 });
    const hits = await sql<{ n: number }>`SELECT count(*) AS n FROM family_search WHERE family_search MATCH ${'names:"yilmaz"*'}`.execute(a.db);
    const yilmaz = a.raw.prepare(`SELECT count(DISTINCT family_id) AS n FROM members WHERE last_name IN ('Yılmaz', 'Yilmaz')`).get() as { n: number };
    expect(hits.rows[0]!.n).toBeGreaterThanOrEqual(yilmaz.n);
  });

  it('has realistic households', () => {
    const children = a.raw.prepare(`SELECT min(birth_year) AS lo, max(birth_year) AS hi, count(*) AS n FROM members WHERE role = 'child'`).get() as { lo: number; hi: number; n: number };
    expect(children.n).toBeGreaterThan(0);
    expect(children.lo).toBeGreaterThanOrEqual(2006);
    expect(children.hi).toBeLessThanOrEqual(2025);
    const parents = a.raw.prepare(`SELECT min(birth_year) AS lo, max(birth_year) AS hi FROM members WHERE role = 'parent'`).get() as { lo: number; hi: number };
    expect(parents.lo).toBeGreaterThanOrEqual(1965);
    expect(parents.hi).toBeLessThanOrEqual(2002);
    const perFamily = a.summary.persons / a.summary.families;
    expect(perFamily).toBeGreaterThanOrEqual(2.5);
    expect(perFamily).toBeLessThanOrEqual(3.5);
    const sizes = a.raw
      .prepare(
        `SELECT max(parents) AS maxParents, min(parents) AS minParents, max(kids) AS maxKids FROM (
           SELECT sum(role = 'parent') AS parents, sum(role = 'child') AS kids FROM members GROUP BY family_id)`,
      )
      .get();
    expect(sizes).toEqual({ maxParents: 2, minParents: 1, maxKids: 4 });
  });

  it('uses names with their real letters and several origins', () => {
    const names = (a.raw.prepare('SELECT display_name AS name FROM families').all() as { name: string }[]).map((r) => r.name);
    expect(names.some((n) => /[ışü]/.test(n))).toBe(true);
    const languages = new Set((a.raw.prepare('SELECT DISTINCT preferred_language AS l FROM families').all() as { l: string }[]).map((r) => r.l));
    for (const code of ['de', 'tr', 'ar']) expect(languages).toContain(code);
    const interpreters = a.raw
      .prepare(`SELECT avg(interpreter_needed) AS share FROM families WHERE languages NOT LIKE '["de"%'`)
      .get() as { share: number };
    expect(interpreters.share).toBeGreaterThan(0.25);
    expect(interpreters.share).toBeLessThan(0.55);
  });

  it('spreads contacts over the years since 2022', () => {
    const range = a.raw.prepare('SELECT min(occurred_at) AS lo, max(occurred_at) AS hi FROM contacts').get() as { lo: string; hi: string };
    expect(range.lo >= '2022-01-01').toBe(true);
    expect(range.hi <= NOW.toISOString()).toBe(true);
    expect(range.lo < '2023-01-01' && range.hi > '2025-06-01').toBe(true);
    const perFamily = a.raw.prepare('SELECT max(n) AS most FROM (SELECT count(*) AS n FROM contacts GROUP BY family_id)').get() as { most: number };
    expect(perFamily.most).toBeLessThanOrEqual(6);
  });

  it('is deterministic for the same seed', () => {
    expect(snapshot(b.raw)).toEqual(snapshot(a.raw));
    expect(b.summary).toEqual(a.summary);
    expect(snapshot(other.raw)).not.toEqual(snapshot(a.raw));
  });
});
