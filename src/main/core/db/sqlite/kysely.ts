import { Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import type { DB } from '../schema';
import type { RawDatabase } from './open';

/**
 * SQLite ends a transaction by itself on some errors (a full disk): a second
 * ROLLBACK then fails with "no transaction is active" and would hide the
 * error that tells the user what happened.
 */
class RollbackOnceDriver extends SqliteDriver {
  constructor(private readonly raw: RawDatabase) {
    super({ database: raw });
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.raw.inTransaction) await super.rollbackTransaction(connection);
  }
}

class M3SqliteDialect extends SqliteDialect {
  constructor(private readonly raw: RawDatabase) {
    super({ database: raw });
  }

  override createDriver(): Driver {
    return new RollbackOnceDriver(this.raw);
  }
}

/** Wraps an open SQLite connection in the typed, async query builder domain code uses. */
export function createKysely(raw: RawDatabase): Kysely<DB> {
  return new Kysely<DB>({ dialect: new M3SqliteDialect(raw) });
}
