import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, type HubEndpoint } from '../../src/main/core/db/hub';
import { hubLogin } from '../../src/main/core/hub/login';
import { createCore, type Core } from '../../src/main/core/core';
import { openDatabase } from '../../src/main/core/db/sqlite/open';
import { bootHub } from '../../src/main/core/hub/boot';
import { asOwner, ownerClientConfig } from '../../src/main/core/db/postgres/hub-server';
import { hostedHubDir, hostsHub, hubOwnerConnection } from '../../src/main/core/hub/host';
import { joinedHub, joinHub, JoinError } from '../../src/main/core/hub/join';
import { silentLogger } from '../../src/main/core/log';
import type { RpcResult } from '../../src/shared/errors';
import { localDay } from '../../src/shared/dates';
import { officeKey } from '../support/core';
import { familyInput } from '../support/families';
import { FAST_KDF } from '../support/kdf';
import { freePort } from '../support/net';
import { tempDir } from '../support/temp';

const COORD = { username: 'clara', password: 'Lindenblatt-Regen-42' };

const ok = async <T = unknown>(core: Core, method: string, input: unknown = {}): Promise<T> => {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.data as T;
};
const issuesOf = (result: RpcResult<unknown>) => (result.ok ? [] : ((result.error.details as { issues?: { path: string[]; message: string }[] } | undefined)?.issues ?? []));

/**
 * "Make this PC the office hub": a single PC with an office of its own (staff,
 * families, an event with check-ins, a confidential case note) becomes the
 * hub — everything moved into a real PostgreSQL, the old file kept aside —
 * and a second PC joins it with the join code.
 */
describe('[postgres only: the office hub] making a hub from a PC', () => {
  const folders: { path: string; remove(): void }[] = [];
  const cores: Core[] = [];
  let dataDir: string;
  let single: Core;
  let port: number;
  const staff: Record<string, string> = {};
  let eventId: string;
  let noteId: string;
  let families: number;
  /** The single PC's recovery key, printed at its setup. */
  let recoveryKey: string;
  let present = 0;

  const open = async (dir: string, boot: Awaited<ReturnType<typeof bootHub>> = {}): Promise<Core> => {
    const core = await createCore({ dataDir: dir, kdf: FAST_KDF, log: silentLogger, ...boot });
    cores.push(core);
    return core;
  };
  const login = async (core: Core, username: string, password: string) => ok(core, 'session.login', { username, password });
  /** Plain SQL as the hub's owner, past every role. */
  const owner = <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => asOwner(ownerClientConfig(hubOwnerConnection(hostedHubDir(dataDir))), work);

  beforeAll(async () => {
    const folder = tempDir('m3-hubpc-');
    folders.push(folder);
    dataDir = folder.path;
    single = await open(dataDir);
    ({ recoveryKey } = await ok<{ recoveryKey: string }>(single, 'session.setup', { officeName: 'Familienstützpunkt Umzug', displayName: 'Clara', ...COORD }));
    for (const [username, role] of [['karl', 'caseworker'], ['rita', 'reception']] as const) {
      const made = await ok<{ temporaryPassword: string }>(single, 'users.create', { username, displayName: username, role });
      await ok(single, 'session.lock');
      const r = await login(single, username, made.temporaryPassword);
      staff[username] = `${made.temporaryPassword}-neu`;
      expect(r).toMatchObject({ mustChangePassword: true });
      await ok(single, 'session.changePassword', { currentPassword: made.temporaryPassword, newPassword: staff[username] });
      await ok(single, 'session.lock');
      await login(single, COORD.username, COORD.password);
    }
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await ok<{ id: string }>(single, 'families.create', familyInput({ displayName: `Umzugsfamilie${i}` }))).id);
    families = ids.length;
    ({ id: eventId } = await ok<{ id: string }>(single, 'events.save', { title: 'Umzugsfest', type: 'other', fieldOfAction: 1, date: localDay(), start: '16:00', end: '18:00', place: 'Saal', capacity: 40 }));
    for (const id of ids.slice(0, 5)) {
      const family = await ok<{ members: { id: string }[] }>(single, 'families.get', { id });
      await ok(single, 'checkin.checkIn', { eventId, personIds: family.members.map((m) => m.id) });
      present += family.members.length;
    }
    await ok(single, 'session.lock');
    await login(single, 'karl', staff.karl!);
    ({ id: noteId } = await ok<{ id: string }>(single, 'notes.create', {
      familyId: ids[0],
      occurredOn: localDay(),
      kind: 'office',
      fieldOfAction: 2,
      topics: ['school'],
      participants: [],
      confidential: true,
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Zeugnisgespräch Umzugsnotiz' }] }] },
    }));
    await ok(single, 'session.lock');
    await login(single, COORD.username, COORD.password);
    port = await freePort();
  }, 120_000);

  afterAll(async () => {
    for (const core of cores) await core.close().catch(() => undefined);
    for (const folder of folders) folder.remove();
  });

  it('refuses a wrong password, an unconfirmed volume and a port in use — and changes nothing', async () => {
    const wrong = await single.call('hub.make', { password: 'falsch', port, volumeConfirmed: true });
    expect(issuesOf(wrong)).toEqual([{ path: ['password'], message: 'validation:current_password_wrong' }]);
    // This test folder lies on no volume the app can tell is encrypted: the coordinator must say so.
    const unconfirmed = await single.call('hub.make', { password: COORD.password, port, volumeConfirmed: false });
    expect(issuesOf(unconfirmed)[0]?.path).toEqual(['volumeConfirmed']);
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(port, '0.0.0.0', done));
    try {
      const busy = await single.call('hub.make', { password: COORD.password, port, volumeConfirmed: true });
      expect(issuesOf(busy)).toEqual([{ path: ['port'], message: 'validation:hub_port_taken' }]);
    } finally {
      await new Promise((done) => taken.close(done));
    }
    expect(hostsHub(dataDir)).toBe(false);
    expect(joinedHub(dataDir)).toBeNull();
    expect(await ok(single, 'families.list', {})).toMatchObject({ total: families });
  }, 60_000);

  it('a table the hub does not know stops the move: the hub is undone, the PC keeps working on its file', async () => {
    const key = await officeKey(dataDir, COORD.username, COORD.password);
    const raw = openDatabase(join(dataDir, 'm3desk.db'), { key });
    raw.prepare('CREATE TABLE stray_lists (id TEXT PRIMARY KEY)').run();
    raw.prepare("INSERT INTO stray_lists VALUES ('x')").run();
    try {
      const made = await single.call('hub.make', { password: COORD.password, port, volumeConfirmed: true });
      expect(made).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'errors:hub_move_failed' } });
      expect(existsSync(join(hostedHubDir(dataDir), 'pgdata'))).toBe(false);
      expect(joinedHub(dataDir)).toBeNull();
      expect(await ok(single, 'families.list', {})).toMatchObject({ total: families });
    } finally {
      raw.prepare('DROP TABLE stray_lists').run();
      raw.close();
      key.fill(0);
    }
  }, 60_000);

  let joinCode: string;
  let hubPc: Core;

  it('moves everything into the hub, verified, keeps the old file aside, and starts on the hub', async () => {
    const made = await ok<{ joinCode: string; tables: number; rows: number }>(single, 'hub.make', { password: COORD.password, port, volumeConfirmed: true });
    expect(made.joinCode).toMatch(/^M3HUB1-/);
    expect(made.tables).toBeGreaterThan(20);
    expect(made.rows).toBeGreaterThan(50);
    // The session ended with the move; the app's core starts again (here: by hand, as process.ts does).
    expect(await single.call('families.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await single.close();
    const boot = await bootHub(dataDir);
    expect(boot.host).toBeDefined();
    expect(boot.database).toMatchObject({ dialect: 'postgres', hub: true });
    const aside = readdirSync(dataDir).filter((name) => name.startsWith('before-hub-'));
    expect(aside).toHaveLength(1);
    expect(readdirSync(join(dataDir, aside[0]!)).sort()).toEqual(expect.arrayContaining(['m3desk.db', 'm3desk.keys']));
    expect(existsSync(join(dataDir, 'm3desk.db'))).toBe(false);

    hubPc = await open(dataDir, boot);
    await login(hubPc, COORD.username, COORD.password);
    expect(await ok(hubPc, 'families.list', {})).toMatchObject({ total: families });
    const found = await ok<{ items: unknown[] }>(hubPc, 'families.search', { query: 'umzugsfamilie7' });
    expect(found.items).toHaveLength(1);
    expect(await ok(hubPc, 'checkin.counts', { eventId })).toMatchObject({ present });
    // The audit chain moved whole, with the move itself as its last entry before the hub.
    expect(await ok(hubPc, 'audit.verify')).toMatchObject({ ok: true });
    const host = await ok<{ running: boolean; clients: number; moved: { rows: number }; joinCode: string; volume: string }>(hubPc, 'hub.host');
    expect(host).toMatchObject({ running: true, moved: { rows: made.rows }, joinCode: made.joinCode, volume: 'confirmed' });
    expect(host.clients).toBeGreaterThanOrEqual(1);
    joinCode = made.joinCode;
  }, 120_000);

  it("every other account's login is made at its first login on the hub PC; then it works on any PC", async () => {
    await ok(hubPc, 'session.lock');
    // Karl's confidential note came along, with its search words; only Karl reads it.
    await login(hubPc, 'karl', staff.karl!);
    expect(await ok(hubPc, 'notes.get', { id: noteId })).toMatchObject({ id: noteId });
    const hits = await ok<{ items: { noteId: string }[] }>(hubPc, 'notes.search', { query: 'zeugnisgespräch' });
    expect(hits.items.map((h) => h.noteId)).toEqual([noteId]);
    await ok(hubPc, 'session.lock');
    // A wrong password is still wrong, at the hub PC too.
    expect(await hubPc.call('session.login', { username: 'rita', password: 'Falsches-Passwort-1' })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });

    const other = tempDir('m3-hubpc-b-');
    folders.push(other);
    await joinHub(other.path, joinCode);
    const pcB = await open(other.path, { database: joinedHub(other.path)! });
    await login(pcB, 'karl', staff.karl!);
    expect(await ok(pcB, 'families.list', {})).toMatchObject({ total: families });
    await ok(pcB, 'session.lock');
    // Rita has not been at the hub PC yet: elsewhere her account has no login.
    expect(await pcB.call('session.login', { username: 'rita', password: staff.rita })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    await login(hubPc, 'rita', staff.rita!);
    await ok(hubPc, 'session.lock');
    await login(pcB, 'rita', staff.rita!);
    expect(await ok(pcB, 'families.search', { query: 'umzugsfamilie3' })).toMatchObject({ items: [expect.anything()] });
    // The single PC's recovery key came along: on the hub it has a database login of its own.
    await ok(pcB, 'session.lock');
    expect(await ok(pcB, 'session.recover', { recoveryKey, username: 'rita', newPassword: 'Wiedergefunden-Moos-4' })).toMatchObject({ mustChangePassword: true });
    staff.rita = 'Eigenes-Kennwort-Birke-8';
    await ok(pcB, 'session.changePassword', { currentPassword: 'Wiedergefunden-Moos-4', newPassword: staff.rita });
    await ok(pcB, 'session.lock');
  }, 120_000);

  it('a new join code ends the old one', async () => {
    await login(hubPc, COORD.username, COORD.password);
    const renewed = await ok<{ joinCode: string }>(hubPc, 'hub.renewJoinCode');
    expect(renewed.joinCode).not.toBe(joinCode);
    const third = tempDir('m3-hubpc-c-');
    folders.push(third);
    const refused = await joinHub(third.path, joinCode).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(JoinError);
    expect((refused as JoinError).reason).toBe('auth');
    await joinHub(third.path, renewed.joinCode);
    // A second hub cannot be made from a PC of the hub.
    expect(await hubPc.call('hub.make', { password: COORD.password, port, volumeConfirmed: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  }, 60_000);

  it('the hub backs itself up encrypted, checked by a restore; a coordinator restores it from the app', async () => {
    await ok(hubPc, 'session.lock');
    await login(hubPc, COORD.username, COORD.password);
    const made = await ok<{ name: string; reason: string }>(hubPc, 'hub.backupNow');
    expect(made.reason).toBe('manual');
    const file = join(hostedHubDir(dataDir), 'backups', made.name);
    // Encrypted with age: no family name, no table name in the file.
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect(bytes.includes(Buffer.from('Umzugsfamilie'))).toBe(false);
    expect(bytes.includes(Buffer.from('families'))).toBe(false);
    // No trial database is left behind by the check.
    expect(readdirSync(join(hostedHubDir(dataDir), 'backups'))).toEqual([made.name]);
    expect(await ok(hubPc, 'hub.host')).toMatchObject({ lastBackupAt: expect.any(String) });

    // Later that day: a new family with a note, and a new coordinator the backup was not sealed to.
    const late = await ok<{ id: string }>(hubPc, 'families.create', familyInput({ displayName: 'Nachzüglerfamilie' }));
    await ok(hubPc, 'notes.create', { familyId: late.id, occurredOn: localDay(), kind: 'office', fieldOfAction: 2, topics: [], participants: [], confidential: false, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quappenweg Nachmittag' }] }] } });
    expect((await ok<{ items: unknown[] }>(hubPc, 'notes.search', { query: 'quappenweg' })).items).toHaveLength(1);
    expect(await ok(hubPc, 'families.list', {})).toMatchObject({ total: families + 1 });
    const cora = await ok<{ temporaryPassword: string }>(hubPc, 'users.create', { username: 'cora', displayName: 'Cora', role: 'coordinator' });
    await ok(hubPc, 'session.lock');
    await login(hubPc, 'cora', cora.temporaryPassword);
    await ok(hubPc, 'session.changePassword', { currentPassword: cora.temporaryPassword, newPassword: 'Abendrot-Wiese-Fluss-77' });
    expect(await hubPc.call('hub.restoreBackup', { name: made.name })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'errors:hub_backup_not_yours' } });
    expect(await hubPc.call('hub.restoreBackup', { name: '../hub.json' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await ok(hubPc, 'session.lock');

    await login(hubPc, COORD.username, COORD.password);
    expect(await ok(hubPc, 'hub.restoreBackup', { name: made.name })).toEqual({ restoredFrom: made.name });
    expect(await ok(hubPc, 'families.list', {})).toMatchObject({ total: families });
    expect((await ok<{ items: unknown[] }>(hubPc, 'families.search', { query: 'nachzüglerfamilie' })).items).toHaveLength(0);
    // The search index was built anew: no word of the family or the note the restore took away stays in it.
    await owner(async (owner) => {
      const left = await owner.query<{ families: number; notes: number; words: number }>(`SELECT
        (SELECT count(*)::int FROM family_search s WHERE NOT EXISTS (SELECT 1 FROM families f WHERE f.id = s.family_id)) AS families,
        (SELECT count(*)::int FROM casework.note_search_words w WHERE NOT EXISTS (SELECT 1 FROM casework.notes n WHERE n.id = w.note_id)) AS notes,
        (SELECT count(*)::int FROM family_search_words WHERE word = 'nachzuglerfamilie') AS words`);
      expect(left.rows[0]).toEqual({ families: 0, notes: 0, words: 0 });
    });
    expect(await ok(hubPc, 'audit.verify')).toMatchObject({ ok: true });
    // What was there before the restore became a backup of its own.
    const backups = await ok<{ items: { reason: string }[] }>(hubPc, 'hub.listBackups');
    expect(backups.items.map((b) => b.reason).sort()).toEqual(['manual', 'restore']);
    // Cora's account is not in the restored office: her database login ends too (not only the app's),
    // so plain SQL with her password gets nowhere.
    await ok(hubPc, 'session.lock');
    expect(await hubPc.call('session.login', { username: 'cora', password: 'Abendrot-Wiese-Fluss-77' })).toMatchObject({ ok: false });
    const cora2 = hubLogin('cora', 'Abendrot-Wiese-Fluss-77');
    const direct = new pg.Client(clientConfig(JSON.parse(readFileSync(join(dataDir, 'hub.json'), 'utf8')) as HubEndpoint, cora2.user, cora2.password));
    direct.on('error', () => undefined);
    const refused = await direct.connect().then(
      () => 'connected',
      (error: { code?: string }) => error.code ?? 'refused',
    );
    await direct.end().catch(() => undefined);
    expect(refused).toBe('28000');
  }, 120_000);

  it('a hub of the version before the notes\u2019 word table starts: backed up and checked first, then its notes are found as before', async () => {
    // The hub as the previous version left it (case-work 0001's trigram index, no word table).
    await owner(async (owner) => {
      await owner.query(`
        CREATE TABLE casework.note_search (note_id text PRIMARY KEY, words text NOT NULL);
        CREATE INDEX note_search_words_trgm ON casework.note_search USING gin (words gin_trgm_ops);
        INSERT INTO casework.note_search SELECT note_id, ' ' || string_agg(word, ' ') || ' ' FROM casework.note_search_words GROUP BY note_id;
        DROP FUNCTION casework.search_my_notes(text[], integer), casework.index_note(text, text[]), casework.unindex_note(text),
          casework.note_words_search(text[], text, integer), casework.note_words_set(text, text[]), casework.note_words_remove(text);
        DROP TABLE casework.note_search_words;
        DROP INDEX casework.notes_newest;
        DELETE FROM casework.schema_migrations WHERE name = 'c0002_note_search_words';`);
    });
    await hubPc.close();
    const errors: string[] = [];
    const boot = await bootHub(dataDir, (reason) => errors.push(reason));
    expect(errors).toEqual([]);
    expect(boot.host).toBeDefined();
    hubPc = await open(dataDir, boot);
    await login(hubPc, 'karl', staff.karl!);
    const hits = await ok<{ items: { noteId: string }[] }>(hubPc, 'notes.search', { query: 'zeugnisgespr' });
    expect(hits.items.map((h) => h.noteId)).toEqual([noteId]);
    await ok(hubPc, 'session.lock');
    await login(hubPc, COORD.username, COORD.password);
    const backups = await ok<{ items: { reason: string }[] }>(hubPc, 'hub.listBackups');
    expect(backups.items.map((b) => b.reason)).toContain('migration');
  }, 120_000);
});
