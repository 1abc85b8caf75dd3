import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { PostgresConnection } from '../../src/main/core/db/dialect';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PostgreSQL server (tests/support/postgres-global.ts). */
    postgres: { host: string; port: number; user: string; password: string };
  }
}

/** A fresh, empty database on the test run's PostgreSQL (see postgres-global.ts). */
export async function createTestDatabase(options = "LC_COLLATE 'C' LC_CTYPE 'C'"): Promise<{ connection: PostgresConnection; drop(): Promise<void> }> {
  const server = inject('postgres');
  const name = `m3_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ ...server, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' ${options}`);
  } finally {
    await admin.end();
  }
  return {
    connection: { ...server, database: name },
    async drop() {
      const client = new pg.Client({ ...server, database: 'postgres' });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
