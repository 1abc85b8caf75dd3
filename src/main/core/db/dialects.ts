/**
 * The one place that picks a database implementation: the core's
 * composition root asks for a Dialect here and hands it on. Nothing else
 * outside src/main/core/db imports db/sqlite or db/postgres.
 */
import type { DatabaseConfig, Dialect } from './dialect';
import { postgresDialect } from './postgres/dialect';
import { sqliteDialect, type SqliteDialectOptions } from './sqlite/dialect';

export function createDialect(config: DatabaseConfig, sqlite: SqliteDialectOptions): Dialect {
  return config.dialect === 'postgres' ? postgresDialect(config.connection, config.hub ?? false) : sqliteDialect(sqlite);
}
