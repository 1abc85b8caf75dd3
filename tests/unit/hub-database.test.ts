import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COORDINATOR, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { createTestDatabase } from '../support/postgres';

const login = { username: COORDINATOR.username, password: COORDINATOR.password };

/**
 * A PC talking to the office's PostgreSQL must never take over or quietly
 * rebuild a database: setup refuses a database that holds an office, unlock
 * refuses one that holds none, and a server that sorts differently from
 * SQLite is refused with a message for IT.
 */
describe('[postgres only: opening a hub database] hub database', () => {
  const cores: TestCore[] = [];
  const start = async (...args: Parameters<typeof startTestCore>) => {
    const t = await startTestCore(...args);
    cores.push(t);
    return t;
  };
  afterEach(async () => {
    for (const t of cores.splice(0)) await t.dispose();
  });

  it('setup on a PC without key file never takes over a database that holds an office', async () => {
    const first = await start({ dialect: 'postgres' });
    await setUpOffice(first);
    const intruder = await start({ dialect: 'postgres', database: first.database });
    expect(await intruder.call('session.setup', { ...COORDINATOR, username: 'eindringling', displayName: 'Neue Leitung' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors:setup_database_in_use' },
    });
    const { items } = await first.ok<{ items: { username: string }[] }>('users.list');
    expect(items.map((u) => u.username)).toEqual([COORDINATOR.username]);
    expect(await first.ok('settings.get')).toMatchObject({ officeName: COORDINATOR.officeName });
  });

  it('unlock never builds a fresh office in an empty database', async () => {
    const office = await start({ dialect: 'postgres' });
    await setUpOffice(office);
    const empty = await createTestDatabase();
    try {
      const elsewhere = await start({ dialect: 'postgres', database: { dialect: 'postgres', connection: empty.connection } });
      copyFileSync(join(office.dir, 'm3desk.keys'), join(elsewhere.dir, 'm3desk.keys'));
      expect(await elsewhere.call('session.login', login)).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'errors:db_empty' } });
      expect(await elsewhere.ok('session.status')).toEqual({ state: 'locked' });
    } finally {
      await empty.drop();
    }
  });

  it('refuses a database that sorts by language rules instead of code points', async () => {
    const office = await start({ dialect: 'postgres' });
    await setUpOffice(office);
    const german = await createTestDatabase("LOCALE_PROVIDER icu ICU_LOCALE 'de-DE' LOCALE 'C'");
    try {
      const t = await start({ dialect: 'postgres', database: { dialect: 'postgres', connection: german.connection } });
      expect(await t.call('session.setup', COORDINATOR)).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'errors:db_collation' } });
    } finally {
      await german.drop();
    }
  });

  it('refuses to reach another host without TLS', async () => {
    const t = await start({ dialect: 'postgres' });
    const plain = { ...t.database, connection: { ...(t.database as { connection: object }).connection, host: '192.0.2.10' } };
    const remote = await start({ dialect: 'postgres', database: plain as never });
    expect(await remote.call('session.setup', COORDINATOR)).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'errors:db_tls_required' } });
  });
});
