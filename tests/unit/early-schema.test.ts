import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAudit, linkHash, verifyAudit } from '../../src/main/core/audit/chain';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { sqliteDialect } from '../../src/main/core/db/sqlite/dialect';
import { insertFamily } from '../../src/main/core/families/intake';
import { createFamilyInputSchema } from '../../src/shared/rpc/areas/families';
import * as early0001 from '../fixtures/early-schema/0001_accounts';
import * as early0002 from '../fixtures/early-schema/0002_families';
import { familyInput } from '../support/families';
import { tempDir } from '../support/temp';

/**
 * A data folder made by the first development versions (migrations 0001 and
 * 0002 as they were then, SQLite only) opens with today's app: migration 0003
 * carries the audit chain and the search index over, nothing is lost.
 */
describe('[sqlite only: data folders of the first versions] early schema', () => {
  it('upgrades an early data folder without losing its audit chain or its search index', async () => {
    const dir = tempDir('m3-early-');
    const dialect = sqliteDialect({ dbFile: join(dir.path, 'm3desk.db') });
    const store = await dialect.open(Buffer.alloc(32, 3), { create: true, check: false });
    const db = store.db;
    // The early schema, with an audit chain of three entries and one indexed family.
    await migrate(db, { dialect: dialect.migrations, migrations: [['0001_accounts', early0001], ['0002_families', early0002]] as never });
    // (Their chain was not keyed, and their version-1 key files are refused since the key rework; what stays
    // tested is that the database itself upgrades without losing anything.)
    const auditKey = Buffer.alloc(32, 4);
    let prev = '0'.repeat(64);
    for (const method of ['session.setup', 'session.login', 'families.create']) {
      const row = { at: '2026-11-20T10:00:00.000Z', user_id: null, method, entity_type: null, entity_id: null, outcome: 'ok' };
      const hash = linkHash(prev, row, auditKey);
      await sql`INSERT INTO audit_log (at, user_id, method, entity_type, entity_id, outcome, prev_hash, hash)
        VALUES (${row.at}, NULL, ${method}, NULL, NULL, 'ok', ${prev}, ${hash})`.execute(db);
      prev = hash;
    }
    const familyId = randomUUID();
    await sql`INSERT INTO families (id, code, display_name, name_fold, access_route, created_at, updated_at, search_rowid)
      VALUES (${familyId}, 'K7M2QX', 'Yılmaz', 'yilmaz', 'walk_in', '2026-11-20', '2026-11-20', 1)`.execute(db);
    await sql`INSERT INTO family_search (rowid, family_id, names, phonetic, other) VALUES (1, ${familyId}, 'yilmaz ayse', 'k0586', 'k7m2qx')`.execute(db);

    // 0003 upgrades the early folder; the migrations after it apply as to any database.
    expect(await migrate(db, { dialect: dialect.migrations })).toEqual(MIGRATIONS.map(([name]) => name).slice(2));
    expect(MIGRATIONS.map(([name]) => name)).toContain('0003_early_schema');

    // The chain goes on from its newest entry.
    await db.transaction().execute((trx) => appendAudit(trx, { method: 'session.login', userId: null, entityType: null, entityId: null, outcome: 'ok' }, new Date(), auditKey));
    expect(await verifyAudit(db, auditKey)).toEqual({ ok: true, checked: 4, firstBrokenId: null });

    // The family keeps its document: re-indexing replaces it instead of adding a second one, and new families index too.
    const index = dialect.familySearch;
    await index.upsert(db, familyId, { names: ['yilmaz', 'ayse', 'can'], phonetic: [], other: ['k7m2qx'] });
    expect(await index.search(db, [{ word: 'yilmaz', phonetic: [] }], 10)).toEqual([familyId]);
    expect(await index.search(db, [{ word: 'can', phonetic: [] }], 10)).toEqual([familyId]);
    const added = await insertFamily(db, index, createFamilyInputSchema.parse(familyInput({ displayName: 'Berisha', members: [{ firstName: 'Arben', lastName: 'Berisha', birthYear: 1980, role: 'parent' }] })), null, new Date());
    expect(await index.search(db, [{ word: 'berisha', phonetic: [] }], 10)).toEqual([added.id]);
    expect(await index.search(db, [{ word: 'yilmaz', phonetic: [] }], 10)).toEqual([familyId]);

    await store.close();
    dir.remove();
  });
});
