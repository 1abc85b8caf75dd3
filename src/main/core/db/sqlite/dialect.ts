/**
 * A single PC's database: one encrypted SQLite file (SQLite3 Multiple Ciphers)
 * opened with the master key, FTS5 for family search, VACUUM INTO copies as
 * backups.
 */
import type { Dialect, DatabaseFiles } from '../dialect';
import { upgradeEarlySchema } from './early-schema';
import { createFamilySearchTables, sqliteFamilySearch } from './family-search';
import { createKysely } from './kysely';
import { checkpoint, copyEncrypted, integrityOk, openDatabase, readMigrationNames } from './open';

export interface SqliteDialectOptions {
  dbFile: string;
  /** Path of an Electron build of the native module (app); undefined under Node (tests). */
  nativeBinding?: string;
  /** Page cache in KiB (bulk seeding wants more than the app's 64 MiB). */
  cacheKiB?: number;
  /** Let commits fold the WAL into the file (bulk seeding); the app checkpoints when idle instead. */
  autoCheckpoint?: boolean;
}

export function sqliteDialect(options: SqliteDialectOptions): Dialect {
  const { nativeBinding } = options;

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
  };

  return {
    migrations: { familySearch: createFamilySearchTables, upgradeEarlySchema },
    familySearch: sqliteFamilySearch,
    files,
    async open(key, { create, check }) {
      // The app checkpoints when idle, so no save waits 30–40 ms for it.
      const raw = openDatabase(options.dbFile, {
        key,
        mustExist: !create,
        check,
        nativeBinding,
        autoCheckpoint: options.autoCheckpoint ?? false,
        cacheKiB: options.cacheKiB,
      });
      const db = createKysely(raw);
      return {
        db,
        maintain: () => checkpoint(raw),
        copyTo: (target) => copyEncrypted(raw, target),
        async close() {
          if (raw.open) raw.close();
        },
      };
    },
  };
}
