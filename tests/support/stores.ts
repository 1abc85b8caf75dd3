import { join } from 'node:path';
import type { Dialect, Store } from '../../src/main/core/db/dialect';
import { migrate } from '../../src/main/core/db/migrate';
import { postgresDialect } from '../../src/main/core/db/postgres/dialect';
import { sqliteDialect } from '../../src/main/core/db/sqlite/dialect';
import type { TestDialect } from './dialects';
import { createTestDatabase } from './postgres';
import { tempDir } from './temp';

export interface TestStore {
  dialect: Dialect;
  store: Store;
  /** Another connection to the same database (PostgreSQL: a second pool; SQLite: a second connection to the file). */
  openAnother(): Promise<Store>;
  dispose(): Promise<void>;
}

/** A fresh, empty database of the dialect opened as the core opens it; `migrated` applies the app's migrations. */
export async function emptyStore(dialect: TestDialect, { migrated = false } = {}): Promise<TestStore> {
  const key = Buffer.alloc(32, 1);
  let made: { dialect: Dialect; cleanup: () => Promise<void> | void };
  if (dialect === 'postgres') {
    const database = await createTestDatabase();
    made = { dialect: postgresDialect(database.connection), cleanup: () => database.drop() };
  } else {
    const dir = tempDir('m3-store-');
    made = { dialect: sqliteDialect({ dbFile: join(dir.path, 'x.db') }), cleanup: () => dir.remove() };
  }
  const store = await made.dialect.open(key, { create: true, check: false });
  if (migrated) await migrate(store.db, { dialect: made.dialect.migrations });
  const others: Store[] = [];
  return {
    dialect: made.dialect,
    store,
    async openAnother() {
      const other = await made.dialect.open(key, { create: false, check: false });
      others.push(other);
      return other;
    },
    async dispose() {
      for (const other of others) await other.close();
      await store.close();
      await made.cleanup();
    },
  };
}
