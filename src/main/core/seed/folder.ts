/**
 * A data folder for seeding: first-run setup (or login) through the real
 * core, then the database opened directly with the master key unwrapped from
 * the user's key slot, so families can be written in large transactions.
 * Used by `npm run seed` and by the benchmark.
 */
import type { RpcResult } from '../../../shared/errors';
import type { Core } from '../core';
import type { Store } from '../db/dialect';
import { createDialect } from '../db/dialects';
import type { Db } from '../db/schema';
import type { NoteSearchIndex } from '../casework/search-index';
import type { FamilySearchIndex } from '../families/search-index';
import { corePaths } from '../state';
import { Vault, wipeKeys } from '../vault/vault';

export const SEED_USERNAME = 'admin';
export const SEED_OFFICE = 'Familienstützpunkt Seed';

export class SeedError extends Error {
  override name = 'SeedError';
}

/** The data of a successful call, or a SeedError naming the method and error code. */
export async function expectOk<T = unknown>(method: string, pending: Promise<RpcResult<unknown>>): Promise<T> {
  const result = await pending;
  if (!result.ok) {
    const details = result.error.details ? ` ${JSON.stringify(result.error.details)}` : '';
    throw new SeedError(`${method} failed: ${result.error.code} ${result.error.message}${details}`);
  }
  return result.data as T;
}

/**
 * Runs first-run setup in a fresh folder (user `admin`, coordinator) or logs
 * in as `admin` in one that is set up already. Leaves the core unlocked.
 */
export async function startSeedSession(core: Core, password: string): Promise<{ setUp: boolean; recoveryKey?: string }> {
  const status = await expectOk<{ state: string }>('session.status', core.call('session.status', {}));
  if (status.state === 'setup') {
    const data = await expectOk<{ recoveryKey: string }>(
      'session.setup',
      core.call('session.setup', { officeName: SEED_OFFICE, displayName: 'Admin', username: SEED_USERNAME, password }),
    );
    return { setUp: true, recoveryKey: data.recoveryKey };
  }
  if (status.state === 'locked') {
    const login = await core.call('session.login', { username: SEED_USERNAME, password });
    if (!login.ok && login.error.code === 'AUTH_FAILED') {
      throw new SeedError(`cannot log in as ${SEED_USERNAME}: wrong password, or this folder has no user ${SEED_USERNAME} (${login.error.message})`);
    }
    await expectOk('session.login', Promise.resolve(login));
  }
  return { setUp: false };
}

/** The database's office key, unsealed with the user's identity (null for a wrong name or password). */
export async function unwrapMasterKey(dataDir: string, username: string, password: string): Promise<Buffer | null> {
  const vault = Vault.load(corePaths(dataDir).keysFile);
  const identity = vault.findUser(username);
  const unlocked = identity ? await vault.unlock(identity, password) : null;
  if (!unlocked?.keys.office) return null;
  const office = Buffer.from(unlocked.keys.office);
  wipeKeys(unlocked.keys);
  return office;
}

/** The casework key and the generation of its file, unsealed with the user's identity (a caseworker's or coordinator's). */
export async function unwrapCaseworkKey(dataDir: string, username: string, password: string): Promise<{ key: Buffer; generation: number } | null> {
  const vault = Vault.load(corePaths(dataDir).keysFile);
  const identity = vault.findUser(username);
  const unlocked = identity ? await vault.unlock(identity, password) : null;
  if (!unlocked?.keys.casework) return null;
  const key = Buffer.from(unlocked.keys.casework);
  wipeKeys(unlocked.keys);
  return { key, generation: vault.caseworkGeneration };
}

export interface FolderDatabase {
  db: Db;
  /** The database's family search index, for insertFamily. */
  search: FamilySearchIndex;
  /** The note search index (with the case-work file attached). */
  noteSearch: NoteSearchIndex;
  /** Folds the WAL into the file (after a bulk write). */
  checkpoint(): void;
  close(): Promise<void>;
}

/** Page cache for bulk seeding: the random-UUID keys of a growing file touch pages all over it. */
export const SEED_CACHE_KIB = 512 * 1024;

/**
 * Opens the folder's encrypted database with the given master key for bulk
 * writing. Open it only while the core is locked: the core expects to be the
 * only writer while someone is logged in.
 */
export async function openFolderDatabase(
  dataDir: string,
  key: Buffer,
  options: { cacheKiB?: number; casework?: { key: Buffer; generation: number } } = {},
): Promise<FolderDatabase> {
  const dialect = createDialect(
    { dialect: 'sqlite' },
    { dbFile: corePaths(dataDir).dbFile, nativeBinding: process.env.M3_NATIVE_BINDING, cacheKiB: options.cacheKiB, autoCheckpoint: true },
  );
  const store: Store = await dialect.open(key, { create: false, check: false });
  if (options.casework) await store.attachCasework(options.casework.key, options.casework.generation, { create: false });
  return {
    db: store.db,
    search: dialect.familySearch,
    noteSearch: dialect.noteSearch,
    checkpoint: () => store.maintain(),
    close: () => store.close(),
  };
}
