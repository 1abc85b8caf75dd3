import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addStaff, COORDINATOR, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

const login = (t: TestCore, username: string, password: string) => t.call('session.login', { username, password });

describeEachDialect('first-run setup and login', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
  });
  afterEach(async () => t.dispose());

  it('sets up the office, shows a printable recovery key once and logs the coordinator in', async () => {
    expect(await t.ok('session.status')).toEqual({ state: 'setup' });
    const key = await setUpOffice(t);
    expect(key).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(await t.ok('session.status')).toMatchObject({
      state: 'unlocked',
      user: { username: 'clara', displayName: 'Clara Koordina', role: 'coordinator' },
      officeName: 'Familienstützpunkt Testhausen',
      mustChangePassword: false,
      autoLockSeconds: 300,
    });
    expect(await t.call('session.setup', COORDINATOR)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:setup_done' } });
  });

  it('answers a wrong password and an unknown user exactly alike', async () => {
    await setUpOffice(t);
    await t.ok('session.lock');
    const wrong = await login(t, 'clara', 'Falsches-Passwort-9');
    const unknown = await login(t, 'niemand', 'Falsches-Passwort-9');
    expect(wrong).toEqual({ ok: false, error: { code: 'AUTH_FAILED', message: 'errors:AUTH_FAILED' } });
    expect(unknown).toEqual(wrong);
    expect(await t.ok('session.status')).toEqual({ state: 'locked' });
    expect(await t.call('users.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await login(t, 'Clara ', COORDINATOR.password)).toMatchObject({ ok: true, data: { user: { username: 'clara' } } });
  });

  it('throttles failed logins with a growing delay that survives a restart, for unknown names too', async () => {
    await setUpOffice(t);
    await t.ok('session.lock');
    for (const name of ['clara', 'niemand']) {
      for (let i = 0; i < 3; i += 1) expect((await login(t, name, 'Falsches-Passwort-9')).ok).toBe(false);
      const fourth = await login(t, name, 'Falsches-Passwort-9');
      expect(fourth).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', details: { retryAfterSeconds: 2 } } });
    }
    await t.restart();
    const blocked = await login(t, 'clara', COORDINATOR.password);
    expect(blocked).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: 'errors:login_throttled' } });
    expect(await login(t, 'niemand', 'x')).toMatchObject({ ok: false, error: { message: 'errors:login_throttled' } });
    await new Promise((r) => setTimeout(r, 2100));
    expect((await login(t, 'clara', COORDINATOR.password)).ok).toBe(true);
  });

  it('applies the password policy at setup with field paths and message keys', async () => {
    const result = await t.call('session.setup', { ...COORDINATOR, password: 'kurz' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: ['password'], message: 'validation:password_too_short' }] } } });
    const common = await t.call('session.setup', { ...COORDINATOR, password: 'Passwort2024!' });
    expect(common).toMatchObject({ ok: false, error: { details: { issues: [{ path: ['password'], message: 'validation:password_common' }] } } });
    const withName = await t.call('session.setup', { ...COORDINATOR, password: 'xx-clara-xx-2024' });
    expect(withName).toMatchObject({ ok: false, error: { details: { issues: [{ path: ['password'], message: 'validation:password_contains_username' }] } } });
    const badName = await t.call('session.setup', { ...COORDINATOR, username: 'Clara Müller' });
    expect(badName).toMatchObject({ ok: false, error: { details: { issues: [{ path: ['username'], message: 'validation:username_chars' }] } } });
    expect(await t.ok('session.status')).toEqual({ state: 'setup' });
  });
});

describeEachDialect('staff accounts', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('makes a new account change its temporary password before anything else', async () => {
    const created = await t.ok<{ temporaryPassword: string; temporaryUntil: string }>('users.create', { username: 'emre', displayName: 'Emre Empfang', role: 'reception' });
    // Seven plain words from the core, valid for a week: about 70 bits, nothing a coordinator has to invent.
    expect(created.temporaryPassword.split('-')).toHaveLength(7);
    expect(new Date(created.temporaryUntil).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    const temporary = created.temporaryPassword;
    await t.ok('session.lock');
    expect(await t.ok('session.login', { username: 'emre', password: temporary })).toMatchObject({ mustChangePassword: true });
    expect(await t.call('settings.get')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'errors:must_change_password' } });
    const same = await t.call('session.changePassword', { currentPassword: temporary, newPassword: temporary });
    expect(same).toMatchObject({ ok: false, error: { details: { issues: [{ path: ['newPassword'], message: 'validation:password_unchanged' }] } } });
    const wrong = await t.call('session.changePassword', { currentPassword: 'falsch-falsch-1', newPassword: 'Neues-Kennwort-Eiche-5' });
    expect(wrong).toMatchObject({ ok: false, error: { details: { issues: [{ path: ['currentPassword'], message: 'validation:current_password_wrong' }] } } });
    await t.ok('session.changePassword', { currentPassword: temporary, newPassword: 'Neues-Kennwort-Eiche-5' });
    expect(await t.ok('settings.get')).toMatchObject({ officeName: COORDINATOR.officeName });
    expect(await t.call('users.list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await t.ok('session.lock');
    expect((await login(t, 'emre', temporary)).ok).toBe(false);
    expect(await t.ok('session.login', { username: 'emre', password: 'Neues-Kennwort-Eiche-5' })).toMatchObject({ mustChangePassword: false });
  });

  it('gives a new key pair at a password change; a staff member\u2019s is followed by new keys at the next coordinator login', async () => {
    await addStaff(t, 'emre', 'reception');
    type File = { generation: number; identities: { userId: string | null; data: string; recipient: string }[]; keys: Record<string, string> };
    const read = () => JSON.parse(readFileSync(join(t.dir, 'm3desk.keys'), 'utf8')) as File;
    const emreId = (await t.ok<{ id: string }>('users.me')).id;
    const before = read();
    await t.ok('session.changePassword', { currentPassword: 'Sonnenblume-Wiese-77', newPassword: 'Ganz-Neues-Kennwort-8' });
    const after = read();
    const others = (f: File) => f.identities.filter((i) => i.userId !== emreId).map((i) => i.data).sort();
    const own = (f: File) => f.identities.find((i) => i.userId === emreId)!;
    // Nobody else's wrapped key changed; Emre's key pair is new, and the keys he holds are sealed to it.
    expect(others(after)).toEqual(others(before));
    expect(own(after).recipient).not.toBe(own(before).recipient);
    expect(after.keys.admin).toBe(before.keys.admin);
    expect(after.generation).toBe(before.generation);
    expect((await login(t, 'emre', 'Ganz-Neues-Kennwort-8')).ok).toBe(true);
    // The next coordinator login replaces the keys.
    await t.ok('session.lock');
    await t.ok('session.login', { username: 'clara', password: COORDINATOR.password });
    await t.ok('session.status');
    expect(read().generation).toBe(before.generation + 1);
    await t.ok('session.lock');
    expect((await login(t, 'emre', 'Ganz-Neues-Kennwort-8')).ok).toBe(true);
  });

  it('refuses a taken username, and a coordinator cannot deactivate, demote or reset themselves (so one always remains)', async () => {
    const taken = await t.call('users.create', { username: 'clara', displayName: 'Noch eine Clara', role: 'reception' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { issues: [{ path: ['username'], message: 'validation:username_taken' }] } } });
    const me = await t.ok<{ id: string }>('users.me');
    expect(await t.call('users.deactivate', { id: me.id })).toMatchObject({ ok: false, error: { message: 'errors:cannot_deactivate_self' } });
    expect(await t.call('users.update', { id: me.id, role: 'caseworker' })).toMatchObject({ ok: false, error: { message: 'errors:own_role' } });
    expect(await t.call('users.resetPassword', { id: me.id })).toMatchObject({ ok: false, error: { message: 'errors:own_password_reset' } });
  });

  it('deactivating an account removes its key slot so it can no longer log in', async () => {
    const id = await addStaff(t, 'emre', 'reception');
    await t.ok('session.lock');
    await t.ok('session.login', { username: 'clara', password: COORDINATOR.password });
    await t.ok('users.deactivate', { id });
    const file = JSON.parse(readFileSync(join(t.dir, 'm3desk.keys'), 'utf8')) as { identities: { userId: string | null }[] };
    expect(file.identities.some((s) => s.userId === id)).toBe(false);
    await t.ok('session.lock');
    expect(await login(t, 'emre', 'Sonnenblume-Wiese-77')).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  });

  it('resets a password to a temporary one', async () => {
    const id = await addStaff(t, 'emre', 'reception');
    await t.ok('session.lock');
    await t.ok('session.login', { username: 'clara', password: COORDINATOR.password });
    const reset = await t.ok<{ mustChangePassword: boolean; temporaryPassword: string }>('users.resetPassword', { id });
    expect(reset.mustChangePassword).toBe(true);
    await t.ok('session.lock');
    expect((await login(t, 'emre', 'Sonnenblume-Wiese-77')).ok).toBe(false);
    expect(await t.ok('session.login', { username: 'emre', password: reset.temporaryPassword })).toMatchObject({ mustChangePassword: true });
  });

  it('recovers a forgotten password with the printed recovery key, typed loosely', async () => {
    const other = await startTestCore({ dialect });
    const key = await setUpOffice(other);
    await other.ok('session.lock');
    const typed = key.toLowerCase().replace(/-/g, ' ');
    expect(await other.call('session.recover', { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', username: 'clara', newPassword: 'Wiedergefunden-Moos-4' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', message: 'errors:recovery_failed' },
    });
    await other.ok('session.recover', { recoveryKey: typed, username: 'clara', newPassword: 'Wiedergefunden-Moos-4' });
    expect(await other.ok('session.status')).toMatchObject({ state: 'unlocked', user: { username: 'clara' } });
    await other.ok('session.lock');
    expect((await login(other, 'clara', COORDINATOR.password)).ok).toBe(false);
    expect((await login(other, 'clara', 'Wiedergefunden-Moos-4')).ok).toBe(true);
    await other.dispose();
  });

  it('keeps names out of the slot file and uses scrypt N=2^17 by default', async () => {
    const real = await startTestCore({ dialect, kdf: undefined });
    await setUpOffice(real);
    const text = readFileSync(join(real.dir, 'm3desk.keys'), 'utf8');
    expect(text).not.toMatch(/clara|Clara|Testhausen/);
    const file = JSON.parse(text) as { identities: { kind: string; kdf: { N: number; r: number; p: number } }[] };
    expect(file.identities.map((s) => s.kind).sort()).toEqual(['recovery', 'user']);
    for (const slot of file.identities) expect(slot.kdf).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    await real.dispose();
  });
});

describeEachDialect('lock', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('locks itself after the configured inactivity and tells the UI', async () => {
    const events: unknown[] = [];
    t.core.onEvent((event, payload) => events.push([event, payload]));
    await t.ok('settings.update', { autoLockMinutes: 0.25 });
    t.clock.advance(10_000);
    await t.ok('session.heartbeat');
    t.clock.advance(10_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(await t.ok('session.status')).toMatchObject({ state: 'unlocked' });
    t.clock.advance(6_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(await t.ok('session.status')).toEqual({ state: 'locked' });
    expect(events).toContainEqual(['locked', { reason: 'idle' }]);
    expect(await t.call('settings.get')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('ends an open session like a lock when someone logs in over it, so every window follows', async () => {
    const events: unknown[] = [];
    t.core.onEvent((event, payload) => events.push([event, payload]));
    await addStaff(t, 'emre', 'reception');
    events.length = 0;
    await t.ok('session.login', { username: 'clara', password: COORDINATOR.password });
    expect(events.slice(0, 2)).toEqual([['locked', { reason: 'manual' }], ['unlocked', undefined]]);
    const { items } = await t.ok<{ items: { method: string; userName: string }[] }>('audit.list', { limit: 2 });
    expect(items.map((i) => `${i.method} ${i.userName}`)).toEqual(['session.login Clara Koordina', 'session.lock Test emre']);
  });

  it('keeps a draft encrypted for its owner only and offers it back after unlock', async () => {
    await addStaff(t, 'emre', 'reception');
    await t.ok('drafts.save', { formKey: 'intake', data: { familyName: 'Yılmaz', note: 'kommt Dienstag' } });
    await t.ok('session.lock');
    await t.ok('session.login', { username: 'clara', password: COORDINATOR.password });
    expect(await t.ok('drafts.list')).toEqual({ items: [] });
    await t.ok('session.lock');
    await t.ok('session.login', { username: 'emre', password: 'Sonnenblume-Wiese-77' });
    expect(await t.ok('drafts.list')).toMatchObject({ items: [{ formKey: 'intake', data: { familyName: 'Yılmaz', note: 'kommt Dienstag' } }] });
    expect(await t.ok('drafts.discard', { formKey: 'intake' })).toEqual({ discarded: true });
    expect(await t.ok('drafts.list')).toEqual({ items: [] });
  });
});

// The office hub's PostgreSQL does not encrypt its files (its data directory
// must sit on an encrypted volume): this one runs on the PC's SQLite file only.
describe('[sqlite only: file encryption] data folder', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
  });
  afterEach(async () => t.dispose());

  it('keeps every byte on disk encrypted: no names, no SQLite header, no table names', async () => {
    await setUpOffice(t);
    await t.ok('users.create', { username: 'rezeption.ayse', displayName: 'Ayşe Yılmaz-Markerfrau', role: 'reception' });
    await t.ok('backup.create');
    await t.ok('drafts.save', { formKey: 'users.create', data: { displayName: 'Draftmarker Person' } });
    await t.ok('session.lock');
    const needles = ['clara', 'Clara Koordina', 'Testhausen', 'rezeption.ayse', 'Markerfrau', 'Draftmarker', 'SQLite format 3', 'CREATE TABLE', 'audit_log'];
    const files = allFiles(t.dir);
    expect(files.some((f) => f.endsWith('m3desk.db'))).toBe(true);
    expect(files.some((f) => f.includes('backups') && f.endsWith('.db'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles) {
        for (const encoding of ['utf8', 'utf16le'] as const) {
          expect({ file, needle, found: bytes.includes(Buffer.from(needle, encoding)) }).toEqual({ file, needle, found: false });
        }
      }
    }
  });
});
