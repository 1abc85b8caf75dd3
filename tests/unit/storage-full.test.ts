import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { silentLogger } from '../../src/main/core/log';
import { COORDINATOR, FAST_KDF } from '../support/core';
import { startCoreProcess } from '../support/core-process';
import { familyInput } from '../support/families';

/** A small tmpfs the test can fill and make read-only; null where mounting is not allowed. */
function mountSmallDisk(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'm3-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const disk = mountSmallDisk();
const remount = (mode: 'ro' | 'rw') => execFileSync('mount', ['-o', `remount,${mode}`, disk!], { stdio: 'ignore' });

// The data folder on a small disk of its own: filled up, and made read-only, as a full or broken drive would.
describe('[sqlite only: a data folder on a disk that fills up] a full or read-only disk', () => {
  let core: Core;
  const call = async <T = unknown>(method: string, input: unknown = {}) => (await core.call(method, input)) as { ok: boolean; data?: T; error?: { code: string; message: string } };
  beforeAll(async () => {
    if (!disk) return;
    core = await createCore({ dataDir: join(disk, 'data'), log: silentLogger, kdf: FAST_KDF });
    expect((await call('session.setup', COORDINATOR)).ok).toBe(true);
    // The day's first backup (after setup) has been written.
    await call('session.status');
  });
  afterAll(async () => {
    if (!disk) return;
    await core?.close();
    // Lazily: a worker thread may let go of the folder a moment later.
    execFileSync('umount', ['-l', disk], { stdio: 'ignore' });
    rmSync(disk, { recursive: true, force: true });
  });

  it.skipIf(!disk)(`answers STORAGE_FULL, keeps answering, saves again once space is freed, and loses nothing${disk ? '' : ' (skipped: this machine does not allow mounting a tmpfs)'}`, async () => {
    const before = await call<{ id: string }>('families.create', familyInput({ displayName: 'Vorher' }));
    expect(before.ok).toBe(true);
    const { bavail, bsize } = statfsSync(disk!);
    const filler = join(disk!, 'filler');
    writeFileSync(filler, Buffer.alloc(Number(bavail) * Number(bsize)));
    let full: Awaited<ReturnType<typeof call>> | undefined;
    // The WAL may still have room for one or two small writes: keep trying until the disk refuses.
    for (let i = 0; i < 50 && !full; i += 1) {
      const r = await call('families.create', familyInput({ displayName: `Voll ${i}` }));
      if (!r.ok) full = r;
    }
    expect(full).toEqual({ ok: false, error: { code: 'STORAGE_FULL', message: 'errors:STORAGE_FULL' } });
    // The core goes on answering (a search or a page of the list, which must leave a trace, waits for space like a save).
    expect((await call<{ items: unknown[] }>('districts.list', {})).data?.items.length).toBeGreaterThan(0);
    expect((await call('families.search', { query: 'vorher' })).error?.code).toBe('STORAGE_FULL');
    expect((await call('families.list', {})).error?.code).toBe('STORAGE_FULL');
    rmSync(filler);
    expect((await call('families.create', familyInput({ displayName: 'Nachher' }))).ok).toBe(true);
    expect((await call<{ items: unknown[] }>('families.search', { query: 'vorher' })).data?.items).toHaveLength(1);
    expect((await call<{ ok: boolean }>('audit.verify')).data?.ok).toBe(true);
  });

  it.skipIf(!disk)(`says so when the data folder is read-only at start, and works again once it is writable${disk ? '' : ' (skipped: this machine does not allow mounting a tmpfs)'}`, async () => {
    await call('session.lock');
    await core.close();
    // Each start is the app started anew (its own process), as after IT fixed the drive.
    const start = () => startCoreProcess('tests/support/core-child.ts', { M3_DATA_DIR: join(disk!, 'data'), M3_TEST_DATABASE: JSON.stringify({ dialect: 'sqlite' }) });
    const login = { username: COORDINATOR.username, password: COORDINATOR.password };
    remount('ro');
    try {
      const readOnly = await start();
      expect(await readOnly.call('session.login', login)).toMatchObject({ ok: false, error: { code: 'STORAGE_READONLY', message: 'errors:STORAGE_READONLY' } });
      expect((await readOnly.call('session.status')).ok).toBe(true);
      await readOnly.stop();
    } finally {
      remount('rw');
    }
    const writable = await start();
    expect((await writable.call('session.login', login)).ok).toBe(true);
    expect((await writable.call('families.create', familyInput({ displayName: 'Wieder frei' }))).ok).toBe(true);
    await writable.stop();
  });
});
