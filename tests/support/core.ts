import { createCore, type Core, type CoreOptions } from '../../src/main/core/core';
import { silentLogger } from '../../src/main/core/log';
import type { KdfParams } from '../../src/main/core/vault/kdf';
import type { RpcResult } from '../../src/shared/errors';
import { tempDir } from './temp';

/** Cheaper scrypt for tests that log in many times; the app always uses N = 2^17. */
export const FAST_KDF: KdfParams = { name: 'scrypt', N: 2 ** 12, r: 8, p: 1 };

export const COORDINATOR = {
  officeName: 'Familienstützpunkt Testhausen',
  officeLocation: 'Kaufbeuren',
  displayName: 'Clara Koordina',
  username: 'clara',
  password: 'Lindenblatt-Regen-42',
};

export interface TestCore {
  core: Core;
  dir: string;
  clock: { now: number; advance(ms: number): void };
  call<T = unknown>(method: string, input?: unknown): Promise<RpcResult<T>>;
  /** Asserts success and returns the data. */
  ok<T = Record<string, unknown>>(method: string, input?: unknown): Promise<T>;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** The real core over a real encrypted database in a temp folder. */
export async function startTestCore(options: Partial<CoreOptions> = {}): Promise<TestCore> {
  const dir = tempDir('m3-core-');
  const clock = {
    now: Date.now(),
    advance(ms: number) {
      this.now += ms;
    },
  };
  const make = () =>
    createCore({ dataDir: dir.path, log: silentLogger, kdf: FAST_KDF, clock: () => clock.now, idleCheckMs: 20, ...options });
  const handle: TestCore = {
    core: await make(),
    dir: dir.path,
    clock,
    call: (method, input = {}) => handle.core.call(method, input) as never,
    async ok(method, input = {}) {
      const result = await handle.core.call(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
      return result.data as never;
    },
    async restart() {
      await handle.core.close();
      handle.core = await make();
    },
    async dispose() {
      await handle.core.close();
      dir.remove();
    },
  };
  return handle;
}

/** A set-up office with the coordinator logged in. Returns the recovery key. */
export async function setUpOffice(t: TestCore): Promise<string> {
  const { recoveryKey } = await t.ok<{ recoveryKey: string }>('session.setup', COORDINATOR);
  return recoveryKey;
}

/** Creates a staff member and gets them past the temporary password; leaves them logged in. */
export async function addStaff(t: TestCore, username: string, role: string, password = 'Sonnenblume-Wiese-77'): Promise<string> {
  await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
  const user = await t.ok<{ id: string }>('users.create', { username, displayName: `Test ${username}`, role, temporaryPassword: 'Vorlaeufig-Passwort-1' });
  await t.ok('session.lock');
  await t.ok('session.login', { username, password: 'Vorlaeufig-Passwort-1' });
  await t.ok('session.changePassword', { currentPassword: 'Vorlaeufig-Passwort-1', newPassword: password });
  return user.id;
}
