import { appendFileSync, chmodSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setKey, type RawDatabase } from '../../src/main/core/db/sqlite/open';
import { createFileLogger, stackFrames } from '../../src/main/core/log';
import { DRAFT_MAX_BYTES } from '../../src/shared/rpc/areas/drafts';
import { startBridge } from '../../tools/web-bridge/server';
import { addStaff, COORDINATOR, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { tempDir } from '../support/temp';

// The smaller findings of the security review (issue 8), each with the behaviour that was missing.

const mode = (path: string) => statSync(path).mode & 0o777;
const WRONG_KEY = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';

describe('[sqlite only: files on disk] small holes', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore();
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('creates the data folder 0700 and every file in it 0600, backups in a chosen folder too', async () => {
    const share = tempDir('m3-share-');
    const chosen = join(share.path, 'Sicherungen', 'M3');
    await t.ok('settings.update', { backupDir: chosen });
    await t.ok('backup.create');
    expect(mode(t.dir)).toBe(0o700);
    for (const file of ['m3desk.db', 'm3desk.keys']) expect(mode(join(t.dir, file)), file).toBe(0o600);
    expect(mode(join(t.dir, 'backups'))).toBe(0o700);
    expect(mode(chosen)).toBe(0o700);
    const written = readdirSync(chosen);
    expect(written.some((f) => f.endsWith('.db')) && written.some((f) => f.endsWith('.keys'))).toBe(true);
    for (const file of written) expect(mode(join(chosen, file)), file).toBe(0o600);
    share.remove();
    // A data folder an earlier version left readable for others is made private again.
    chmodSync(t.dir, 0o755);
    await t.restart();
    expect(mode(t.dir)).toBe(0o700);
  });

  it('caps a draft at 256 KiB with a clear message and keeps only the newest 20 per person', async () => {
    const big = await t.call('drafts.save', { formKey: 'intake', data: { notes: 'x'.repeat(DRAFT_MAX_BYTES) } });
    expect(big).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: ['data'], message: 'validation:draft_too_large' }] } } });
    for (let i = 1; i <= 25; i += 1) {
      await t.ok('drafts.save', { formKey: `form-${i}`, data: { i } });
      // Drafts are ordered by their save time in milliseconds; a person never saves two forms in one.
      await new Promise((r) => setTimeout(r, 3));
    }
    const { items } = await t.ok<{ items: { formKey: string }[] }>('drafts.list');
    expect(items).toHaveLength(20);
    expect(items[0]?.formKey).toBe('form-25');
    expect(items.map((d) => d.formKey)).not.toContain('form-5');
  });

  it('throttles the recovery key on one counter, whatever username is typed', async () => {
    await t.ok('session.lock');
    const names = ['clara', 'anna', 'bernd', 'niemand'];
    const answers = [];
    for (const username of names) {
      answers.push(await t.call('session.recover', { recoveryKey: WRONG_KEY, username, newPassword: 'Neues-Passwort-Sommer-88' }));
    }
    expect(answers.slice(0, 3).every((a) => !a.ok)).toBe(true);
    expect(answers[3]).toMatchObject({ ok: false, error: { details: { retryAfterSeconds: 2 } } });
    const fifth = await t.call('session.recover', { recoveryKey: WRONG_KEY, username: 'zora', newPassword: 'Neues-Passwort-Sommer-88' });
    expect(fifth).toMatchObject({ ok: false, error: { message: 'errors:login_throttled' } });
  });

  it('counts a wrong current password at a password change like a failed login', async () => {
    const attempt = () => t.call('session.changePassword', { currentPassword: 'Falsch-geraten-123', newPassword: 'Neues-Passwort-Sommer-88' });
    for (let i = 0; i < 3; i += 1) expect(await attempt()).toMatchObject({ ok: false, error: { details: { issues: [{ path: ['currentPassword'] }] } } });
    expect(await attempt()).toMatchObject({ ok: false, error: { details: { retryAfterSeconds: 2 } } });
    // Even the right password waits now, and so does a login under the same name.
    const right = await t.call('session.changePassword', { currentPassword: COORDINATOR.password, newPassword: 'Neues-Passwort-Sommer-88' });
    expect(right).toMatchObject({ ok: false, error: { message: 'errors:login_throttled' } });
    await t.ok('session.lock');
    expect(await t.call('session.login', { username: COORDINATOR.username, password: COORDINATOR.password })).toMatchObject({
      ok: false,
      error: { message: 'errors:login_throttled' },
    });
  });

  it('takes only the lock screen\u2019s own entries from the audit queue file', async () => {
    await t.ok('session.lock');
    const me = COORDINATOR.username;
    expect((await t.call('session.login', { username: me, password: 'Falsch-geraten-123' })).ok).toBe(false);
    // Someone edits the unencrypted queue: a fake "recovery key used", a future date, a flood.
    const forged = [
      { at: new Date().toISOString(), method: 'session.recover', userId: null, outcome: 'ok' },
      { at: '2099-01-01T00:00:00.000Z', method: 'session.login', userId: null, outcome: 'AUTH_FAILED' },
      { at: new Date().toISOString(), method: 'users.deactivate', userId: null, outcome: 'AUTH_FAILED' },
    ];
    appendFileSync(join(t.dir, 'audit-queue.json'), forged.map((f) => `${JSON.stringify(f)}\n`).join(''));
    await t.ok('session.login', { username: me, password: COORDINATOR.password });
    expect((await t.ok<{ notices?: unknown[] }>('session.status')).notices).toBeUndefined();
    const { items } = await t.ok<{ items: { method: string; outcome: string; at: string }[] }>('audit.list', { limit: 20 });
    const queued = items.filter((i) => i.outcome !== 'ok');
    expect(queued.map((i) => i.method)).toEqual(['session.login', 'session.login']);
    expect(queued.every((i) => Date.parse(i.at) <= Date.now())).toBe(true);
    expect(items.some((i) => i.method === 'session.recover')).toBe(false);
  });

  it('the test bridge answers only to loopback host names', async () => {
    const bridge = await startBridge({ rendererDir: t.dir, port: 0, call: (method, input) => t.core.call(method, input) });
    const port = new URL(bridge.url).port;
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/rpc', method: 'POST', headers: { Host: host, Authorization: `Bearer ${bridge.token}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(JSON.stringify({ method: 'session.status', input: {} }));
      });
    try {
      expect(await status(`127.0.0.1:${port}`)).toBe(200);
      expect(await status(`localhost:${port}`)).toBe(200);
      // DNS rebinding: a page on another name that resolves to 127.0.0.1.
      expect(await status(`rebind.example:${port}`)).toBe(421);
    } finally {
      await bridge.close();
    }
  });

  it('a staff member can still log in after the throttle of another name', async () => {
    await addStaff(t, 'emre', 'reception', 'Sonnenblume-Wiese-77');
    await t.ok('session.lock');
    for (let i = 0; i < 4; i += 1) await t.call('session.login', { username: 'clara', password: 'Falsch-geraten-123' });
    expect(await t.call('session.login', { username: 'emre', password: 'Sonnenblume-Wiese-77' })).toMatchObject({ ok: true });
  });
});

describe('[no database] log and key handling', () => {
  it('rotates the log at 1 MiB, keeps three older files, all 0600', () => {
    const dir = tempDir('m3-log-');
    const log = createFileLogger(join(dir.path, 'logs'));
    const filler = 'x'.repeat(4000);
    for (let i = 0; i < 1400; i += 1) log.info('bulk', { filler });
    const files = readdirSync(join(dir.path, 'logs')).sort();
    expect(files).toEqual(['core.log', 'core.log.1', 'core.log.2', 'core.log.3']);
    for (const file of files) {
      expect(statSync(join(dir.path, 'logs', file)).size).toBeLessThan(1024 * 1024 + 8192);
      expect(mode(join(dir.path, 'logs', file))).toBe(0o600);
    }
    expect(mode(join(dir.path, 'logs'))).toBe(0o700);
    dir.remove();
  });

  it('names code locations by file name only, never a profile folder', () => {
    const error = new Error('Familie Yilmaz');
    error.stack = [
      'Error: Familie Yilmaz',
      '    at saveFamily (C:\\Users\\Ayse.Yilmaz\\AppData\\Local\\Programs\\m3-desk\\resources\\app.asar\\out\\main\\core.js:10:5)',
      '    at /home/ayse/m3/out/main/core.js:20:7',
    ].join('\n');
    const frames = stackFrames(error);
    expect(frames).toBe('at saveFamily (core.js:10:5) | at core.js:20:7');
    expect(frames).not.toMatch(/Yilmaz|ayse|Users|home/i);
  });

  it('hands the key to the driver as bytes and zeroes them after use', () => {
    const seen: unknown[] = [];
    const fake = { key: (k: unknown) => seen.push(k), rekey: (k: unknown) => seen.push(k) } as unknown as RawDatabase;
    const key = Buffer.alloc(32, 0xab);
    setKey(fake, key, 'key');
    expect(seen).toHaveLength(1);
    expect(Buffer.isBuffer(seen[0])).toBe(true);
    // What the driver got ("x'abab…'") is wiped once it has read it; no string copy was made.
    expect((seen[0] as Buffer).every((byte) => byte === 0)).toBe(true);
  });
});
