/**
 * The office hub's database: PostgreSQL through node-postgres. It does not
 * encrypt its files (the hub's data directory sits on an encrypted volume),
 * so the master key opens nothing here; staff still log in with their key
 * slots. Backups are pg_dump archives made by the hub, not file copies.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { StoreOpenError, type Dialect, type PostgresConnection } from '../dialect';
import type { DB } from '../schema';
import { createFamilySearchTables, postgresFamilySearch } from './family-search';

/** Counts (int8) and numerics arrive as strings by default; the core's numbers are small. */
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function postgresDialect(connection: PostgresConnection): Dialect {
  return {
    name: 'postgres',
    // PostgreSQL databases were never made with the early schema.
    migrations: { familySearch: createFamilySearchTables, upgradeEarlySchema: async () => undefined },
    familySearch: postgresFamilySearch,
    files: null,
    async open() {
      const pool = new pg.Pool({
        host: connection.host,
        port: connection.port,
        database: connection.database,
        user: connection.user,
        password: connection.password,
        ssl: connection.ssl || undefined,
        max: 4,
        connectionTimeoutMillis: 5000,
        idleTimeoutMillis: 30_000,
        types,
      });
      // A dropped connection must not crash the core; the next call reports it.
      pool.on('error', () => undefined);
      try {
        const client = await pool.connect();
        client.release();
      } catch (error) {
        await pool.end().catch(() => undefined);
        throw new StoreOpenError('io', (error as { code?: string }).code);
      }
      const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
      return {
        db,
        maintain: () => undefined,
        close: () => db.destroy(),
      };
    },
  };
}
