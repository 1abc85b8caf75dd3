import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/core';
import type { DatabaseConfig } from '../../src/main/core/db/dialect';
import { openDatabase } from '../../src/main/core/db/sqlite/open';
import { silentLogger } from '../../src/main/core/log';
import { Vault, wipeKeys } from '../../src/main/core/vault/vault';
import type { RpcResult } from '../../src/shared/errors';
import type { TestDialect } from './dialects';
import { FAST_KDF } from './kdf';
import { createTestDatabase } from './postgres';
import { tempDir } from './temp';

export { FAST_KDF } from './kdf';

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
  dialect: TestDialect;
  /** The core's database settings (a second core process can share a PostgreSQL one). */
  database: DatabaseConfig;
  /**
   * Runs SQL straight on the database, past the core — as someone with the
   * data folder and the coordinator's password (SQLite), or with database
   * access (PostgreSQL), could. The core may be open (a second connection).
   */
  tamper(statements: string[]): Promise<void>;
  clock: { now: number; advance(ms: number): void };
  call<T = unknown>(method: string, input?: unknown): Promise<RpcResult<T>>;
  /** Asserts success and returns the data. */
  ok<T = Record<string, unknown>>(method: string, input?: unknown): Promise<T>;
  restart(): Promise<void>;
  /** Waits for background work (the daily backup, the page check). */
  settled(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The real core over a real database: an encrypted SQLite file in a temp
 * folder, or a fresh database on the test run's PostgreSQL.
 */
export async function startTestCore(options: Partial<CoreOptions> & { dialect?: TestDialect } = {}): Promise<TestCore> {
  const { dialect = 'sqlite', ...coreOptions } = options;
  const dir = tempDir('m3-core-');
  const pgDatabase = dialect === 'postgres' ? await createTestDatabase() : null;
  const database: DatabaseConfig = pgDatabase ? { dialect: 'postgres', connection: pgDatabase.connection } : { dialect: 'sqlite' };
  const clock = {
    now: Date.now(),
    advance(ms: number) {
      this.now += ms;
    },
  };
  const make = () =>
    createCore({ dataDir: dir.path, log: silentLogger, kdf: FAST_KDF, clock: () => clock.now, idleCheckMs: 20, database, ...coreOptions });
  const handle: TestCore = {
    core: await make(),
    dir: dir.path,
    dialect,
    database,
    clock,
    async tamper(statements) {
      if (pgDatabase) {
        const client = new pg.Client(pgDatabase.connection);
        await client.connect();
        try {
          for (const statement of statements) await client.query(statement);
        } finally {
          await client.end();
        }
        return;
      }
      const key = await officeKey(dir.path);
      const raw = openDatabase(join(dir.path, 'm3desk.db'), { key });
      try {
        for (const statement of statements) raw.prepare(statement).run();
      } finally {
        raw.close();
        key.fill(0);
      }
    },
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
    settled: () => handle.core.settled(),
    async dispose() {
      await handle.core.close();
      await pgDatabase?.drop();
      dir.remove();
      rmSync(`${dir.path}.anchor`, { force: true });
    },
  };
  return handle;
}

/** The office key, unsealed the way the app does it with the coordinator's password (to open the file past the core). */
export async function officeKey(dir: string, username = COORDINATOR.username, password = COORDINATOR.password): Promise<Buffer> {
  const vault = Vault.load(join(dir, 'm3desk.keys'), FAST_KDF);
  const unlocked = await vault.unlock(vault.findUser(username)!, password);
  if (!unlocked?.keys.office) throw new Error('the key file does not open with this password');
  const key = Buffer.from(unlocked.keys.office);
  wipeKeys(unlocked.keys);
  return key;
}

/** A set-up office with the coordinator logged in. Returns the recovery key. */
export async function setUpOffice(t: TestCore): Promise<string> {
  const { recoveryKey } = await t.ok<{ recoveryKey: string }>('session.setup', COORDINATOR);
  // The backup right after setup is made in the background.
  await t.settled();
  return recoveryKey;
}

/** Creates a staff member and gets them past the temporary password the core issued; leaves them logged in. */
export async function addStaff(t: TestCore, username: string, role: string, password = 'Sonnenblume-Wiese-77'): Promise<string> {
  await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
  const user = await t.ok<{ id: string; temporaryPassword: string }>('users.create', { username, displayName: `Test ${username}`, role });
  await t.ok('session.lock');
  await t.ok('session.login', { username, password: user.temporaryPassword });
  await t.ok('session.changePassword', { currentPassword: user.temporaryPassword, newPassword: password });
  return user.id;
}
