import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { openDatabase } from '../../src/main/core/db/sqlite/open';
import { COORDINATOR, officeKey, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { emptyStore } from '../support/stores';
import { tempDir } from '../support/temp';

describeEachDialect('audit log', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('records who did what to which record, never the content', async () => {
    const user = await t.ok<{ id: string }>('users.create', { username: 'emre', displayName: 'Emre Geheimname', role: 'reception' });
    await t.call('users.create', { username: 'emre', displayName: 'x', role: 'reception' });
    const { items } = await t.ok<{ items: { method: string; entityType: string; entityId: string; outcome: string; userName: string }[] }>('audit.list', {});
    expect(items.map((i) => `${i.method}:${i.outcome}`)).toEqual(['users.create:CONFLICT', 'users.create:ok', 'session.setup:ok']);
    expect(items[1]).toMatchObject({ entityType: 'user', entityId: user.id, userName: 'Clara Koordina' });
    expect(JSON.stringify(items)).not.toContain('Geheimname');
    expect(await t.ok('audit.list', { outcome: 'failed' })).toMatchObject({ items: [{ method: 'users.create', outcome: 'CONFLICT' }] });
    expect(await t.ok('audit.list', { method: 'session' })).toMatchObject({ items: [{ method: 'session.setup' }] });
  });

  it('verifies the hash chain and names the first altered or removed entry', async () => {
    for (let i = 0; i < 3; i += 1) await t.ok('settings.update', { backupKeep: 10 + i });
    expect(await t.ok('audit.verify')).toEqual({ ok: true, checked: 4, firstBrokenId: null });
    await t.ok('session.lock');
    await t.tamper([`UPDATE audit_log SET method = 'users.list' WHERE id = 3`]);
    await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    expect(await t.ok('audit.verify')).toMatchObject({ ok: false, firstBrokenId: 3 });
    await t.ok('session.lock');
    await t.tamper([`UPDATE audit_log SET method = 'settings.update' WHERE id = 3`, `DELETE FROM audit_log WHERE id = 2`]);
    await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    expect(await t.ok('audit.verify')).toMatchObject({ ok: false, firstBrokenId: 2 });
  });

  it('notices when the newest entries were removed', async () => {
    for (let i = 0; i < 3; i += 1) await t.ok('settings.update', { backupKeep: 10 + i });
    // Entries 1 (setup) … 4; the newest two go, past the core, while it is open.
    await t.tamper([`DELETE FROM audit_log WHERE id >= 3`]);
    expect(await t.ok('audit.verify')).toEqual({ ok: false, checked: 2, firstBrokenId: 3 });
  });
});

// Backups are encrypted copies of the PC's database file; the office hub's
// PostgreSQL is backed up on the hub (pg_dump). These run on SQLite only.
describe('[sqlite only: file backups] backups', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('writes encrypted backups with a copy of the key file and keeps the newest N', async () => {
    await t.ok('settings.update', { backupKeep: 2 });
    for (let i = 0; i < 3; i += 1) await t.ok('backup.create');
    const { items } = await t.ok<{ items: { name: string; reason: string }[] }>('backup.list');
    expect(items).toHaveLength(2);
    const dir = join(t.dir, 'backups');
    for (const item of items) {
      const bytes = readFileSync(join(dir, item.name));
      expect(bytes.subarray(0, 15).toString()).not.toBe('SQLite format 3');
      expect(existsSync(join(dir, item.name.replace(/\.db$/, '.keys')))).toBe(true);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.db'))).toHaveLength(2);
    expect(await t.ok('backup.status')).toMatchObject({ stale: false, keep: 2 });
  });

  it('makes a daily backup on the first unlock of the day, and only one', async () => {
    for (const f of readdirSync(join(t.dir, 'backups'))) rmSync(join(t.dir, 'backups', f));
    await t.ok('session.lock');
    await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    await t.settled();
    await t.ok('session.lock');
    await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    await t.settled();
    const { items } = await t.ok<{ items: { reason: string }[] }>('backup.list');
    expect(items.map((i) => i.reason)).toEqual(['daily']);
  });

  it('backs up right after setup, and reports a week-old backup as stale', async () => {
    const fresh = await t.ok<{ lastBackupAt: string; stale: boolean }>('backup.status');
    expect(fresh.stale).toBe(false);
    const later = await startTestCore({ now: () => new Date(Date.now() + 8 * 24 * 3600 * 1000) });
    const { cpSync } = await import('node:fs');
    cpSync(t.dir, later.dir, { recursive: true });
    await later.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    await later.settled();
    const old = await later.ok<{ lastBackupAt: string; stale: boolean }>('backup.status');
    // The login of the new day made a daily backup, so it is fresh again; remove it to see the old one.
    expect(old.stale).toBe(false);
    for (const f of readdirSync(join(later.dir, 'backups'))) if (f.includes('daily') && !f.includes(fresh.lastBackupAt.slice(0, 10).replace(/-/g, ''))) rmSync(join(later.dir, 'backups', f));
    expect(await later.ok('backup.status')).toMatchObject({ lastBackupAt: fresh.lastBackupAt, stale: true });
    await later.dispose();
  });

  it('backs up to a configured folder (e.g. a network share)', async () => {
    const share = tempDir('m3-share-');
    await t.ok('settings.update', { backupDir: share.path });
    await t.ok('backup.create');
    expect(readdirSync(share.path).filter((f) => f.endsWith('.db'))).toHaveLength(1);
    share.remove();
  });

  it('restores a backup after checking it, and keeps what it replaced as a backup that can be restored in turn', async () => {
    await t.ok('settings.update', { backupKeep: 1 });
    const backup = await t.ok<{ name: string }>('backup.create');
    await t.ok('users.create', { username: 'spaeter', displayName: 'Nach der Sicherung', role: 'host' });
    expect(await t.ok('backup.restore', { name: backup.name })).toEqual({ restoredFrom: backup.name });
    const usernames = async () => (await t.ok<{ items: { username: string }[] }>('users.list')).items.map((u) => u.username);
    expect(await usernames()).toEqual(['clara']);
    expect(await t.ok('session.status')).toMatchObject({ state: 'unlocked', user: { username: 'clara' } });
    // What was live is a backup of its own (under its own key), not a file under the old key.
    const { items } = await t.ok<{ items: { name: string; reason: string }[] }>('backup.list');
    const before = items.find((b) => b.reason === 'restore')!;
    expect(before).toBeDefined();
    expect(readdirSync(t.dir).some((f) => /^m3desk\.db\.replaced-/.test(f))).toBe(false);
    await t.ok('backup.restore', { name: before.name });
    expect(await usernames()).toEqual(['clara', 'spaeter']);
  });

  it('refuses a damaged backup and changes nothing', async () => {
    const backup = await t.ok<{ name: string }>('backup.create');
    const file = join(t.dir, 'backups', backup.name);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096);
    closeSync(fd);
    await t.ok('users.create', { username: 'bleibt', displayName: 'Bleibt', role: 'host' });
    expect(await t.call('backup.restore', { name: backup.name })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:backup_invalid' } });
    const { items } = await t.ok<{ items: { username: string }[] }>('users.list');
    expect(items.map((u) => u.username).sort()).toEqual(['bleibt', 'clara']);
  });

  it('refuses a backup this office did not make, though it is sealed to the coordinator', async () => {
    // Sealing needs only public keys: someone who can write the backup folder (a share) puts in a
    // "newest backup" — here an older one under a newer name, its sidecar sealed to the coordinator.
    const old = await t.ok<{ name: string }>('backup.create');
    await t.ok('users.create', { username: 'bleibt', displayName: 'Bleibt', role: 'host' });
    const dir = join(t.dir, 'backups');
    const planted = 'm3desk-20991231-235959-manual.db';
    copyFileSync(join(dir, old.name), join(dir, planted));
    copyFileSync(join(dir, old.name.replace(/\.db$/, '.keys')), join(dir, planted.replace(/\.db$/, '.keys')));
    expect(await t.call('backup.restore', { name: planted })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:backup_invalid' } });
    const { items } = await t.ok<{ items: { username: string }[] }>('users.list');
    expect(items.map((u) => u.username).sort()).toEqual(['bleibt', 'clara']);
    // The real one still restores.
    expect((await t.call('backup.restore', { name: old.name })).ok).toBe(true);
  });
});

describe('[postgres only: hub backups] backups', () => {
  it('says that the hub makes its own backups instead of pretending to copy a file', async () => {
    const t = await startTestCore({ dialect: 'postgres' });
    await setUpOffice(t);
    expect(await t.ok('backup.status')).toMatchObject({ available: false, stale: false, lastBackupAt: null });
    expect(await t.call('backup.create')).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'errors:backup_unavailable' } });
    expect(existsSync(join(t.dir, 'backups'))).toBe(false);
    await t.dispose();
  });
});

// A damaged or foreign file is a property of the SQLite file on this PC.
describe('[sqlite only: database file] damaged and foreign databases', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('says clearly when the database file is foreign, overwrites nothing, and restores the newest backup', async () => {
    await t.ok('backup.create');
    await t.ok('session.lock');
    const foreign = Buffer.alloc(64 * 1024, 7);
    writeFileSync(join(t.dir, 'm3desk.db'), foreign);
    for (const f of ['m3desk.db-wal', 'm3desk.db-shm']) if (existsSync(join(t.dir, f))) writeFileSync(join(t.dir, f), '');
    const login = await t.call('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    expect(login).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'errors:db_damaged', details: { restorable: true } } });
    expect(readFileSync(join(t.dir, 'm3desk.db')).equals(foreign)).toBe(true);
    const restored = await t.ok<{ restoredFrom: string }>('session.restoreLatestBackup', { username: COORDINATOR.username, password: COORDINATOR.password });
    expect(restored.restoredFrom).toMatch(/-manual\.db$/);
    expect(await t.ok('session.status')).toMatchObject({ state: 'unlocked', officeName: COORDINATOR.officeName });
    const kept = readdirSync(t.dir).find((f) => /^m3desk\.db\.replaced-[^.]*$/.test(f))!;
    expect(readFileSync(join(t.dir, kept)).equals(foreign)).toBe(true);
  });

  /**
   * Damages a page near the end of the file (after folding the WAL in, so the damage hits real pages) — a page of
   * rows no login reads: the file's last pages are made of the office's export records first (otherwise they may
   * hold the schema, which every open reads).
   */
  const damagePage = async () => {
    const file = join(t.dir, 'm3desk.db');
    const raw = openDatabase(file, { key: await officeKey(t.dir) });
    const record = raw.prepare('INSERT INTO exports (id, at, period_from, period_to, by_user, families, records, checksum, destination) VALUES (?, ?, ?, ?, NULL, NULL, 0, ?, ?)');
    for (let i = 0; i < 300; i += 1) record.run(`damage-${i}`, '2026-01-01T00:00:00Z', '2025-01-01', '2025-12-31', 'f'.repeat(64), 'x'.repeat(400));
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(2048, 0xa5), 0, 2048, Math.max(4096, size - 4096));
    closeSync(fd);
  };

  it('checks every page at unlock after the app stopped without closing the file', async () => {
    await t.ok('session.lock');
    await damagePage();
    // What a crash while unlocked leaves: the file was still marked in use.
    writeFileSync(join(t.dir, 'm3desk.db.open'), '');
    const login = await t.call('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    expect(login).toMatchObject({ ok: false, error: { message: 'errors:db_damaged', details: { restorable: true } } });
  });

  it('checks every page in the background at the day\u2019s first unlock, and tells the coordinator of damage', async () => {
    for (const f of readdirSync(join(t.dir, 'backups'))) rmSync(join(t.dir, 'backups', f));
    await t.ok('session.lock');
    await damagePage();
    // A clean shutdown before: the login does not wait for the whole file to be read.
    await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    await t.settled();
    expect(await t.ok('session.status')).toMatchObject({ notices: [{ kind: 'pages_damaged' }] });
    // A damaged file is not backed up: its copy would push a good older backup out.
    expect(readdirSync(join(t.dir, 'backups'))).toEqual([]);
    // And the next unlock checks every page first, clean shutdown or not.
    await t.ok('session.lock');
    expect(existsSync(join(t.dir, 'm3desk.db.open'))).toBe(false);
    const again = await t.call('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    // (Nothing to restore here: the test removed every backup before.)
    expect(again).toMatchObject({ ok: false, error: { message: 'errors:db_damaged', details: { restorable: false } } });
  });

  it('detects a wrong key on the first read', () => {
    const dir = tempDir('m3-key-');
    const file = join(dir.path, 'k.db');
    openDatabase(file, { key: Buffer.alloc(32, 1) }).close();
    expect(() => openDatabase(file, { key: Buffer.alloc(32, 2), mustExist: true })).toThrow(expect.objectContaining({ kind: 'wrong_key_or_foreign' }));
    dir.remove();
  });
});

describeEachDialect('newer databases', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('refuses a database written by a newer version of the app', async () => {
    await t.ok('session.lock');
    await t.tamper([`INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future', '2030-01-01')`]);
    expect(await t.call('session.login', { username: COORDINATOR.username, password: COORDINATOR.password })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors:db_newer_than_app' },
    });
  });
});

describeEachDialect('migrations', (dialect) => {
  it('runs each pending migration in its own transaction after a backup, and rolls a failing one back', async () => {
    const { store, dialect: { migrations }, dispose } = await emptyStore(dialect);
    const db = store.db;
    expect(await migrate(db, { dialect: migrations })).toEqual(MIGRATIONS.map(([n]) => n));
    const backup = vi.fn(async () => {});
    const good = { up: async (d: never) => void (await sql`CREATE TABLE extra (x INTEGER)`.execute(d)) };
    const bad = {
      up: async (d: never) => {
        await sql`CREATE TABLE half_done (x INTEGER)`.execute(d);
        throw new Error('boom');
      },
    };
    await expect(migrate(db, { dialect: migrations, migrations: [...MIGRATIONS, ['0900_extra', good], ['0901_bad', bad]], beforeMigration: backup })).rejects.toThrow('boom');
    expect(backup.mock.calls).toEqual([['0900_extra'], ['0901_bad']]);
    const tables = (await db.introspection.getTables()).map((table) => table.name);
    expect(tables).toContain('extra');
    expect(tables).not.toContain('half_done');
    expect(await db.selectFrom('schema_migrations').select('name').orderBy('name').execute()).toEqual([...MIGRATIONS.map(([name]) => ({ name })), { name: '0900_extra' }]);
    await dispose();
  });
});
