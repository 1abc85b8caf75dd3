/**
 * A single PC's database: one encrypted SQLite file (SQLite3 Multiple Ciphers)
 * opened with the master key, FTS5 for family search, VACUUM INTO copies as
 * backups.
 */
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import type { Logger } from '../../log';
import type { Dialect, DatabaseFiles } from '../dialect';
import { upgradeEarlySchema } from './early-schema';
import { createFamilySearchTables, sqliteFamilySearch } from './family-search';
import { createKysely } from './kysely';
import { FileJobs } from './file-jobs';
import { checkpoint, integrityOk, openDatabase, readMigrationNames, rekeyFile } from './open';

export interface SqliteDialectOptions {
  dbFile: string;
  /** Path of an Electron build of the native module (app); undefined under Node (tests). */
  nativeBinding?: string;
  /** Page cache in KiB (bulk seeding wants more than the app's 64 MiB). */
  cacheKiB?: number;
  /** Let commits fold the WAL into the file (bulk seeding); the app checkpoints when idle instead. */
  autoCheckpoint?: boolean;
  log?: Logger;
}

export function sqliteDialect(options: SqliteDialectOptions): Dialect {
  const { nativeBinding } = options;
  const jobs = new FileJobs(nativeBinding, options.log);

  const files: DatabaseFiles = {
    check(file, key) {
      const raw = openDatabase(file, { key, readonly: true, mustExist: true, nativeBinding });
      try {
        return { integrityOk: integrityOk(raw), migrations: readMigrationNames(raw) };
      } finally {
        raw.close();
      }
    },
    async read(file, key, read) {
      const raw = openDatabase(file, { key, readonly: true, mustExist: true, nativeBinding });
      const db = createKysely(raw);
      try {
        return await read(db);
      } finally {
        await db.destroy();
        if (raw.open) raw.close();
      }
    },
    rekey: (file, from, to) => rekeyFile(file, from, to, nativeBinding),
    async write(file, key, write) {
      // A rollback journal, not WAL: when it closes, everything is in the one file that is swapped in.
      const raw = openDatabase(file, { key, mustExist: true, nativeBinding, walMode: false });
      const db = createKysely(raw);
      try {
        await db.transaction().execute((trx) => write(trx));
      } finally {
        await db.destroy();
        if (raw.open) raw.close();
      }
    },
  };

  return {
    storageFailure(error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code !== 'string') return null;
      if (code === 'SQLITE_FULL') return 'full';
      if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') return 'readonly';
      return null;
    },
    migrations: { familySearch: createFamilySearchTables, upgradeEarlySchema },
    familySearch: sqliteFamilySearch,
    files,
    close: () => jobs.close(),
    async open(key, { create, check }) {
      // The page check reads the whole file (1.6 s at 50,000 families): on the way in only after
      // the app stopped without closing the file; otherwise it runs in the background (checkPages).
      const marker = `${options.dbFile}.open`;
      // Left by a background check that found damage: checked again until a check passes.
      const suspect = `${options.dbFile}.check`;
      const unclean = existsSync(marker) || existsSync(suspect);
      // The app checkpoints when idle, so no save waits 30–40 ms for it.
      const raw = openDatabase(options.dbFile, {
        key,
        mustExist: !create,
        check: check && unclean,
        nativeBinding,
        autoCheckpoint: options.autoCheckpoint ?? false,
        cacheKiB: options.cacheKiB,
      });
      // Readable by this user only (SQLite gives its -wal and -shm files the same rights).
      chmodSync(options.dbFile, 0o600);
      if (check && unclean) rmSync(suspect, { force: true });
      try {
        writeFileSync(marker, '', { mode: 0o600 });
      } catch {
        // A read-only folder: the first write will say so.
      }
      const db = createKysely(raw);
      // Kept to re-encrypt copies; wiped when the store closes.
      const openKey = Buffer.from(key);
      let closed = false;
      return {
        db,
        maintain: () => checkpoint(raw),
        // A reader of its own in a worker thread: the core keeps answering while the copy is made.
        copyTo: (target, copyKey) => (closed ? Promise.reject(new Error('store closed')) : jobs.copy(options.dbFile, openKey, target, copyKey)),
        // Never with the wiped key of a closed store: that would read as damage.
        checkPages: () => (closed ? Promise.reject(new Error('store closed')) : jobs.check(options.dbFile, openKey)),
        markSuspect: () => writeFileSync(suspect, '', { mode: 0o600 }),
        checkedOnOpen: check && unclean,
        async close() {
          closed = true;
          openKey.fill(0);
          if (raw.open) raw.close();
          rmSync(marker, { force: true });
        },
      };
    },
  };
}
