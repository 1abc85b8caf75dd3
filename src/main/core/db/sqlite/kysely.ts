import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from '../schema';
import type { RawDatabase } from './open';

/** Wraps an open SQLite connection in the typed, async query builder domain code uses. */
export function createKysely(raw: RawDatabase): Kysely<DB> {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
}
