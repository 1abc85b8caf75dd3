/**
 * Carrying a whole office from one database into another, verified: a single
 * PC's office into the new hub ("Make this PC the office hub"), and a hub
 * backup into a temporary database (its check) or back into the hub (its
 * restore). Every table goes in one transaction, then each is counted and
 * checksummed on both sides; the search index is built anew from the rows.
 * Anything that does not match throws — the caller undoes what it made.
 */
import { createHash } from 'node:crypto';
import type { NoteDoc } from '../../../shared/domain/note-doc';
import type { Dialect } from '../db/dialect';
import { bulkLoad } from '../db/hub';
import type { DB, Db, Tx } from '../db/schema';
import { reindexFamily } from '../families/intake';
import { textOf } from '../notes/rows';

/** What the migrations write: compared, never carried. */
export const MIGRATION_TABLES = new Set(['schema_migrations', 'casework.schema_migrations']);
/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters per statement. */
const BATCH_PARAMETERS = 30_000;

export type AnyRow = Record<string, unknown>;

/** One table's rows, one table at a time (an office of 50,000 families never sits in memory whole). */
export interface TableRows {
  table: string;
  columns: string[];
  rows: AnyRow[];
}

export interface MovedTable {
  table: string;
  rows: number;
  /** SHA-256 over the rows' sorted digests: equal on both sides, whatever the order or driver. */
  checksum: string;
}

export interface OfficeDb {
  db: Db;
  dialect: Dialect;
}

export class MoveError extends Error {
  constructor(
    readonly reason: 'unknown_table' | 'mismatch' | 'schema',
    readonly table: string,
  ) {
    super(`${reason}: ${table}`);
    this.name = 'MoveError';
  }
}

/** One value as text both drivers agree on (SQLite and PostgreSQL return numbers, strings, buffers and null). */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'N';
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `B${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `n${String(value)}`;
  if (typeof value === 'string') return `s${value}`;
  return `j${JSON.stringify(value)}`;
}

/** Kysely's typed builders need a table of the schema; the names come from the database itself. */
type TableName = keyof DB;

async function readTable(db: Tx, table: string, columns?: string[]): Promise<AnyRow[]> {
  const query = db.selectFrom(table as TableName);
  return (columns?.length ? query.select(columns as never) : query.selectAll()).execute() as Promise<AnyRow[]>;
}

export function checksumOf({ table, columns, rows }: TableRows): MovedTable {
  const digests = rows.map((row) => createHash('sha256').update(JSON.stringify(columns.map((c) => canonical(row[c])))).digest('hex')).sort();
  const all = createHash('sha256');
  for (const digest of digests) all.update(digest);
  return { table, rows: rows.length, checksum: all.digest('hex') };
}

/** The office's tables (without the migrations' own), sorted by name. */
export async function officeTables(from: OfficeDb): Promise<string[]> {
  return (await from.dialect.tableNames(from.db)).filter((t) => !MIGRATION_TABLES.has(t)).sort();
}

/** The migrations a database has run, for comparing two ends. */
export async function migrationNames(db: Db): Promise<string[]> {
  const names: string[] = [];
  for (const table of MIGRATION_TABLES) names.push(...(await readTable(db, table, ['name'])).map((r) => `${table}:${String(r.name)}`));
  return names.sort();
}

/** Each table of the office in turn, with its columns as the database returns them. */
export async function* readOffice(from: OfficeDb, tables: string[]): AsyncGenerator<TableRows> {
  for (const table of tables) {
    const rows = await readTable(from.db, table);
    yield { table, columns: rows[0] ? Object.keys(rows[0]).sort() : [], rows };
  }
}

export interface LoadOptions {
  /** Lock every table of the office first (a restore into the live hub: no PC writes in between). */
  lock?: boolean;
  /** More work in the same transaction, after the rows are in and verified. */
  after?: (trx: Tx) => Promise<void>;
  /**
   * Leave the search index alone: a backup's trial restore compares only the
   * tables a dump holds, and its database may be of an older schema whose
   * index this version cannot write.
   */
  skipSearch?: boolean;
}

/**
 * Replaces every table of `to` by the rows given (one transaction), rebuilds
 * the search index, then reads each table back and compares counts and
 * checksums — before the commit, so a mismatch leaves `to` as it was. `to`
 * must have the same tables and migrations as the rows' source.
 */
export async function loadOffice(to: OfficeDb, options: LoadOptions, tables: AsyncIterable<TableRows>): Promise<MovedTable[]> {
  const expected: MovedTable[] = [];
  const columnsOf = new Map<string, string[]>();
  await bulkLoad(
    to.db,
    async (trx) => {
      for await (const part of tables) {
        columnsOf.set(part.table, part.columns);
        expected.push(checksumOf(part));
        // The target's own rows (a migration's seed, the restored hub's present) make way.
        await trx.deleteFrom(part.table as TableName).execute();
        const batch = Math.max(1, Math.floor(BATCH_PARAMETERS / Math.max(1, part.columns.length)));
        for (let i = 0; i < part.rows.length; i += batch) {
          await trx
            .insertInto(part.table as TableName)
            .values(part.rows.slice(i, i + batch) as never)
            .execute();
        }
      }
      if (!options.skipSearch) await rebuildSearch(trx, to.dialect);
      // Read back: what the database holds now, not what was sent.
      for (const before of expected) {
        const columns = columnsOf.get(before.table) ?? [];
        const after = checksumOf({ table: before.table, columns, rows: await readTable(trx, before.table, columns) });
        if (after.rows !== before.rows || after.checksum !== before.checksum) throw new MoveError('mismatch', before.table);
      }
      await options.after?.(trx);
    },
    { lock: options.lock ?? false },
  );
  return expected;
}

/** Refuses two ends that do not hold the same tables and migrations: something would stay behind, or have nowhere to go. */
export async function sameShape(from: OfficeDb, to: OfficeDb): Promise<string[]> {
  const sourceTables = await officeTables(from);
  const targetTables = await officeTables(to);
  for (const table of sourceTables) if (!targetTables.includes(table)) throw new MoveError('unknown_table', table);
  // And one the source did not bring (a PC's case work not open) would be empty afterwards.
  for (const table of targetTables) if (!sourceTables.includes(table)) throw new MoveError('schema', table);
  if ((await migrationNames(from.db)).join('\n') !== (await migrationNames(to.db)).join('\n')) throw new MoveError('schema', 'schema_migrations');
  return sourceTables;
}

/**
 * Copies every table of `from` (a PC's file, case work attached) into `to`
 * (the new hub's database, migrated, as its owner) and verifies it.
 */
export async function moveOffice(from: OfficeDb, to: OfficeDb): Promise<MovedTable[]> {
  const tables = await sameShape(from, to);
  return loadOffice(to, {}, readOffice(from, tables));
}

/** The search index, from the rows (each database keeps its own kind of index); nothing of what was there before stays in it — nor in the report's parts, counted again from the rows. */
async function rebuildSearch(db: Tx, dialect: Dialect): Promise<void> {
  await db.deleteFrom('report_parts').execute();
  await dialect.familySearch.clear(db);
  await dialect.noteSearch.clear(db);
  const families = await db.selectFrom('families').select('id').execute();
  for (const { id } of families) await reindexFamily(db, dialect.familySearch, id);
  const notes = await db.selectFrom('casework.notes').select(['id', 'body']).where('body', 'is not', null).execute();
  for (const note of notes) await dialect.noteSearch.upsert(db, note.id, textOf(JSON.parse(note.body!) as NoteDoc).words);
}
