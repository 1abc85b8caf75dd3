import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR } from '../support/core';
import { startCoreProcess, type CoreProcess } from '../support/core-process';
import { familyInput } from '../support/families';
import { createTestDatabase } from '../support/postgres';
import { tempDir } from '../support/temp';

const ROUNDS = 60;

/** tests/support/core-child.ts: one core process, as on one PC. */
const startChild = (dataDir: string, database: unknown) =>
  startCoreProcess('tests/support/core-child.ts', { M3_DATA_DIR: dataDir, M3_TEST_DATABASE: JSON.stringify(database) });

/**
 * Two core processes — two PCs — on one PostgreSQL write at the same time.
 * Whatever reads and then writes must stay correct: the audit chain does not
 * fork, no family code repeats, no entry number repeats.
 */
describe('[postgres only: two writers on one hub] concurrent writers', () => {
  const dirs = [tempDir('m3-pc-a-'), tempDir('m3-pc-b-')];
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: CoreProcess;
  let b: CoreProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = { dialect: 'postgres', connection: database.connection };
    a = await startChild(dirs[0]!.path, config);
    await a.ok('session.setup', COORDINATOR);
    // The second PC has the same key slots (the hub issue enrols PCs properly).
    copyFileSync(join(dirs[0]!.path, 'm3desk.keys'), join(dirs[1]!.path, 'm3desk.keys'));
    b = await startChild(dirs[1]!.path, config);
    await b.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
  }, 60_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.drop();
    for (const dir of dirs) dir.remove();
  });

  it('keeps one audit chain and unique numbers and codes under concurrent writes', async () => {
    const work = (pc: CoreProcess, tag: string) =>
      Array.from({ length: ROUNDS }, async (_, i) => {
        const family = await pc.ok<{ id: string; code: string }>('families.create', familyInput({ displayName: `Zweiplatz ${tag}${i}` }));
        await pc.ok('contacts.log', { familyId: family.id, type: 'phone', topics: [], fieldOfAction: 1 });
        await pc.ok('districts.save', { name: `Viertel ${tag}${i}`, active: true });
        await pc.ok('settings.update', { backupKeep: 10 + (i % 5) });
        return family;
      });
    // PC A checks the chain now and then while both write: entries committed meanwhile are not damage.
    const checks = Array.from({ length: 10 }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i * 100));
      return a.ok<{ ok: boolean }>('audit.verify');
    });
    const [families, verifies] = await Promise.all([Promise.all([...work(a, 'a'), ...work(b, 'b')]), Promise.all(checks)]);
    expect(verifies.map((v) => v.ok)).toEqual(Array(10).fill(true));
    expect(families).toHaveLength(2 * ROUNDS);
    expect(new Set(families.map((f) => f.code)).size).toBe(families.length);

    const verify = await a.ok<{ ok: boolean; checked: number }>('audit.verify');
    expect(verify.ok).toBe(true);
    // setup + login + four audited writes per round on each PC
    expect(verify.checked).toBeGreaterThanOrEqual(2 + 2 * ROUNDS * 4);

    const client = new pg.Client(database.connection);
    await client.connect();
    try {
      const ids = (await client.query<{ id: number }>('SELECT id FROM audit_log ORDER BY id')).rows.map((r) => r.id);
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
      const codes = await client.query<{ n: string; distinct_codes: string }>('SELECT count(*) AS n, count(DISTINCT code) AS distinct_codes FROM families');
      expect(codes.rows[0]!.n).toBe(codes.rows[0]!.distinct_codes);
    } finally {
      await client.end();
    }
  });
});
