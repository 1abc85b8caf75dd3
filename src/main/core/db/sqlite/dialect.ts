/**
 * A single PC's database: one encrypted SQLite file (SQLite3 Multiple Ciphers)
 * opened with the master key, FTS5 for family search, VACUUM INTO copies as
 * backups.
 */
import { chmodSync, existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { Logger } from '../../log';
import { StoreOpenError, type Dialect, type DatabaseFiles } from '../dialect';
import { upgradeEarlySchema } from './early-schema';
import { createFamilySearchTables, sqliteFamilySearch } from './family-search';
import { createKysely } from './kysely';
import { FileJobs } from './file-jobs';
import { createNoteSearchTables, sqliteNoteSearch } from './note-search';
import { sqliteTableNames } from './tables';
import { attachCasework, CASEWORK_FILE, caseworkFileOf, checkpoint, integrityOk, openDatabase, readMigrationNames, rekeyFile, truncateWal } from './open';
import { createReportBucketTriggers } from './report-buckets';

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
  // Reports and exports in a worker of their own: a year's report never waits for a backup, nor the reverse.
  const reads = new FileJobs(nativeBinding, options.log, 'reads');

  /** A fresh copy: whatever a crashed attempt left at the target goes first. */
  const copyFresh = async (source: string, key: Buffer, target: string, copyKey: Buffer) => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true });
    await jobs.copy(source, key, target, copyKey);
  };

  const files: DatabaseFiles = {
    async copyCasework(from, to) {
      const source = caseworkFileOf(options.dbFile, from.generation);
      if (!existsSync(source)) throw new StoreOpenError('damaged', 'casework_missing');
      await copyFresh(source, from.key, caseworkFileOf(options.dbFile, to.generation), to.key);
    },
    caseworkFile: (generation) => caseworkFileOf(options.dbFile, generation),
    keepCaseworkAside(generation) {
      const file = caseworkFileOf(options.dbFile, generation);
      const aside = `${file}.replaced-${Date.now()}`;
      for (const suffix of ['', '-wal']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    },
    sweepCasework(keep) {
      const dir = dirname(options.dbFile);
      // Older generations go only once the kept one exists: a key change whose copy failed never costs the case work.
      const present = existsSync(caseworkFileOf(options.dbFile, keep));
      const stamp = Date.now();
      for (const name of readdirSync(dir)) {
        // A restore's half-made copy (under the new key of a restore that did not finish).
        if (/^m3desk-casework-\d+\.db\.restoring$/.test(name)) rmSync(join(dir, name), { force: true });
        const match = CASEWORK_FILE.exec(name);
        if (!match || Number(match[1]) === keep) continue;
        try {
          if (present) rmSync(join(dir, name), { force: true });
          else renameSync(join(dir, name), join(dir, `${name}.kept-${stamp}`));
        } catch {
          // Held open elsewhere (Windows): the next login takes it.
          options.log?.error('casework_sweep_failed');
        }
      }
      if (!present) options.log?.error('casework_file_missing', { generation: keep });
    },
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
    migrations: {
      familySearch: createFamilySearchTables,
      upgradeEarlySchema,
      // The schema is the attached file.
      caseworkSchema: async () => undefined,
      // SQLite names the schema on the index, not on its table (Kysely would write it on the table).
      caseworkIndex: async (db, name, table, columns, unique) => {
        const cols = sql.join(columns.map((c) => sql.id(c)));
        await sql`CREATE ${sql.raw(unique ? 'UNIQUE ' : '')}INDEX ${sql.id('casework', name)} ON ${sql.id(table)} (${cols})`.execute(db);
      },
      noteSearch: createNoteSearchTables,
      noteSearchWords: async () => undefined,
      familySearchKeys: async () => undefined,
      reportBuckets: createReportBucketTriggers,
    },
    familySearch: sqliteFamilySearch,
    noteSearch: sqliteNoteSearch,
    tableNames: sqliteTableNames,
    files,
    close: async () => {
      await jobs.close();
      await reads.close();
    },
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
      let flushPending = false;
      let casework: { file: string; key: Buffer } | null = null;
      return {
        db,
        // A WAL that could not be emptied (a reader held an older snapshot) is emptied at the next idle moment.
        maintain: () => {
          if (!flushPending) return checkpoint(raw);
          flushPending = !truncateWal(raw);
          return !flushPending;
        },
        // Without a schema name the checkpoint covers the attached case-work file too.
        flush: () => {
          flushPending = !truncateWal(raw);
        },
        get flushPending() {
          return flushPending;
        },
        // A reader of its own in a worker thread: the core keeps answering while the copy is made.
        copyTo: (target, copyKey) => (closed ? Promise.reject(new Error('store closed')) : jobs.copy(options.dbFile, openKey, target, copyKey)),
        // Never with the wiped key of a closed store: that would read as damage.
        checkPages: async () => {
          if (closed) throw new Error('store closed');
          // Copies taken now: a lock during the first check wipes the store's keys, which would read as damage.
          const mainKey = Buffer.from(openKey);
          const part = casework ? { file: casework.file, key: Buffer.from(casework.key) } : null;
          try {
            if (!(await jobs.check(options.dbFile, mainKey))) return false;
            if (!part) return true;
            if (closed) throw new Error('store closed');
            return await jobs.check(part.file, part.key);
          } finally {
            mainKey.fill(0);
            part?.key.fill(0);
          }
        },
        read: (task, input) => (closed ? Promise.reject(new Error('store closed')) : reads.read(options.dbFile, openKey, task, input)),
        markSuspect: () => writeFileSync(suspect, '', { mode: 0o600 }),
        checkedOnOpen: check && unclean,
        async attachCasework(caseworkKey, generation, { create }) {
          if (casework) return;
          const file = caseworkFileOf(options.dbFile, generation);
          // A file left by an interrupted setup is kept aside, never taken over.
          if (create && existsSync(file)) {
            const aside = `${file}.orphan-${Date.now()}`;
            // With its WAL: a WAL left beside a new file would be replayed into it.
            for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
          }
          // Its pages are checked in the background with the main file's (checkPages), never on the way in.
          attachCasework(raw, file, caseworkKey, { create, check: false });
          chmodSync(file, 0o600);
          casework = { file, key: Buffer.from(caseworkKey) };
        },
        get caseworkAttached() {
          return casework !== null;
        },
        copyCaseworkTo: (target, copyKey) =>
          closed || !casework ? Promise.reject(new Error('casework not attached')) : copyFresh(casework.file, casework.key, target, copyKey),
        async close() {
          closed = true;
          // The reader's connection (and its copy of the key) ends with its worker, before the file may be replaced.
          await reads.reset();
          openKey.fill(0);
          casework?.key.fill(0);
          if (raw.open) raw.close();
          rmSync(marker, { force: true });
        },
      };
    },
  };
}
