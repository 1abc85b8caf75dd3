import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COORDINATOR, setUpOffice, startTestCore } from '../support/core';
import { familyInput } from '../support/families';
import { runUntilKilled } from '../support/kill-child';

/** Runs the rekeying child until `afterMs` after it is ready, then SIGKILLs it; answers the rounds it finished. */
async function rekeyAndKill(dataDir: string, userId: string, afterMs: number): Promise<number> {
  const lines = await runUntilKilled('tests/support/rekey-child.ts', [dataDir, COORDINATOR.username, COORDINATOR.password, userId], afterMs);
  return lines.filter((l) => /^\d+$/.test(l)).length;
}

/**
 * Replacing the keys re-encrypts the database by swapping in a copy and
 * writes the next key file first: killed at any moment, the office still
 * opens — with the old keys and file or with the new ones — and the next
 * login finishes or drops what was half done.
 */
describe('[sqlite only: the database file is re-encrypted] rekey crash safety', () => {
  it('opens intact after SIGKILLs at random moments of repeated rekeys', async () => {
    const t = await startTestCore();
    try {
      await setUpOffice(t);
      for (let i = 0; i < 200; i += 1) await t.ok('families.create', familyInput({ displayName: `Familie ${i}` }));
      const user = await t.ok<{ id: string }>('users.create', { username: 'emre', displayName: 'Emre', role: 'reception' });
      await t.ok('session.lock');
      await t.core.close();
      // How long one rekey takes on this machine (slower under load): the kills fall within about six of them.
      const measured = await rekeyAndKill(t.dir, user.id, 3000);
      const window = Math.min(8000, Math.max(400, (6 * 3000) / Math.max(1, measured)));
      let rounds = 0;
      let halfDone = 0;
      for (let i = 0; i < 12; i += 1) {
        rounds += await rekeyAndKill(t.dir, user.id, 30 + Math.floor(Math.random() * window));
        await t.restart();
        if (existsSync(join(t.dir, 'm3desk.keys.next'))) halfDone += 1;
        const login = await t.call('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
        expect({ kill: i, login: login.ok }).toEqual({ kill: i, login: true });
        expect(await t.ok('audit.verify')).toMatchObject({ ok: true });
        expect((await t.ok<{ items: unknown[] }>('families.search', { query: 'familie' })).items.length).toBeGreaterThan(0);
        expect([existsSync(join(t.dir, 'm3desk.keys.next')), existsSync(join(t.dir, 'm3desk.db.rekey'))]).toEqual([false, false]);
        await t.ok('session.lock');
        await t.core.close();
      }
      // The kills fell inside rekeys, not only between them.
      expect(rounds).toBeGreaterThan(3);
      console.log(`rekey crash test: ${rounds} rekeys finished, ${halfDone} of 12 kills left one half done (kills within ${Math.round(window)} ms)`);
      await t.restart();
    } finally {
      await t.dispose();
    }
  }, 240_000);
});

const STATE = ['m3desk.db', 'm3desk.db-wal', 'm3desk.db-shm', 'm3desk.keys'];
/** Keeps the database and key file as they are now, to put back later as a crash before the swap leaves them. */
const saveState = (dir: string) => STATE.forEach((f) => existsSync(join(dir, f)) && copyFileSync(join(dir, f), join(dir, `${f}.saved`)));
const putBack = (dir: string) => STATE.forEach((f) => existsSync(join(dir, `${f}.saved`)) && renameSync(join(dir, `${f}.saved`), join(dir, f)));

describe('[sqlite only: the database file is re-encrypted] a rekey stopped half way', () => {
  it('finishes at the next login when the database was already swapped', async () => {
    const t = await startTestCore();
    try {
      await setUpOffice(t);
      const user = await t.ok<{ id: string }>('users.create', { username: 'emre', displayName: 'Emre', role: 'reception' });
      const keys = join(t.dir, 'm3desk.keys');
      copyFileSync(keys, join(t.dir, 'before.keys'));
      await t.ok('users.resetPassword', { id: user.id });
      await t.ok('session.lock');
      // The state of a crash after the swap: the new database, the old key file, the new one still "next".
      renameSync(keys, join(t.dir, 'm3desk.keys.next'));
      renameSync(join(t.dir, 'before.keys'), keys);
      await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
      expect(existsSync(join(t.dir, 'm3desk.keys.next'))).toBe(false);
      expect(await t.ok('audit.verify')).toMatchObject({ ok: true });
      await t.ok('session.lock');
      await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    } finally {
      await t.dispose();
    }
  });

  it('drops the next key file when the database was not swapped yet', async () => {
    const t = await startTestCore();
    try {
      await setUpOffice(t);
      const user = await t.ok<{ id: string }>('users.create', { username: 'emre', displayName: 'Emre', role: 'reception' });
      const keys = join(t.dir, 'm3desk.keys');
      await t.ok('session.lock');
      // The state of a crash before the swap: a "next" key file whose keys open nothing here.
      saveState(t.dir);
      await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
      await t.ok('users.resetPassword', { id: user.id });
      await t.ok('session.lock');
      renameSync(keys, join(t.dir, 'm3desk.keys.next'));
      putBack(t.dir);
      await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
      expect(existsSync(join(t.dir, 'm3desk.keys.next'))).toBe(false);
      expect(await t.ok('audit.verify')).toMatchObject({ ok: true });
    } finally {
      await t.dispose();
    }
  });

  // A coordinator's own password change rekeys: the new key pair and password are only in the next file.
  const NEW_PASSWORD = 'Neues-Koordinationswort-31';
  const notices = async (t: Awaited<ReturnType<typeof startTestCore>>) => ((await t.ok<{ notices?: { kind: string }[] }>('session.status')).notices ?? []).map((n) => n.kind);

  it('lets a coordinator in with the password a swapped rekey set, and offers no restore for the old one', async () => {
    const t = await startTestCore();
    try {
      await setUpOffice(t);
      const keys = join(t.dir, 'm3desk.keys');
      copyFileSync(keys, join(t.dir, 'before.keys'));
      await t.ok('session.changePassword', { currentPassword: COORDINATOR.password, newPassword: NEW_PASSWORD });
      await t.ok('session.lock');
      renameSync(keys, join(t.dir, 'm3desk.keys.next'));
      renameSync(join(t.dir, 'before.keys'), keys);
      const old = { username: COORDINATOR.username, password: COORDINATOR.password };
      expect(await t.call('session.login', old)).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: 'errors:rekey_unfinished' } });
      expect(await t.call('session.restoreLatestBackup', old)).toMatchObject({ ok: false, error: { message: 'errors:rekey_unfinished' } });
      await t.ok('session.login', { username: COORDINATOR.username, password: NEW_PASSWORD });
      expect(existsSync(join(t.dir, 'm3desk.keys.next'))).toBe(false);
      expect(await notices(t)).toEqual([]);
      expect(await t.ok('audit.verify')).toMatchObject({ ok: true });
    } finally {
      await t.dispose();
    }
  });

  it('keeps the old password and the live key holders when a coordinator\u2019s rekey stopped before the swap', async () => {
    const t = await startTestCore();
    try {
      await setUpOffice(t);
      const keys = join(t.dir, 'm3desk.keys');
      const anchor = `${t.dir}.anchor`;
      await t.ok('session.lock');
      // The state before the change (the audit anchor outside the folder with it: the crash left no later one).
      saveState(t.dir);
      copyFileSync(anchor, `${anchor}.saved`);
      await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
      await t.ok('session.changePassword', { currentPassword: COORDINATOR.password, newPassword: NEW_PASSWORD });
      await t.ok('session.lock');
      renameSync(keys, join(t.dir, 'm3desk.keys.next'));
      putBack(t.dir);
      renameSync(`${anchor}.saved`, anchor);
      expect(await t.call('session.login', { username: COORDINATOR.username, password: NEW_PASSWORD })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
      await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
      expect(existsSync(join(t.dir, 'm3desk.keys.next'))).toBe(false);
      // The live file kept its own record of the key holders: nothing looks changed.
      expect(await notices(t)).toEqual([]);
    } finally {
      await t.dispose();
    }
  });
});
