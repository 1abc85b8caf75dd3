import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/sqlite/open';
import { AUDIT_GENESIS } from '../../src/main/core/db/migrations/audit-head';
import { seal, unseal } from '../../src/main/core/vault/seal';
import { newDataKeys, Vault, type DataKeys } from '../../src/main/core/vault/vault';
import { addStaff, COORDINATOR, officeKey, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { emptyStore } from '../support/stores';
import { caseworkRekeyDue, clearRekeyDue, rekeyDue, rekeyMarks, setCaseworkRekeyDue, setRekeyDue } from '../../src/main/core/session/holders';
import { FAST_KDF } from '../support/kdf';

const STAFF = 'Sonnenblume-Wiese-77';
const login = (t: TestCore, username: string, password: string) => t.call('session.login', { username, password });
const asCoordinator = (t: TestCore) => t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
type KeyFile = { fileId: string; generation: number; identities: { id: string; kind: string; userId: string | null; role: string | null; tag: string | null; temporaryUntil: string | null; recipient: string }[] };
const keyFile = (t: TestCore) => JSON.parse(readFileSync(join(t.dir, 'm3desk.keys'), 'utf8')) as KeyFile;

/** Opens the database file with a key file and a password, as someone holding both would, past the app. */
async function openWith(t: TestCore, keysFile: string, username: string, password: string, dbFile = 'm3desk.db'): Promise<'opens' | 'refused'> {
  const vault = Vault.load(keysFile, FAST_KDF);
  const identity = vault.findUser(username);
  const unlocked = identity ? await vault.unlock(identity, password) : null;
  if (!unlocked?.keys.office) return 'refused';
  try {
    openDatabase(join(t.dir, dbFile), { key: unlocked.keys.office, readonly: true, mustExist: true }).close();
    return 'opens';
  } catch {
    return 'refused';
  }
}

// The proof of the security review: an old key file (from a backup, a copied folder) and a password
// that was valid then opened the live database after the password was changed or the account closed.
describe('[sqlite only: the database file is encrypted] revoked passwords', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('a key file copied with a temporary password opens nothing once the account is deactivated', async () => {
    const created = await t.ok<{ id: string; temporaryPassword: string }>('users.create', { username: 'emre', displayName: 'Emre Empfang', role: 'reception' });
    const stolen = join(t.dir, 'stolen.keys');
    copyFileSync(join(t.dir, 'm3desk.keys'), stolen);
    expect(await openWith(t, stolen, 'emre', created.temporaryPassword)).toBe('opens');
    await t.ok('users.deactivate', { id: created.id });
    expect(await openWith(t, stolen, 'emre', created.temporaryPassword)).toBe('refused');
    // The office goes on: the coordinator's own password opens the new keys.
    await t.ok('session.lock');
    await asCoordinator(t);
    expect(await t.ok('audit.verify')).toMatchObject({ ok: true });
  });

  it('an old password opens nothing after a reset, nor after a recovery', async () => {
    const id = await addStaff(t, 'emre', 'reception', STAFF);
    const stolen = join(t.dir, 'stolen.keys');
    copyFileSync(join(t.dir, 'm3desk.keys'), stolen);
    await t.ok('session.lock');
    await asCoordinator(t);
    await t.ok('users.resetPassword', { id });
    expect(await openWith(t, stolen, 'emre', STAFF)).toBe('refused');
    expect(await openWith(t, stolen, COORDINATOR.username, COORDINATOR.password)).toBe('refused');
  });

  it('an old password opens nothing after a password change: a coordinator\u2019s at once, a staff member\u2019s after the next coordinator login', async () => {
    await addStaff(t, 'emre', 'reception', STAFF);
    await asCoordinator(t);
    const stolen = join(t.dir, 'stolen.keys');
    copyFileSync(join(t.dir, 'm3desk.keys'), stolen);
    await t.ok('session.changePassword', { currentPassword: COORDINATOR.password, newPassword: 'Neues-Koordinationswort-31' });
    expect(await openWith(t, stolen, COORDINATOR.username, COORDINATOR.password)).toBe('refused');
    // Nor does the old key pair open anything in today's key file.
    const old = Vault.load(stolen, FAST_KDF);
    const oldPair = await old.unlock(old.findUser(COORDINATOR.username)!, COORDINATOR.password);
    const today = JSON.parse(readFileSync(join(t.dir, 'm3desk.keys'), 'utf8')) as { keys: Record<string, string> };
    for (const sealed of Object.values(today.keys)) expect(await unseal(sealed, oldPair!.privateKey)).toBeNull();

    copyFileSync(join(t.dir, 'm3desk.keys'), stolen);
    await t.ok('session.lock');
    await login(t, 'emre', STAFF);
    await t.ok('session.changePassword', { currentPassword: STAFF, newPassword: 'Neues-Empfangswort-32' });
    await t.ok('session.lock');
    await t.ok('session.login', { username: COORDINATOR.username, password: 'Neues-Koordinationswort-31' });
    await t.ok('session.status');
    expect(await openWith(t, stolen, 'emre', STAFF)).toBe('refused');
  });

  it('a revoked password opens no file in the data folder, whether revoked before or after a restore', async () => {
    const id = await addStaff(t, 'emre', 'reception', STAFF);
    await t.ok('session.lock');
    const fatma = await addStaff(t, 'fatma', 'caseworker', STAFF);
    await t.ok('session.lock');
    await asCoordinator(t);
    const backup = await t.ok<{ name: string }>('backup.create');
    const stolen = join(t.dir, 'stolen.keys');
    copyFileSync(join(t.dir, 'm3desk.keys'), stolen);
    await t.ok('users.deactivate', { id: fatma });
    await t.ok('backup.restore', { name: backup.name });
    await t.ok('users.deactivate', { id });
    // The live database, what the restore replaced, every backup: none opens with their old entries.
    const files = [
      ...readdirSync(t.dir).filter((f) => f.startsWith('m3desk.db') && !f.endsWith('-wal') && !f.endsWith('-shm') && !f.endsWith('restored-from') && !f.endsWith('.open')),
      ...readdirSync(join(t.dir, 'backups')).filter((f) => f.endsWith('.db')).map((f) => join('backups', f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      for (const username of ['emre', 'fatma']) {
        expect({ file, username, result: await openWith(t, stolen, username, STAFF, file) }).toEqual({ file, username, result: 'refused' });
      }
    }
  });

  it('no backup carries a staff member\u2019s key, nor one of a temporary password', async () => {
    await addStaff(t, 'emre', 'reception', STAFF);
    await t.ok('session.lock');
    await asCoordinator(t);
    await t.ok('users.create', { username: 'neu.koord', displayName: 'Neue Koordination', role: 'coordinator' });
    const backup = await t.ok<{ name: string }>('backup.create');
    const sidecar = JSON.parse(readFileSync(join(t.dir, 'backups', backup.name.replace(/\.db$/, '.keys')), 'utf8')) as KeyFile;
    const file = keyFile(t);
    const clara = file.identities.find((i) => i.role === 'coordinator' && i.temporaryUntil === null)!;
    expect(sidecar.identities.map((i) => i.kind === 'recovery' ? 'recovery' : i.userId).sort()).toEqual([clara.userId, 'recovery'].sort());
    // The backup is not under the office key: the office key of the day does not open it.
    const key = await officeKey(t.dir);
    expect(() => openDatabase(join(t.dir, 'backups', backup.name), { key, readonly: true, mustExist: true })).toThrow();
  });
});

describeEachDialect('keys and identities', (dialect) => {
  let t: TestCore;
  let original: string;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    original = await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('a wrapped key cannot be moved to another user or role in the key file', async () => {
    await addStaff(t, 'emre', 'reception', STAFF);
    await t.ok('session.lock');
    const file = keyFile(t);
    const emre = file.identities.find((i) => i.tag && i.role === 'reception')!;
    const clara = file.identities.find((i) => i.role === 'coordinator')!;
    // Emre's entry, claiming the coordinator role: the wrap no longer opens.
    writeFileSync(join(t.dir, 'm3desk.keys'), JSON.stringify({ ...file, identities: file.identities.map((i) => (i.id === emre.id ? { ...i, role: 'coordinator' } : i)) }));
    expect(await login(t, 'emre', STAFF)).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    // Emre's entry, claiming Clara's user id.
    writeFileSync(join(t.dir, 'm3desk.keys'), JSON.stringify({ ...file, identities: file.identities.map((i) => (i.id === emre.id ? { ...i, userId: clara.userId } : i)) }));
    expect(await login(t, 'emre', STAFF)).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    writeFileSync(join(t.dir, 'm3desk.keys'), JSON.stringify(file));
    expect((await login(t, 'emre', STAFF)).ok).toBe(true);
  });

  it('a host\u2019s or reception\u2019s key pair holds the office and audit keys, never the admin or casework key; a caseworker\u2019s holds casework', async () => {
    await addStaff(t, 'gast', 'host', STAFF);
    await addStaff(t, 'emre', 'reception', STAFF);
    await addStaff(t, 'sozial', 'caseworker', STAFF);
    const vault = Vault.load(join(t.dir, 'm3desk.keys'), FAST_KDF);
    for (const name of ['gast', 'emre']) {
      const staff = await vault.unlock(vault.findUser(name)!, STAFF);
      expect(Object.keys(staff!.keys).sort()).toEqual(['audit', 'office']);
    }
    const caseworker = await vault.unlock(vault.findUser('sozial')!, STAFF);
    expect(Object.keys(caseworker!.keys).sort()).toEqual(['audit', 'casework', 'office']);
    const coordinator = await vault.unlock(vault.findUser(COORDINATOR.username)!, COORDINATOR.password);
    expect(Object.keys(coordinator!.keys).sort()).toEqual(['admin', 'audit', 'casework', 'office']);
  });

  it('refuses a temporary password after a week, with a clear message', async () => {
    const created = await t.ok<{ temporaryPassword: string }>('users.create', { username: 'emre', displayName: 'Emre', role: 'reception' });
    await t.ok('session.lock');
    const later = await startTestCore({ dialect, database: t.database, now: () => new Date(Date.now() + 8 * 24 * 3600 * 1000) });
    try {
      for (const f of readdirSync(t.dir)) if (f.startsWith('m3desk')) copyFileSync(join(t.dir, f), join(later.dir, f));
      expect(await later.call('session.login', { username: 'emre', password: created.temporaryPassword })).toEqual({
        ok: false,
        error: { code: 'AUTH_FAILED', message: 'errors:temporary_password_expired' },
      });
    } finally {
      await later.core.close();
    }
  });

  it('refuses passwords that are easy to guess, and says why', async () => {
    await addStaff(t, 'emre', 'reception', STAFF);
    for (const weak of ['1q2w3e4r5t', '123456789a', 'Michael1985', 'Kaufbeuren2026!']) {
      const result = await t.call('session.changePassword', { currentPassword: STAFF, newPassword: weak });
      expect({ weak, result }).toMatchObject({ weak, result: { ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: ['newPassword'], message: expect.stringMatching(/^passwords:weak\.|^validation:password_common$/) }] } } } });
    }
    expect((await t.call('session.changePassword', { currentPassword: STAFF, newPassword: 'Kiesel-Tango-Ofenrohr' })).ok).toBe(true);
    // Coordinators need twelve characters at least.
    await t.ok('session.lock');
    await asCoordinator(t);
    expect(await t.call('session.changePassword', { currentPassword: COORDINATOR.password, newPassword: 'Qz7#wLp2vX' })).toMatchObject({
      ok: false,
      error: { details: { issues: [{ path: ['newPassword'], message: 'validation:password_too_short', params: { min: 12 } }] } },
    });
  });

  it('a new recovery key replaces the old one at once; recovering forces a new password and every coordinator hears of it', async () => {
    expect(await t.call('session.replaceRecoveryKey', { password: 'falsch-falsch-falsch' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const before = keyFile(t).identities.find((i) => i.kind === 'recovery')!.recipient;
    const { recoveryKey } = await t.ok<{ recoveryKey: string }>('session.replaceRecoveryKey', { password: COORDINATOR.password });
    expect(keyFile(t).identities.find((i) => i.kind === 'recovery')!.recipient).not.toBe(before);
    const second = await t.ok<{ temporaryPassword: string }>('users.create', { username: 'zweite', displayName: 'Zweite Koordination', role: 'coordinator' });
    await t.ok('session.lock');
    const recovered = await t.ok<{ mustChangePassword: boolean }>('session.recover', { recoveryKey, username: COORDINATOR.username, newPassword: 'Gefunden-Zettel-Schublade-9' });
    expect(recovered.mustChangePassword).toBe(true);
    expect(await t.call('users.list')).toMatchObject({ ok: false, error: { message: 'errors:must_change_password' } });
    await t.ok('session.changePassword', { currentPassword: 'Gefunden-Zettel-Schublade-9', newPassword: COORDINATOR.password });
    await t.ok('session.lock');
    // Whoever held the recovery key, the account's owner hears of it at their next own login — once …
    type Status = { notices?: { kind: string; userName: string }[] };
    await asCoordinator(t);
    expect((await t.ok<Status>('session.status')).notices).toEqual([expect.objectContaining({ kind: 'recovered', userName: COORDINATOR.displayName })]);
    await t.ok('session.lock');
    await asCoordinator(t);
    expect((await t.ok<Status>('session.status')).notices).toBeUndefined();
    await t.ok('session.lock');
    // … and so does every other coordinator.
    await t.ok('session.login', { username: 'zweite', password: second.temporaryPassword });
    await t.ok('session.changePassword', { currentPassword: second.temporaryPassword, newPassword: 'Leitung-Apfelbaum-Fluss-3' });
    expect((await t.ok<Status>('session.status')).notices).toEqual([expect.objectContaining({ kind: 'recovered' })]);
    // The old key opens nothing any more.
    await t.ok('session.lock');
    expect(await t.call('session.recover', { recoveryKey: original, username: 'zweite', newPassword: 'Irgendwas-Langes-Neues-7' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', message: 'errors:recovery_failed' },
    });
  });

  it('records failed logins and idle locks in the audit log', async () => {
    const id = await addStaff(t, 'emre', 'reception', STAFF);
    await t.ok('session.lock');
    expect((await login(t, 'emre', 'Falsches-Passwort-9')).ok).toBe(false);
    expect((await login(t, 'niemand', 'Falsches-Passwort-9')).ok).toBe(false);
    await asCoordinator(t);
    await t.ok('settings.update', { autoLockMinutes: 0.25 });
    t.clock.advance(20_000);
    await new Promise((r) => setTimeout(r, 150));
    expect(await t.ok('session.status')).toEqual({ state: 'locked' });
    await asCoordinator(t);
    const { items } = await t.ok<{ items: { method: string; outcome: string; userId: string | null }[] }>('audit.list', { limit: 10 });
    const trail = items.map((i) => `${i.method}:${i.outcome}:${i.userId === id ? 'emre' : i.userId ? 'other' : 'none'}`);
    expect(trail).toEqual(expect.arrayContaining(['session.login:AUTH_FAILED:emre', 'session.login:AUTH_FAILED:none', 'session.autoLock:ok:other']));
    expect(await t.ok('audit.verify')).toMatchObject({ ok: true });
  });

  it('a chain rewritten without the audit key does not verify', async () => {
    await t.ok('settings.update', { backupKeep: 9 });
    // Someone with the database but not the audit key alters an entry and links the whole chain anew
    // with plain SHA-256 — a rewrite that verified before the chain was keyed.
    type Entry = { id: number; at: string; userId: string | null; method: string; entityType: string | null; entityId: string | null; outcome: string };
    const { items } = await t.ok<{ items: Entry[] }>('audit.list', { limit: 500 });
    let prev = AUDIT_GENESIS;
    const statements: string[] = [];
    for (const entry of [...items].sort((a, b) => a.id - b.id)) {
      const e = entry.id === 2 ? { ...entry, method: 'users.list' } : entry;
      const hash = createHash('sha256').update(prev).update('|').update(JSON.stringify([e.at, e.userId, e.method, e.entityType, e.entityId, e.outcome])).digest('hex');
      statements.push(`UPDATE audit_log SET method = '${e.method}', prev_hash = '${prev}', hash = '${hash}' WHERE id = ${e.id}`);
      prev = hash;
    }
    statements.push(`UPDATE audit_head SET hash = '${prev}' WHERE id = 1`);
    await t.tamper(statements);
    expect(await t.ok('audit.verify')).toMatchObject({ ok: false, firstBrokenId: 1 });
  });

});

// The key holders are kept inside the encrypted file on this PC (on the hub, enrolling PCs is its own issue).
describe('[sqlite only: key holders kept in the encrypted file] a key file edited past the core', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('an identity written into the key file past the core opens nothing and is dropped at the next coordinator login', async () => {
    const id = await addStaff(t, 'emre', 'reception', STAFF);
    await t.ok('session.lock');
    // Someone who holds every key but works past the app gives Emre's account a key pair of their own.
    const vault = Vault.load(join(t.dir, 'm3desk.keys'), FAST_KDF);
    const clara = await vault.unlock(vault.findUser(COORDINATOR.username)!, COORDINATOR.password);
    await vault.setUser({ userId: id, username: 'emre', role: 'reception', secret: 'Eingeschleust-Fremd-42', temporaryUntil: null }, clara!.keys as DataKeys);
    vault.save();
    expect(await login(t, 'emre', 'Eingeschleust-Fremd-42')).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    await asCoordinator(t);
    expect(await t.ok('session.status')).toMatchObject({ notices: [{ kind: 'keyfile_changed' }] });
    // The coordinator's login replaced the keys without that entry: nothing is sealed to it any more.
    expect(keyFile(t).identities.some((i) => i.userId === id)).toBe(false);
    const backup = await t.ok<{ name: string }>('backup.create');
    const sidecar = JSON.parse(readFileSync(join(t.dir, 'backups', backup.name.replace(/\.db$/, '.keys')), 'utf8')) as KeyFile;
    expect(sidecar.identities.some((i) => i.userId === id)).toBe(false);
  });

  it('tells the coordinators when the key file was changed outside the app', async () => {
    await addStaff(t, 'gast', 'host', STAFF);
    await t.ok('session.lock');
    const file = keyFile(t);
    // Someone adds a second entry for the host (e.g. to log in with a password of their own).
    const host = file.identities.find((i) => i.role === 'host')!;
    writeFileSync(join(t.dir, 'm3desk.keys'), JSON.stringify({ ...file, identities: [...file.identities, { ...host, id: 'f0000000-0000-4000-8000-000000000000', tag: 'x' }] }));
    await asCoordinator(t);
    expect(await t.ok('session.status')).toMatchObject({ notices: [{ kind: 'keyfile_changed' }] });
  });

  it('a database from before the key holders were kept opens for everyone, backs up first, and records them at the coordinator\u2019s login', async () => {
    await addStaff(t, 'emre', 'reception', STAFF);
    await asCoordinator(t);
    await t.ok('session.lock');
    // As the versions before migration 0004 left it.
    await t.tamper([`DROP TABLE key_holders`, `DELETE FROM schema_migrations WHERE name = '0004_key_holders'`]);
    const before = readdirSync(join(t.dir, 'backups')).length;
    expect((await login(t, 'emre', STAFF)).ok).toBe(true);
    expect(readdirSync(join(t.dir, 'backups')).some((f) => f.includes('-migration.'))).toBe(true);
    expect(readdirSync(join(t.dir, 'backups')).length).toBeGreaterThan(before);
    await t.ok('session.lock');
    await asCoordinator(t);
    await t.ok('session.status');
    await t.ok('session.lock');
    // Recorded now: an entry added afterwards is refused.
    const vault = Vault.load(join(t.dir, 'm3desk.keys'), FAST_KDF);
    const clara = await vault.unlock(vault.findUser(COORDINATOR.username)!, COORDINATOR.password);
    const emre = vault.findUser('emre')!;
    await vault.setUser({ userId: emre.userId!, username: 'emre', role: 'reception', secret: 'Eingeschleust-Fremd-42', temporaryUntil: null }, clara!.keys as DataKeys);
    vault.save();
    expect(await login(t, 'emre', 'Eingeschleust-Fremd-42')).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  });

  it('tells the coordinators when the audit key in the key file was replaced', async () => {
    await t.ok('session.lock');
    // Sealed to everyone's public keys by someone who does not know the real audit key, but knows this one.
    const file = keyFile(t) as KeyFile & { keys: Record<string, string> };
    const known = Buffer.alloc(32, 7);
    const sealed = await seal(known, file.identities.map((i) => i.recipient));
    writeFileSync(join(t.dir, 'm3desk.keys'), JSON.stringify({ ...file, keys: { ...file.keys, audit: sealed } }));
    await asCoordinator(t);
    expect(await t.ok('session.status')).toMatchObject({ notices: [{ kind: 'keyfile_changed' }] });
  });

  it('a key pair added by someone without a password receives no key: not at a key change, not in a backup, not at a restore', async () => {
    await t.ok('backup.create');
    const clara = await t.ok<{ id: string }>('users.me');
    await t.ok('session.lock');
    const file = join(t.dir, 'm3desk.keys');
    // Sealing needs only public keys: anyone who can write the folder can add an entry of their own —
    // here a second one for Clara's account, so that it is no closed account's leftover either.
    const scratch = join(t.dir, 'scratch.keys');
    copyFileSync(file, scratch);
    const forger = Vault.load(scratch, FAST_KDF);
    await forger.setUser({ userId: clara.id, username: 'mallory', role: 'coordinator', secret: 'Mallory-Eigenes-Passwort-1', temporaryUntil: null }, newDataKeys());
    const planted = forger.findUser('mallory')!;
    const mallory = (await forger.unlock(planted, 'Mallory-Eigenes-Passwort-1'))!.privateKey;
    const plant = () => {
      const real = JSON.parse(readFileSync(file, 'utf8')) as { identities: unknown[] };
      writeFileSync(file, JSON.stringify({ ...real, identities: [...real.identities, planted] }));
    };
    const opensSomething = async () => {
      const sealed = Object.values((JSON.parse(readFileSync(file, 'utf8')) as { keys: Record<string, string> }).keys);
      for (const f of readdirSync(join(t.dir, 'backups')).filter((n) => n.endsWith('.keys'))) {
        sealed.push((JSON.parse(readFileSync(join(t.dir, 'backups', f), 'utf8')) as { sealed: string }).sealed);
      }
      for (const s of sealed) if (await unseal(s, mallory)) return true;
      return false;
    };

    plant();
    await asCoordinator(t);
    const emre = await t.ok<{ id: string }>('users.create', { username: 'emre', displayName: 'Emre', role: 'reception' });
    await t.ok('users.deactivate', { id: emre.id });
    await t.ok('backup.create');
    expect(await opensSomething()).toBe(false);

    // Planted again, and the database damaged: the restore offered must not seal to it either.
    await t.ok('session.lock');
    plant();
    const db = join(t.dir, 'm3desk.db');
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 0);
    closeSync(fd);
    for (const f of ['m3desk.db-wal', 'm3desk.db-shm']) rmSync(join(t.dir, f), { force: true });
    expect(await login(t, COORDINATOR.username, COORDINATOR.password)).toMatchObject({ ok: false, error: { message: 'errors:db_damaged' } });
    expect((await t.call('session.restoreLatestBackup', { username: COORDINATOR.username, password: COORDINATOR.password })).ok).toBe(true);
    await t.ok('session.status');
    expect(await opensSomething()).toBe(false);
    expect(keyFile(t).identities.some((i) => i.id === planted.id)).toBe(false);
  });
});

describe('[sqlite only: a file copied over the live one] an older database', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('is noticed at unlock: a coordinator is told and may go on, others are refused', async () => {
    await addStaff(t, 'emre', 'reception', STAFF);
    // Emre's new password: the coordinator's next login replaces the keys (a copy from before would not open at all).
    await asCoordinator(t);
    await t.ok('session.lock');
    // A copy of today's file, kept aside while the office works on.
    for (const suffix of ['', '-wal', '-shm']) {
      try {
        copyFileSync(join(t.dir, `m3desk.db${suffix}`), join(t.dir, `old.db${suffix}`));
      } catch {
        // no WAL file
      }
    }
    await asCoordinator(t);
    for (let i = 0; i < 3; i += 1) await t.ok('settings.update', { backupKeep: 10 + i });
    await t.ok('session.lock');
    // The old copy is put in place of the live file.
    for (const suffix of ['', '-wal', '-shm']) {
      try {
        copyFileSync(join(t.dir, `old.db${suffix}`), join(t.dir, `m3desk.db${suffix}`));
      } catch {
        // no WAL file
      }
    }
    expect(await login(t, 'emre', STAFF)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:db_rolled_back' } });
    await asCoordinator(t);
    expect(await t.ok('session.status')).toMatchObject({ notices: [{ kind: 'rolled_back' }] });
    await t.ok('session.acceptRollback');
    expect((await t.ok<{ notices?: unknown[] }>('session.status')).notices).toBeUndefined();
    await t.ok('session.lock');
    expect((await login(t, 'emre', STAFF)).ok).toBe(true);
  });
});

describeEachDialect('marks for a key change', (dialect) => {
  it('a key change clears the marks it saw, never one set while it ran (a password changed meanwhile)', async () => {
    const s = await emptyStore(dialect, { migrated: true });
    try {
      const db = s.store.db;
      await setCaseworkRekeyDue(db);
      const seen = await rekeyMarks(db);
      expect(seen.map((m) => m.key).sort()).toEqual(['keys.casework_rekey_due', 'keys.rekey_due']);
      // Another staff member changes their password while the keys are being replaced.
      await setRekeyDue(db);
      await clearRekeyDue(db, seen);
      expect(await rekeyDue(db)).toBe(true);
      expect(await caseworkRekeyDue(db)).toBe(false);
      await clearRekeyDue(db, await rekeyMarks(db));
      expect(await rekeyDue(db)).toBe(false);
    } finally {
      await s.dispose();
    }
  });
});
