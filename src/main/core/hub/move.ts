/**
 * Moving a single PC's office into the new hub (issue 14, "Making a hub"):
 * every table, in one transaction, then each table counted and checksummed on
 * both sides; the search index is built anew from the moved rows. Anything
 * that does not match undoes the hub — the PC's own file is never changed here.
 */
import { createHash } from 'node:crypto';
import type { Dialect } from '../db/dialect';
import { bulkLoad } from '../db/hub';
import type { DB, Db, Tx } from '../db/schema';
import { reindexFamily } from '../families/intake';
import type { NoteDoc } from '../../../shared/domain/note-doc';
import { textOf } from '../notes/rows';

/** What the hub's own migrations wrote already: compared, not copied. */
const MIGRATION_TABLES = new Set(['schema_migrations', 'casework.schema_migrations']);
/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters per statement. */
const BATCH_PARAMETERS = 30_000;

export interface MovedTable {
  table: string;
  rows: number;
  /** SHA-256 over the rows' sorted digests: equal on both sides, whatever the order or driver. */
  checksum: string;
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

type AnyRow = Record<string, unknown>;
/** Kysely's typed builders need a table of the schema; the names come from the database itself. */
type TableName = keyof DB;

async function readTable(db: Tx, table: string, columns?: string[]): Promise<AnyRow[]> {
  const query = db.selectFrom(table as TableName);
  return (columns ? query.select(columns as never) : query.selectAll()).execute() as Promise<AnyRow[]>;
}

function tableChecksum(table: string, rows: AnyRow[], columns: string[]): MovedTable {
  const digests = rows.map((row) => createHash('sha256').update(JSON.stringify(columns.map((c) => canonical(row[c])))).digest('hex')).sort();
  const all = createHash('sha256');
  for (const digest of digests) all.update(digest);
  return { table, rows: rows.length, checksum: all.digest('hex') };
}

/**
 * Copies every table of `source` (the PC's file, case work attached) into
 * `target` (the hub's database, migrated, as its owner) and verifies it.
 * Returns what was moved, per table.
 */
export async function moveOffice(from: { db: Db; dialect: Dialect }, to: { db: Db; dialect: Dialect }): Promise<MovedTable[]> {
  const sourceTables = (await from.dialect.tableNames(from.db)).sort();
  const targetTables = new Set(await to.dialect.tableNames(to.db));
  // A table the hub does not know would stay behind unseen: nothing moves.
  for (const table of sourceTables) if (!targetTables.has(table)) throw new MoveError('unknown_table', table);
  // And one the PC did not bring (case work not open) would be empty on the hub.
  for (const table of targetTables) if (!sourceTables.includes(table)) throw new MoveError('schema', table);
  for (const table of MIGRATION_TABLES) {
    const names = (rows: AnyRow[]) => rows.map((r) => String(r.name)).sort().join('\n');
    if (names(await readTable(from.db, table, ['name'])) !== names(await readTable(to.db, table, ['name']))) throw new MoveError('schema', table);
  }
  const tables = sourceTables.filter((t) => !MIGRATION_TABLES.has(t));
  const expected: MovedTable[] = [];
  const columnsOf = new Map<string, string[]>();
  await bulkLoad(to.db, async (trx) => {
    for (const table of tables) {
      const rows = await readTable(from.db, table);
      const columns = rows[0] ? Object.keys(rows[0]).sort() : [];
      columnsOf.set(table, columns);
      expected.push(tableChecksum(table, rows, columns));
      // The hub's own migrations seeded some rows (the audit chain's start): the PC's replace them.
      await trx.deleteFrom(table as TableName).execute();
      const batch = Math.max(1, Math.floor(BATCH_PARAMETERS / Math.max(1, columns.length)));
      for (let i = 0; i < rows.length; i += batch) {
        await trx
          .insertInto(table as TableName)
          .values(rows.slice(i, i + batch) as never)
          .execute();
      }
    }
    await rebuildSearch(trx, to.dialect);
  });
  // Read back after the commit: what the hub holds now, not what was sent.
  for (const before of expected) {
    const columns = columnsOf.get(before.table) ?? [];
    const after = tableChecksum(before.table, columns.length ? await readTable(to.db, before.table, columns) : await readTable(to.db, before.table), columns);
    if (after.rows !== before.rows || after.checksum !== before.checksum) throw new MoveError('mismatch', before.table);
  }
  return expected;
}

/** The hub's search index, from the moved rows (each database keeps its own kind of index). */
async function rebuildSearch(db: Tx, dialect: Dialect): Promise<void> {
  const families = await db.selectFrom('families').select('id').execute();
  for (const { id } of families) await reindexFamily(db, dialect.familySearch, id);
  const notes = await db.selectFrom('casework.notes').select(['id', 'body']).where('body', 'is not', null).execute();
  for (const note of notes) await dialect.noteSearch.upsert(db, note.id, textOf(JSON.parse(note.body!) as NoteDoc).words);
}
