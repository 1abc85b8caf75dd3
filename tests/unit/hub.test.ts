import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, type HubEndpoint } from '../../src/main/core/db/hub';
import { createOfficeCa } from '../../src/main/core/hub/ca';
import { initHub, type RunningHub } from '../../src/main/core/hub/host';
import { formatJoinCode, parseJoinCode } from '../../src/main/core/hub/join-code';
import { joinedHub, joinHub, JoinError } from '../../src/main/core/hub/join';
import { hubLogin, scramVerifier } from '../../src/main/core/hub/login';
import { openRecoveryLogin } from '../../src/main/core/hub/recovery';
import { normalizeRecoveryKey } from '../../src/main/core/vault/recovery-key';
import { Vault } from '../../src/main/core/vault/vault';
import { localDay } from '../../src/shared/dates';
import { contract } from '../../src/shared/rpc/contract';
import { startCoreProcess, type CoreProcess } from '../support/core-process';
import { familyInput } from '../support/families';
import { freePort } from '../support/net';
import { tempDir } from '../support/temp';

const COORD = { username: 'clara', password: 'Lindenblatt-Regen-42' };

/** A caseworker's confidential case note with this text. */
const confidentialNote = (familyId: string, text: string) => ({
  familyId,
  occurredOn: localDay(),
  kind: 'office',
  fieldOfAction: 2,
  topics: ['school'],
  participants: [],
  confidential: true,
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
});
const OFFICE = 'Familienstützpunkt Hubhausen';

interface Pc {
  core: CoreProcess;
  dir: string;
}

/**
 * The office hub on loopback: a hub made as `npm run hub -- init` makes it,
 * and PCs — core processes, each with a data folder of its own — that joined
 * it with the join code. Everything a PC does goes through its staff
 * member's own database login, as in an office.
 */
describe('[postgres only: the office hub] hub', () => {
  const folders: { remove(): void }[] = [];
  const pcs: Pc[] = [];
  let hub: RunningHub;
  let code: string;

  const joinPc = async (): Promise<Pc> => {
    const folder = tempDir('m3-pc-');
    folders.push(folder);
    await joinHub(folder.path, code);
    const core = await startCoreProcess('tests/support/core-child.ts', { M3_DATA_DIR: folder.path, M3_TEST_DATABASE: JSON.stringify(joinedHub(folder.path)) });
    const pc = { core, dir: folder.path };
    pcs.push(pc);
    return pc;
  };
  /** Logs in; a temporary password is changed to `<password>-neu`, which is returned. */
  const login = async (pc: Pc, username: string, password: string): Promise<string> => {
    const r = await pc.core.ok<{ mustChangePassword: boolean }>('session.login', { username, password });
    if (!r.mustChangePassword) return password;
    const next = `${password}-neu`;
    await pc.core.ok('session.changePassword', { currentPassword: password, newPassword: next });
    return next;
  };
  /**
   * The coordinator logs in again at a PC once the PCs' queued work is done (a coordinator's login there may
   * have replaced the keys): a session holding older keys is refused key changes (keys_replaced_elsewhere).
   */
  const freshCoordinator = async (pc: Pc) => {
    for (const other of [a, b, c]) await other.core.call('session.status');
    await pc.core.ok('session.lock');
    await login(pc, COORD.username, COORD.password);
  };
  /** A key as the hub's key file seals it, opened as the coordinator. */
  const officeKey = async (name: 'office' | 'casework' = 'office') => {
    const { data } = (await asRole(COORD.username, COORD.password, (client) => client.query<{ data: Buffer }>('SELECT data FROM m3hub.keyfile'))).rows[0]!;
    const file = join(hubDir, 'keyfile-copy.json');
    writeFileSync(file, data);
    const vault = Vault.load(file);
    const unlocked = await vault.unlock(vault.findUser(COORD.username)!, COORD.password);
    rmSync(file);
    return unlocked!.keys[name]!.toString('hex');
  };
  /** Plain SQL as an account's own database login, past the core: what a modified client could do. */
  const asRole = <T>(username: string, password: string, work: (client: pg.Client) => Promise<T>): Promise<T> => asLogin(hubLogin(username, password), work);
  /** Plain SQL as any database login (the recovery key's, below). */
  const asLogin = async <T>(login: { user: string; password: string }, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client(clientConfig(endpoint(), login.user, login.password));
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  /** The recovery login as a PC opens it: the printed key unlocks its identity in the PC's key file, which opens the PC's seal. */
  const recoveryLogin = async (dir: string, recoveryKey: string) => {
    const vault = Vault.load(join(dir, 'm3desk.keys'));
    const unlocked = await vault.unlock(vault.recovery()!, normalizeRecoveryKey(recoveryKey)!);
    return openRecoveryLogin(dir, unlocked!.privateKey);
  };
  const refused = (client: pg.Client, statement: string, params: unknown[] = []) =>
    client.query(statement, params).then(
      () => 'allowed',
      (error: { code?: string }) => error.code ?? 'failed',
    );

  /** Where the PCs reach the hub, as they keep it. */
  const endpoint = (): HubEndpoint => JSON.parse(readFileSync(join(pcs[0]!.dir, 'hub.json'), 'utf8')) as HubEndpoint;

  let a: Pc;
  let b: Pc;
  let c: Pc;
  let hubDir: string;
  const staff: Record<string, string> = {};

  beforeAll(async () => {
    const dir = tempDir('m3-hub-');
    folders.push(dir);
    hubDir = dir.path;
    hub = await initHub({ dir: dir.path, officeName: OFFICE, username: COORD.username, password: COORD.password, port: await freePort(), listen: '127.0.0.1', address: '127.0.0.1' });
    code = hub.joinCode;
    [a, b, c] = [await joinPc(), await joinPc(), await joinPc()];
    for (const pc of [a, b, c]) await login(pc, COORD.username, COORD.password);
    // Staff made on PC A log in on PC B: accounts, key slots and logins travel through the hub.
    for (const [username, role] of [['rita', 'reception'], ['karl', 'caseworker'], ['kim', 'caseworker'], ['hugo', 'host']] as const) {
      const made = await a.core.ok<{ temporaryPassword: string }>('users.create', { username, displayName: username, role });
      staff[username] = await login(b, username, made.temporaryPassword);
    }
    await login(b, COORD.username, COORD.password);
  }, 240_000);

  afterAll(async () => {
    for (const pc of pcs) await pc.core.stop();
    await hub?.stop();
    for (const folder of folders) folder.remove();
  });

  it('a family registered on one PC is found on the others', async () => {
    const { id } = await a.core.ok<{ id: string }>('families.create', familyInput({ displayName: 'Hubertsaal' }));
    for (const pc of [b, c]) {
      const found = await pc.core.ok<{ items: { id: string }[] }>('families.search', { query: 'hubertsaal' });
      expect(found.items.map((i) => i.id)).toContain(id);
    }
  });

  it('1,000 check-in attempts for 300 people from three PCs check in exactly 300', async () => {
    const people: string[] = [];
    for (let i = 0; i < 100; i++) {
      const members = [0, 1, 2].map((m) => ({ firstName: `P${i}-${m}`, lastName: `Zähl${i}`, birthYear: 1980 + m, role: m === 0 ? ('parent' as const) : ('child' as const) }));
      const { id } = await a.core.ok<{ id: string }>('families.create', familyInput({ displayName: `Zähl${i}`, members }));
      const family = await a.core.ok<{ members: { id: string }[] }>('families.get', { id });
      people.push(...family.members.map((m) => m.id));
    }
    expect(people).toHaveLength(300);
    const { id: eventId } = await a.core.ok<{ id: string }>('events.save', { title: 'Hubfest', type: 'other', fieldOfAction: 1, date: localDay(), start: '16:00', end: '18:00', place: 'Saal', capacity: 400 });
    const pcsInTurn = [a, b, c];
    const attempts = Array.from({ length: 1000 }, (_, i) => pcsInTurn[i % 3]!.core.call('checkin.checkIn', { eventId, personIds: [people[(i * 7) % 300]!] }));
    const answers = await Promise.all(attempts);
    expect(answers.filter((r) => !r.ok)).toEqual([]);
    const checkedIn = answers.flatMap((r) => (r.ok ? (r.data as { checkedIn: { personId: string }[] }).checkedIn.map((p) => p.personId) : []));
    expect(checkedIn).toHaveLength(300);
    expect(new Set(checkedIn).size).toBe(300);
    for (const pc of pcsInTurn) expect(await pc.core.ok('checkin.counts', { eventId })).toMatchObject({ present: 300 });
  }, 120_000);

  it('three PCs register families for one event at the same moment: no family twice, never more than the places', async () => {
    const families: string[] = [];
    for (let i = 0; i < 8; i++) families.push((await a.core.ok<{ id: string }>('families.create', familyInput({ displayName: `Platzwahl${i}`, members: [{ firstName: `Q${i}`, lastName: `Platzwahl${i}`, birthYear: 1990, role: 'parent' }] }))).id);
    const { id: eventId } = await a.core.ok<{ id: string }>('events.save', { title: 'Platzcafé', type: 'other', fieldOfAction: 1, date: localDay(), start: '16:00', end: '18:00', place: 'Saal', capacity: 4 });
    // Every family from all three PCs at once.
    const answers = await Promise.all(families.flatMap((familyId) => [a, b, c].map((pc) => pc.core.call('registrations.add', { eventId, familyId }))));
    const refused = answers.filter((r) => !r.ok).map((r) => (r.ok ? null : r.error.message));
    expect(refused).toEqual(Array.from({ length: 16 }, () => 'errors:already_registered'));
    const { registrations } = await b.core.ok<{ registrations: { familyId: string; status: string }[] }>('events.get', { id: eventId });
    expect(registrations.map((r) => r.familyId).sort()).toEqual([...families].sort());
    expect(registrations.filter((r) => r.status === 'registered')).toHaveLength(4);
    expect(await c.core.ok('checkin.counts', { eventId })).toMatchObject({ registered: 4, waiting: 4 });
  });

  it('a check-in at one PC reaches the screens of the others within two seconds (LISTEN/NOTIFY)', async () => {
    const { id } = await a.core.ok<{ id: string }>('families.create', familyInput({ displayName: 'Zuruf' }));
    const family = await a.core.ok<{ code: string }>('families.get', { id });
    const { id: eventId } = await a.core.ok<{ id: string }>('events.save', { title: 'Zurufcafé', type: 'other', fieldOfAction: 1, date: localDay(), start: '16:00', end: '18:00', place: 'Saal' });
    const seen = c.core.events.length;
    const started = Date.now();
    await a.core.ok('checkin.checkIn', { eventId, code: family.code });
    while (!c.core.events.slice(seen).some((e) => e.event === 'changed' && JSON.stringify(e.payload).includes('checkin'))) {
      if (Date.now() - started > 2000) throw new Error(`PC C heard nothing within 2 s: ${JSON.stringify(c.core.events.slice(seen))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await c.core.ok('checkin.counts', { eventId })).toMatchObject({ present: 4 });
  });

  it('two PCs saving the same family version: one saves, the other gets CONFLICT with the saved version, nothing lost', async () => {
    const { id } = await a.core.ok<{ id: string }>('families.create', familyInput({ displayName: 'Gleichzeitig' }));
    const g = await a.core.ok<Record<string, unknown> & { version: number }>('families.get', { id });
    const fields = { displayName: g.displayName, languages: g.languages, interpreterNeeded: false, accessRoute: 'walk_in', migrationBackground: 'not_stated', status: 'active' };
    const answers = await Promise.all([
      a.core.call('families.update', { id, version: g.version, ...fields, street: 'A-Straße 1' }),
      b.core.call('families.update', { id, version: g.version, ...fields, street: 'B-Straße 2' }),
    ]);
    expect(answers.filter((r) => r.ok)).toHaveLength(1);
    const conflict = answers.find((r) => !r.ok);
    expect(conflict).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const saved = await c.core.ok<{ street: string; version: number }>('families.get', { id });
    expect(['A-Straße 1', 'B-Straße 2']).toContain(saved.street);
    expect(saved.version).toBe(g.version + 1);
  });

  it('refuses a join code whose CA fingerprint is not the hub’s, and a wrong or expired enrolment token', async () => {
    const parsed = parseJoinCode(code)!;
    const other = createOfficeCa('Fremd');
    const { fingerprint } = await import('../../src/main/core/hub/ca');
    const foreign = formatJoinCode({ ...parsed, caFingerprint: fingerprint(other.certPem) });
    const wrongToken = formatJoinCode({ ...parsed, token: 'x'.repeat(32) });
    for (const [text, reason] of [
      [foreign, 'fingerprint'],
      [wrongToken, 'auth'],
      ['M3HUB1-kaputt', 'code'],
    ] as const) {
      const folder = tempDir('m3-pc-');
      folders.push(folder);
      await expect(joinHub(folder.path, text)).rejects.toMatchObject(new JoinError(reason));
    }
    // A new code ends the old token: a PC with the old code is refused.
    const renewed = await hub.renewJoinCode();
    const folder = tempDir('m3-pc-');
    folders.push(folder);
    await expect(joinHub(folder.path, code)).rejects.toMatchObject(new JoinError('auth'));
    code = renewed;
  });

  /** `npm run hub -- code --dir <dir>`, in English: its exit status and output. */
  const hubCode = (dir: string) =>
    new Promise<{ status: number | null; stdout: string }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tools/hub/main.ts', 'code', '--dir', dir, '--lang', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
      child.on('exit', (status) => {
        clearTimeout(timer);
        done({ status, stdout });
      });
    });

  it('`npm run hub -- code` gives a new join code for the hub running from its folder: a PC joins with it, the code before is refused', async () => {
    const run = await hubCode(hubDir);
    expect(run.status, run.stdout).toBe(0);
    const fresh = /^M3 hub join code: (\S+)$/m.exec(run.stdout)?.[1];
    expect(run.stdout).toMatch(/Valid until \d{4}-\d\d-\d\dT/);
    expect(parseJoinCode(fresh ?? '')).toMatchObject({ port: parseJoinCode(code)!.port });
    const folder = tempDir('m3-pc-');
    folders.push(folder);
    await expect(joinHub(folder.path, code)).rejects.toMatchObject(new JoinError('auth'));
    code = fresh!;
    await login(await joinPc(), COORD.username, COORD.password);
    // A hub that does not run (its settings elsewhere, nothing on its port): no code, exit 3, its settings file untouched.
    const stopped = tempDir('m3-hub-stopped-');
    folders.push(stopped);
    const settings = { ...JSON.parse(readFileSync(join(hubDir, 'hub.json'), 'utf8')), port: await freePort() };
    writeFileSync(join(stopped.path, 'hub.json'), JSON.stringify(settings));
    const before = readFileSync(join(stopped.path, 'hub.json'));
    const refused = await hubCode(stopped.path);
    expect(refused.status, refused.stdout).toBe(3);
    expect(refused.stdout).toMatch(/^No new join code/m);
    expect(readFileSync(join(stopped.path, 'hub.json')).equals(before)).toBe(true);
  }, 90_000);

  it('a PC whose trusted CA is not the hub’s refuses to log in (verify-full), and sends no password', async () => {
    const pc = await joinPc();
    const file = join(pc.dir, 'hub.json');
    const joined = JSON.parse(readFileSync(file, 'utf8')) as { caPem: string };
    writeFileSync(file, JSON.stringify({ ...joined, caPem: createOfficeCa('Fremd').certPem }));
    await pc.core.stop();
    const core = await startCoreProcess('tests/support/core-child.ts', { M3_DATA_DIR: pc.dir, M3_TEST_DATABASE: JSON.stringify(joinedHub(pc.dir)) });
    pcs.push({ core, dir: pc.dir });
    expect(await core.call('session.login', COORD)).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'errors:hub_certificate' } });
  });

  it('the database itself refuses what a role may not do, to plain SQL past the core', async () => {
    // Case work is there to be refused: a caseworker's confidential note.
    const { id: familyId } = await a.core.ok<{ id: string }>('families.create', familyInput({ displayName: 'Vertraulich' }));
    await login(c, 'karl', staff.karl!);
    const note = await c.core.ok<{ id: string }>('notes.create', confidentialNote(familyId, 'Nur für Karl'));
    await asRole('karl', staff.karl!, async (karl) => {
      // Its author finds it through the hub's search; nobody reads the word table itself, not even the author
      // (EXPLAIN ANALYZE would count the rows a policy hides), and only the author writes a note's words.
      expect((await karl.query("SELECT id FROM casework.search_my_notes(ARRAY['karl'], 20) AS s(id)")).rows).toEqual([{ id: note.id }]);
      expect(await refused(karl, 'SELECT word FROM casework.note_search_words WHERE note_id = $1', [note.id])).toBe('42501');
      expect(await refused(karl, "SELECT casework.note_words_search(ARRAY['karl'], 'x', 20)")).toBe('42501');
    });

    await asRole('rita', staff.rita!, async (rita) => {
      expect(await refused(rita, 'SELECT count(*) FROM casework.notes')).toBe('42501');
      expect(await refused(rita, "SELECT * FROM casework.search_my_notes(ARRAY['karl'], 20)")).toBe('42501');
      expect(await refused(rita, "UPDATE users SET role = 'coordinator' WHERE username = 'rita'")).toBe('42501');
      expect(await refused(rita, 'DELETE FROM audit_log')).toBe('42501');
      expect(await refused(rita, 'UPDATE audit_log SET outcome = $1', ['ok'])).toBe('42501');
      expect(await refused(rita, 'SELECT private_key FROM office_keys')).toBe('42501');
      expect(await refused(rita, 'SELECT * FROM exports')).toBe('42501');
      expect(await refused(rita, "INSERT INTO settings (key, value) VALUES ('officeName', 'Übernommen')")).toBe('42501');
      expect(await refused(rita, 'INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', ['9999_x', 'now'])).toBe('42501');
      expect(await refused(rita, 'CREATE TABLE public.mine (x int)')).toBe('42501');
      // Someone else's login: only coordinators manage accounts.
      const karlId = (await rita.query<{ id: string }>("SELECT id FROM users WHERE username = 'karl'")).rows[0]!.id;
      expect(await refused(rita, 'SELECT m3hub.set_login($1, NULL, NULL)', [karlId])).toBe('42501');
      // The export's pseudonym secret is the coordinators' alone.
      expect((await rita.query("SELECT key FROM settings WHERE key = 'pseudonymKey'")).rowCount).toBe(0);
      // Reports are not reception's, nor are their stored parts; a bucket's version only the triggers raise.
      expect(await refused(rita, 'SELECT part FROM report_parts')).toBe('42501');
      expect(await refused(rita, 'SELECT version FROM report_buckets')).toBe('42501');
      expect(await refused(rita, 'UPDATE report_buckets SET version = 0')).toBe('42501');
      expect(await refused(rita, 'SELECT public.report_touch_contacts()')).toBe('42501');
    });
    await asRole('rita', staff.rita!, async (rita) => {
      // Deleting a family (and with it its members, consents, contacts) is for coordinators only.
      expect(await refused(rita, 'DELETE FROM families')).toBe('42501');
      // The audit log: a login's links, not its content; appended in one's own name only.
      expect(await refused(rita, 'SELECT method, user_id FROM audit_log')).toBe('42501');
      expect((await rita.query('SELECT id, hash FROM audit_log LIMIT 1')).rowCount).toBe(1);
      const karlId = (await rita.query<{ id: string }>("SELECT id FROM users WHERE username = 'karl'")).rows[0]!.id;
      expect(await refused(rita, "INSERT INTO audit_log (id, at, user_id, method, entity_type, entity_id, outcome, prev_hash, hash) VALUES (999999, 'x', $1, 'users.create', null, null, 'ok', 'x', 'x')", [karlId])).toBe('42501');
      // The hub's key file is written only over the version it replaces, and each one is kept.
      expect(await refused(rita, 'DELETE FROM m3hub.keyfile')).toBe('42501');
      // Another person's unsaved input is not readable.
      expect((await rita.query('SELECT * FROM drafts WHERE user_id <> (SELECT m3hub.app_user_id())')).rowCount).toBe(0);
    });
    await asRole('hugo', staff.hugo!, async (hugo) => {
      expect(await refused(hugo, 'SELECT count(*) FROM casework.notes')).toBe('42501');
      // An event host: the counter, not the office's contacts, referrals, volunteers or case assignments.
      for (const table of ['contacts', 'referrals', 'volunteers', 'case_assignments', 'member_engagements']) {
        expect(await refused(hugo, `SELECT count(*) FROM ${table}`), table).toBe('42501');
      }
      expect(await refused(hugo, 'DELETE FROM families')).toBe('42501');
      expect(await refused(hugo, 'SELECT part FROM report_parts')).toBe('42501');
      // Of a family what check-in needs (names, members, the code), never its address, phone, e-mail,
      // languages or notes — not even through the search index's phone digits.
      expect((await hugo.query('SELECT id, code, display_name FROM families WHERE id = $1', [familyId])).rows).toEqual([expect.objectContaining({ display_name: 'Vertraulich' })]);
      for (const column of ['phone', 'phone_key', 'street', 'postal_code', 'email', 'languages', 'notes', 'migration_background']) {
        expect(await refused(hugo, `SELECT ${column} FROM families`), column).toBe('42501');
      }
      expect(await refused(hugo, 'SELECT * FROM families')).toBe('42501');
      expect(await refused(hugo, "SELECT family_id FROM families f JOIN family_search s ON s.family_id = f.id WHERE s.other LIKE '% 0%'")).toBe('42501');
      expect(await refused(hugo, 'SELECT other FROM family_search')).toBe('42501');
      for (const column of ['birth_date', 'gender', 'school', 'immigration_history']) {
        expect(await refused(hugo, `SELECT ${column} FROM members`), column).toBe('42501');
      }
      // Of its consents only the two a check-in needs (storing its data, photos): not the one for sharing with volunteers.
      const recorded = await a.core.ok<{ consents: { purpose: string }[] }>('families.get', { id: familyId });
      expect(recorded.consents.map((c) => c.purpose).sort()).toEqual(['data_storage', 'volunteer_sharing']);
      const purposes = await hugo.query<{ purpose: string }>('SELECT purpose, given, withdrawn_at FROM consents WHERE family_id = $1', [familyId]);
      expect(purposes.rows.map((r) => r.purpose)).toEqual(['data_storage']);
      expect(await refused(hugo, 'SELECT form_language FROM consents')).toBe('42501');
      // A host records consents and members only for the walk-in family written in the same transaction: never a
      // newer answer for a family already there (which would undo its withdrawal), nor in another's name.
      const hugoId = (await hugo.query<{ id: string }>('SELECT m3hub.app_user_id() AS id')).rows[0]!.id;
      const consent = (family: string, purpose: string, by: string): [string, unknown[]] => [
        "INSERT INTO consents (id, family_id, purpose, given, date, form_version, form_language, recorded_by, recorded_at) VALUES ($1, $2, $3, 1, '2026-01-01', '2026-01', 'de', $4, 'now')",
        [randomUUID(), family, purpose, by],
      ];
      for (const purpose of ['photos', 'data_storage', 'contact_phone']) expect(await refused(hugo, ...consent(familyId, purpose, hugoId)), purpose).toBe('42501');
      expect(await refused(hugo, "INSERT INTO members (id, family_id, first_name, last_name, birth_year, role, sort, last_koeln, last_skeleton) VALUES ('m-x', $1, 'Fremd', 'Fremd', 1990, 'parent', 9, '', '')", [familyId])).toBe('42501');
      // In the transaction that writes the walk-in family, both are allowed — the two consents a check-in
      // needs and in the host's own name only (each refusal taken back to a savepoint, the family stays written).
      const karlId = (await hugo.query<{ id: string }>("SELECT id FROM users WHERE username = 'karl'")).rows[0]!.id;
      await hugo.query('BEGIN');
      try {
        const walkInId = randomUUID();
        await hugo.query("INSERT INTO families (id, code, display_name, name_fold, languages, access_route, migration_background, status, created_at, updated_at) VALUES ($1, $2, 'Neu', 'neu', '[]', 'event', 'not_stated', 'active', 'now', 'now')", [walkInId, `T${randomUUID().slice(0, 5).toUpperCase()}`]);
        await hugo.query(...consent(walkInId, 'photos', hugoId));
        await hugo.query("INSERT INTO members (id, family_id, first_name, last_name, birth_year, role, sort, last_koeln, last_skeleton) VALUES ($1, $2, 'Neu', 'Neu', 1990, 'parent', 0, '', '')", [randomUUID(), walkInId]);
        for (const [purpose, by] of [['contact_phone', hugoId], ['data_storage', karlId]] as const) {
          await hugo.query('SAVEPOINT attempt');
          expect(await refused(hugo, ...consent(walkInId, purpose, by)), `${purpose} by ${by}`).toBe('42501');
          await hugo.query('ROLLBACK TO SAVEPOINT attempt');
        }
      } finally {
        await hugo.query('ROLLBACK');
      }
      // Nor more of a check-in than the time of leaving, nor a search word away, nor a family's version.
      expect(await refused(hugo, 'UPDATE checkins SET by_user = NULL')).toBe('42501');
      expect(await refused(hugo, 'DELETE FROM family_search_words')).toBe('42501');
      expect(await refused(hugo, 'SELECT version FROM families')).toBe('42501');
      // Nor change a family or its search entry (a walk-in is written, nothing else).
      expect(await refused(hugo, "UPDATE families SET display_name = 'Umbenannt'")).toBe('42501');
      expect(await refused(hugo, "UPDATE family_search SET names = ' x '")).toBe('42501');
      expect(await refused(hugo, 'DELETE FROM family_search')).toBe('42501');
    });
    await asRole('karl', staff.karl!, async (karl) => {
      // A caseworker reads the versions (her reports count by them) but cannot hold one still.
      expect((await karl.query('SELECT bucket FROM report_buckets')).rowCount).toBeGreaterThan(0);
      expect(await refused(karl, 'UPDATE report_buckets SET version = version + 1')).toBe('42501');
      expect(await refused(karl, 'DELETE FROM report_buckets')).toBe('42501');
      // Nor can she store figures for a colleague's reports (each login reads only the parts it stored).
      const { bucket, version } = (await karl.query<{ bucket: string; version: number }>('SELECT bucket, version FROM report_buckets LIMIT 1')).rows[0]!;
      expect(
        await refused(karl, "INSERT INTO report_parts (period, definition, bucket, version, valid_until, stored_at, part, stored_by) VALUES ('p', 'background', $1, $2, NULL, 'now', '{}', 'm3u_kim')", [bucket, version]),
      ).toBe('42501');
      expect(await refused(karl, 'SELECT public.report_touch_contacts()')).toBe('42501');
    });
    await asRole('kim', staff.kim!, async (kim) => {
      // Another caseworker does not see the confidential note, not even its search words or versions.
      expect((await kim.query('SELECT id FROM casework.notes WHERE id = $1', [note.id])).rowCount).toBe(0);
      expect(await refused(kim, "EXPLAIN ANALYZE SELECT 1 FROM casework.note_search_words WHERE word = 'karl'")).toBe('42501');
      expect((await kim.query("SELECT id FROM casework.search_my_notes(ARRAY['karl'], 20) AS s(id)")).rowCount).toBe(0);
      // Not even by the search's own work: for her, a word only in his confidential note costs what a word in no note costs.
      const work = async (word: string) => {
        const explained = await kim.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT * FROM casework.search_my_notes(ARRAY['${word}'], 20)`);
        const plan = (explained.rows[0] as { 'QUERY PLAN': { Plan: Record<string, number> }[] })['QUERY PLAN'][0]!.Plan;
        return { rows: plan['Actual Rows'], blocks: plan['Shared Hit Blocks']! + plan['Shared Read Blocks']! };
      };
      await work('karl');
      await work('qzxvw');
      expect(await work('karl')).toEqual(await work('qzxvw'));
      // Nor can she give it words, take its words away, or search as him.
      expect(await refused(kim, "SELECT casework.index_note($1, ARRAY['harmlos'])", [note.id])).toBe('42501');
      expect(await refused(kim, 'SELECT casework.unindex_note($1)', [note.id])).toBe('42501');
      expect(await refused(kim, 'SELECT casework.note_words_set($1, ARRAY[$2])', [note.id, 'harmlos'])).toBe('42501');
      expect((await kim.query("UPDATE casework.notes SET body = NULL WHERE id = $1", [note.id])).rowCount).toBe(0);
      expect(await refused(kim, 'DELETE FROM audit_log')).toBe('42501');
      // A caseworker can neither take a colleague's note over nor remove one.
      expect((await kim.query("UPDATE casework.notes SET author_id = (SELECT m3hub.app_user_id())")).rowCount).toBe(0);
      expect(await refused(kim, 'DELETE FROM casework.notes')).toBe('42501');
      // Break-glass reads it, and the reading is recorded before — and stays recorded.
      const reading = await kim.query<{ body: string }>('SELECT body FROM casework.break_glass($1, $2)', [note.id, 'Vertretung bei akuter Krise']);
      expect(reading.rows[0]!.body).toContain('Nur für Karl');
      expect(await refused(kim, 'DELETE FROM casework.note_access')).toBe('42501');
      expect(await refused(kim, "INSERT INTO casework.note_access (id, note_id, user_id, at, reason) VALUES ('f', $1, 'x', '2020-01-01', 'Zurückdatiert')", [note.id])).toBe('42501');
    });
    await asRole('karl', staff.karl!, async (karl) => {
      expect((await karl.query('SELECT id FROM casework.notes WHERE id = $1', [note.id])).rowCount).toBe(1);
      expect((await karl.query('SELECT reason FROM casework.note_access WHERE note_id = $1', [note.id])).rows).toEqual([{ reason: 'Vertretung bei akuter Krise' }]);
    });
    // A wrong password opens no login; the enrolment login reads nothing but the enrolment.
    await expect(asRole('rita', 'falsch-geraten-123', async () => undefined)).rejects.toMatchObject({ code: '28P01' });
  });

  it('through the app, a colleague sees that a confidential note exists and reads it only through break-glass', async () => {
    const { id: familyId } = await a.core.ok<{ id: string }>('families.create', familyInput({ displayName: 'Bruchglas' }));
    await login(c, 'karl', staff.karl!);
    const note = await c.core.ok<{ id: string }>('notes.create', confidentialNote(familyId, 'Karls Vermerk'));
    await login(b, 'kim', staff.kim!);
    try {
      const list = await b.core.ok<{ items: { id: string; confidential: boolean; excerpt: string | null; kind: string | null }[] }>('notes.list', { familyId });
      expect(list.items).toEqual([expect.objectContaining({ id: note.id, confidential: true, excerpt: null, kind: null })]);
      const timeline = await b.core.ok<{ items: { id: string; what: string; text: string | null }[] }>('timeline.list', { familyId });
      expect(timeline.items.find((i) => i.id === note.id)).toMatchObject({ what: 'confidential', text: null });
      expect(await b.core.call('notes.get', { id: note.id })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'errors:note_confidential' } });
      expect(await b.core.call('notes.update', { id: note.id, version: 1, confidential: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const read = await b.core.ok<{ body: unknown }>('notes.breakGlass', { id: note.id, reason: 'Vertretung während Urlaub' });
      expect(JSON.stringify(read.body)).toContain('Karls Vermerk');
      const day = await c.core.ok<{ accesses: { noteId: string; reason: string }[] }>('cases.today');
      expect(day.accesses).toEqual(expect.arrayContaining([expect.objectContaining({ noteId: note.id, reason: 'Vertretung während Urlaub' })]));
      // Search follows the note's confidentiality both ways: opened by its author, a colleague finds it; closed again, not.
      const found = async () => (await b.core.ok<{ items: { noteId: string }[] }>('notes.search', { query: 'vermerk' })).items.map((i) => i.noteId);
      expect(await found()).toEqual([]);
      const opened = await c.core.ok<{ version: number }>('notes.update', { id: note.id, version: 1, confidential: false });
      expect(await found()).toEqual([note.id]);
      const closed = await c.core.ok<{ version: number }>('notes.update', { id: note.id, version: opened.version, confidential: true });
      expect(await found()).toEqual([]);
      const open = await c.core.ok<{ version: number }>('notes.update', { id: note.id, version: closed.version, confidential: false });
      // Its history is the author's edits alone: a colleague can read it with the open note, never write, change or remove it.
      await asRole('kim', staff.kim!, async (kim) => {
        expect((await kim.query('SELECT version FROM casework.note_versions WHERE note_id = $1', [note.id])).rowCount).toBe(3);
        expect(await refused(kim, "UPDATE casework.note_versions SET content = '{}' WHERE note_id = $1", [note.id])).toBe('42501');
        expect(await refused(kim, 'DELETE FROM casework.note_versions WHERE note_id = $1', [note.id])).toBe('42501');
        expect(await refused(kim, "INSERT INTO casework.note_versions (note_id, version, content, edited_by, edited_at) VALUES ($1, 99, '{}', 'x', 'y')", [note.id])).toBe('42501');
      });
      // A coordinator deletes the open note: gone from search for everyone; an edit from the author's older screen is refused.
      expect(await a.core.ok('notes.delete', { id: note.id, reason: 'Doppelt angelegt, bitte entfernen' })).toEqual({ deleted: true });
      expect(await found()).toEqual([]);
      expect((await c.core.ok<{ items: unknown[] }>('notes.search', { query: 'vermerk' })).items).toEqual([]);
      expect(await c.core.call('notes.update', { id: note.id, version: open.version, confidential: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      await login(b, COORD.username, COORD.password);
    }
  });

  it('a hub outage in the middle of a counter session: check-ins go on from the journal, the replay leaves no duplicate and loses nobody', async () => {
    const make = async (name: string) => {
      const { id } = await a.core.ok<{ id: string }>('families.create', familyInput({ displayName: name }));
      return a.core.ok<{ id: string; code: string; members: { id: string; firstName: string }[] }>('families.get', { id });
    };
    const [first, second, stranger, early] = [await make('Ausfallweg'), await make('Kabelriss'), await make('Unbekanntweg'), await make('Frühdran')];
    const { id: eventId } = await a.core.ok<{ id: string }>('events.save', { title: 'Ausfallcafé', type: 'other', fieldOfAction: 1, date: localDay(), start: '16:00', end: '18:00', place: 'Saal', capacity: 50 });
    for (const family of [first, second, early]) await a.core.ok('registrations.add', { eventId, familyId: family.id });
    const until = async (what: () => Promise<boolean>, label: string) => {
      const started = Date.now();
      while (!(await what())) {
        if (Date.now() - started > 15_000) throw new Error(`waited in vain: ${label}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    // The counters on PCs B and C open the event while the hub answers: each keeps a snapshot.
    for (const pc of [b, c]) {
      await pc.core.ok('checkin.counts', { eventId });
      // The snapshot is taken at once, beside the core's queue: its file is there when it is done.
      await until(async () => existsSync(join(pc.dir, 'offline', `event-${createHash('sha256').update(eventId).digest('hex').slice(0, 24)}.snap`)), 'the counter snapshot');
      await pc.core.ok('families.search', { query: 'ausfall' });
    }
    const status = (pc: Pc) => pc.core.ok<{ online: boolean; pending: number; lastReplay: { alreadyIn: { familyName: string; names: string[] }[] } | null }>('hub.status');

    // A check-in at PC A just before the outage reaches the snapshots of B and C (they heard of it).
    await a.core.ok('checkin.checkIn', { eventId, code: early.code });
    await new Promise((r) => setTimeout(r, 1000));
    // Then one of that family moves out (recorded at PC A): the counters' lists on B and C follow again (they heard of it).
    const leaver = (await a.core.ok<{ members: { id: string; firstName: string; lastName: string; birthYear: number; role: string }[] }>('families.get', { id: early.id })).members[3]!;
    await a.core.ok('members.save', { familyId: early.id, id: leaver.id, firstName: leaver.firstName, lastName: leaver.lastName, birthYear: leaver.birthYear, role: leaver.role, movedOutAt: localDay() });
    await new Promise((r) => setTimeout(r, 2500));
    for (const pc of [b, c]) await pc.core.ok('families.search', { query: 'ausfall' });

    hub.server.kill({ hold: true });
    await until(async () => !(await status(b)).online && !(await status(c)).online, 'both PCs notice the outage');
    expect(b.core.events.some((e) => e.event === 'hub' && (e.payload as { online: boolean }).online === false)).toBe(true);
    // Everything but the counter says so at once; the counter goes on.
    expect(await b.core.call('families.search', { query: 'ausfall' })).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'errors:hub_offline' } });
    const offline = await b.core.ok<{ checkedIn: unknown[]; counts: { present: number } }>('checkin.checkIn', { eventId, code: first.code });
    expect(offline.checkedIn).toHaveLength(4);
    expect(offline.counts.present).toBe(8);
    expect(await b.core.ok('checkin.checkIn', { eventId, code: first.code })).toMatchObject({ checkedIn: [], already: expect.arrayContaining([expect.objectContaining({ personId: first.members[0]!.id })]) });
    expect(await b.core.call('checkin.checkIn', { eventId, code: stranger.code })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'errors:offline_family_unknown' } });
    // Chosen on a screen listed before the move: refused as on the hub, alone or with someone who still lives there.
    for (const [pc, personIds] of [[b, [leaver.id]], [c, [early.members[0]!.id, leaver.id]]] as const) {
      expect(await pc.core.call('checkin.checkIn', { eventId, personIds })).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'errors:checkin_moved_out' } });
    }
    // The other counter checks in one of the same persons, and the second family.
    await c.core.ok('checkin.checkIn', { eventId, personIds: [first.members[0]!.id] });
    await c.core.ok('checkin.checkIn', { eventId, code: second.code });
    expect(await status(b)).toMatchObject({ online: false, pending: 1 });
    expect(await status(c)).toMatchObject({ online: false, pending: 2 });

    await hub.server.restart();
    await until(async () => {
      const [sb, sc] = [await status(b), await status(c)];
      return sb.online && sc.online && sb.pending === 0 && sc.pending === 0;
    }, 'both PCs back, journals replayed');
    expect(await a.core.ok('checkin.counts', { eventId })).toMatchObject({ present: 12 });
    // The person checked in at both counters counts once, and is named for the host at the counter that was second.
    const replays = [(await status(b)).lastReplay, (await status(c)).lastReplay];
    const twice = replays.flatMap((r) => r?.alreadyIn ?? []);
    expect(twice).toEqual([{ eventId, familyName: 'Ausfallweg', names: [`${first.members[0]!.firstName} Yılmaz`] }]);
    // Everything works again on the PCs that were cut off.
    expect(await b.core.call('families.search', { query: 'ausfall' })).toMatchObject({ ok: true });
    // Whoever logs in next at the counter that was second is not shown the last session's names.
    const told = replays[0]?.alreadyIn.length ? b : c;
    await told.core.ok('session.lock');
    await login(told, COORD.username, COORD.password);
    expect((await status(told)).lastReplay).toBeNull();
  }, 60_000);

  it('a counter that locked during an outage logs in without the hub: only the counter works, from its list and journal; the session ends when the hub answers, and the next login sends the journal', async () => {
    await freshCoordinator(a);
    const { id: familyId } = await a.core.ok<{ id: string }>('families.create', familyInput({ displayName: 'Ohnehubweg' }));
    const family = await a.core.ok<{ code: string; members: unknown[] }>('families.get', { id: familyId });
    const { id: eventId } = await a.core.ok<{ id: string }>('events.save', { title: 'Kabelcafé', type: 'other', fieldOfAction: 1, date: localDay(), start: '09:00', end: '11:00', place: 'Foyer', capacity: 20 });
    await a.core.ok('registrations.add', { eventId, familyId });
    const until = async (what: () => Promise<boolean>, label: string, ms = 15_000) => {
      const started = Date.now();
      while (!(await what())) {
        if (Date.now() - started > ms) throw new Error(`waited in vain: ${label}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    // Hanna, a host, logged in at PC C once: C's copy of the key file holds her slot.
    const hannaName = 'hanna';
    const hanna = await a.core.ok<{ id: string; temporaryPassword: string }>('users.create', { username: hannaName, displayName: 'Hanna', role: 'host' });
    await c.core.ok('session.lock');
    const hannaPassword = await login(c, hannaName, hanna.temporaryPassword);
    // The host opens the event's counter on PC C while the hub answers: C keeps its list. Hanna is deactivated
    // on PC A meanwhile — C's copy of the key file still holds her slot until C's next login on the hub.
    await c.core.ok('session.lock');
    await login(c, 'hugo', staff.hugo!);
    // C notes who may log in there without the hub at each login on the hub, and again when it hears of an account changed.
    const staffFile = join(c.dir, 'offline', 'staff');
    await until(async () => existsSync(staffFile), 'the list of who may log in at C');
    const listedAt = statSync(staffFile).mtimeMs;
    await a.core.ok('users.deactivate', { id: hanna.id });
    await until(async () => statSync(staffFile).mtimeMs !== listedAt, 'C hears of the deactivation');
    // Rita changes her password on PC B: C's copy of the key file still holds her old slot, which the old password opens.
    const ritaOld = staff.rita!;
    await b.core.ok('session.lock');
    await b.core.ok('session.login', { username: 'rita', password: ritaOld });
    const changedAt = statSync(staffFile).mtimeMs;
    await b.core.ok('session.changePassword', { currentPassword: ritaOld, newPassword: `${ritaOld}-zwei` });
    staff.rita = `${ritaOld}-zwei`;
    await b.core.ok('session.lock');
    await login(b, COORD.username, COORD.password);
    await until(async () => statSync(staffFile).mtimeMs !== changedAt, 'C hears of the new password');
    await c.core.ok('checkin.counts', { eventId });
    await until(async () => (await c.core.ok<{ items: { eventId: string }[] }>('checkin.offlineEvents')).items.some((e) => e.eventId === eventId), 'the counter list');
    // A PC that never opened a counter has nothing to go on from.
    const d = await joinPc();
    await login(d, COORD.username, COORD.password);
    await d.core.ok('session.lock');

    hub.server.kill({ hold: true });
    await until(async () => !(await c.core.ok<{ online: boolean }>('hub.status')).online, 'C notices the outage');
    // Locked (by hand here; after 5 idle minutes at the counter): before, nobody could log in until the hub answered.
    await c.core.ok('session.lock');
    expect(await c.core.call('session.login', { username: 'hugo', password: 'Falsches-Passwort-1' })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    const unreachable = { ok: false, error: { code: 'INTERNAL', message: 'errors:hub_unreachable' } };
    expect(await d.core.call('session.login', { username: COORD.username, password: COORD.password })).toEqual(unreachable);
    // The deactivated account's slot opens C's copy, but the hub's list of who may log in here (kept by C) no longer
    // names her: a failed login (audited at the next login on the hub).
    const refused = { ok: false, error: { code: 'AUTH_FAILED', message: 'errors:AUTH_FAILED' } };
    expect(await c.core.call('session.login', { username: hannaName, password: hannaPassword })).toEqual(refused);
    // The old password opens Rita's old slot in C's copy, but the list names her new one.
    expect(await c.core.call('session.login', { username: 'rita', password: ritaOld })).toEqual(refused);
    await c.core.ok('session.login', { username: 'hugo', password: staff.hugo });
    expect(await c.core.ok('session.status')).toMatchObject({ state: 'unlocked', offline: true, officeName: OFFICE, user: { username: 'hugo', role: 'host' } });
    // Only the counter: every other method of the contract answers that the hub cannot be reached.
    const counterOnly = new Set(['checkin.checkIn', 'checkin.counts', 'checkin.search', 'checkin.offlineEvents', 'session.status', 'session.lock', 'session.heartbeat', 'session.login', 'ui.preferences', 'ui.setLanguage', 'hub.status']);
    for (const method of Object.keys(contract).filter((m) => !counterOnly.has(m))) {
      expect(await c.core.call(method, {}), method).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'errors:hub_offline' } });
    }
    const { items } = await c.core.ok<{ items: { eventId: string; title: string; date: string; start: string; place: string; counts: { present: number } }[] }>('checkin.offlineEvents');
    expect(items.find((e) => e.eventId === eventId)).toMatchObject({ title: 'Kabelcafé', date: localDay(), start: '09:00', place: 'Foyer', counts: { present: 0 } });
    expect(await c.core.ok('checkin.search', { eventId, query: 'ohnehub' })).toMatchObject({ items: [expect.objectContaining({ familyId })] });
    const inOffline = await c.core.ok<{ checkedIn: unknown[]; counts: { present: number } }>('checkin.checkIn', { eventId, code: family.code });
    expect(inOffline.checkedIn).toHaveLength(family.members.length);
    expect(await c.core.ok('hub.status')).toMatchObject({ online: false, pending: 1 });
    // The PC asks the hub every 3 s: while it stays silent, the session goes on.
    await new Promise((r) => setTimeout(r, 7_000));
    expect(await c.core.ok('session.status')).toMatchObject({ state: 'unlocked', offline: true });

    const lockedBefore = c.core.events.filter((e) => e.event === 'locked').length;
    await hub.server.restart();
    // The hub answers: the session on this PC alone ends (within a few seconds), the next login is on the hub.
    await until(async () => c.core.events.slice(lockedBefore).some((e) => e.event === 'locked' && (e.payload as { reason: string }).reason === 'hub_back'), 'the offline session ends', 30_000);
    expect(await c.core.ok('session.status')).toMatchObject({ state: 'locked' });
    await c.core.ok('session.login', { username: 'hugo', password: staff.hugo });
    expect(await c.core.ok('session.status')).not.toHaveProperty('offline');
    await until(async () => (await c.core.ok<{ pending: number }>('hub.status')).pending === 0, 'the journal replayed');
    expect(await a.core.ok('checkin.counts', { eventId })).toMatchObject({ present: family.members.length });
    // The login without the hub is in the office's audit log.
    const audit = await a.core.ok<{ items: { method: string; outcome: string; userName: string }[] }>('audit.list', { method: 'session.login', outcome: 'ok' });
    expect(audit.items.filter((e) => e.outcome === 'OFFLINE')).toEqual([expect.objectContaining({ userName: 'hugo' })]);
    // So are the refused ones of the deactivated account and the old password.
    const failures = await a.core.ok<{ items: { outcome: string; userName: string | null }[] }>('audit.list', { method: 'session.login', outcome: 'failed' });
    for (const name of ['Hanna', 'rita']) expect(failures.items.some((e) => e.outcome === 'AUTH_FAILED' && e.userName?.toLowerCase() === name.toLowerCase()), name).toBe(true);
    await c.core.ok('session.lock');
    await login(c, COORD.username, COORD.password);
  }, 90_000);

  it('three PCs make an account each at the same moment: each gets its key slot and login on the hub (a later one adds its slot to the key file written first)', async () => {
    for (const pc of [a, b, c]) await freshCoordinator(pc);
    const made = await Promise.all(
      [a, b, c].map((pc, i) => pc.core.ok<{ id: string; temporaryPassword: string }>('users.create', { username: `gleichzeitig${i + 1}`, displayName: `Gleichzeitig ${i + 1}`, role: 'reception' })),
    );
    // The hub's key file holds each of them once (no slot sealed twice, none lost).
    const { keyfile } = (await asRole(COORD.username, COORD.password, (client) => client.query<{ keyfile: Buffer }>('SELECT data AS keyfile FROM m3hub.keyfile'))).rows[0]!;
    const identities = (JSON.parse(keyfile.toString('utf8')) as { identities: { userId: string | null }[] }).identities;
    for (const { id } of made) expect(identities.filter((i) => i.userId === id)).toHaveLength(1);
    await c.core.ok('session.lock');
    try {
      for (const [i, { temporaryPassword }] of made.entries()) {
        await login(c, `gleichzeitig${i + 1}`, temporaryPassword);
        await c.core.ok('session.lock');
      }
    } finally {
      await login(c, COORD.username, COORD.password);
    }
  });

  it('three PCs reset and deactivate accounts at the same moment: every change holds in the hub\'s key file (a later one makes its key change again on the file written first)', async () => {
    for (const pc of [a, b, c]) await freshCoordinator(pc);
    const staff = [];
    for (const i of [1, 2, 3]) staff.push(await a.core.ok<{ id: string; temporaryPassword: string }>('users.create', { username: `wechsel${i}`, displayName: `Wechsel ${i}`, role: 'reception' }));
    for (const pc of [b, c]) await pc.core.ok('users.list');
    const [one, two, three] = staff as [(typeof staff)[0], (typeof staff)[0], (typeof staff)[0]];
    const answers = await Promise.all([
      a.core.call('users.resetPassword', { id: one.id }),
      b.core.call('users.resetPassword', { id: two.id }),
      c.core.call('users.deactivate', { id: three.id }),
    ]);
    expect(answers.map((answer) => (answer.ok ? 'ok' : answer.error.message))).toEqual(['ok', 'ok', 'ok']);
    const { keyfile } = (await asRole(COORD.username, COORD.password, (client) => client.query<{ keyfile: Buffer }>('SELECT data AS keyfile FROM m3hub.keyfile'))).rows[0]!;
    const identities = (JSON.parse(keyfile.toString('utf8')) as { identities: { userId: string | null }[] }).identities;
    expect(identities.filter((i) => i.userId === one.id)).toHaveLength(1);
    expect(identities.filter((i) => i.userId === two.id)).toHaveLength(1);
    expect(identities.filter((i) => i.userId === three.id)).toHaveLength(0);
    // No PC kept keys of its own that never reached the hub: a key-file change at each PC seals the hub's office key.
    const office = await officeKey();
    for (const [i, pc] of [a, b, c].entries()) await pc.core.ok('users.create', { username: `danach${i + 1}`, displayName: `Danach ${i + 1}`, role: 'reception' });
    expect(await officeKey()).toBe(office);
    const reset = answers.slice(0, 2).map((answer) => (answer as { data: { temporaryPassword: string } }).data.temporaryPassword);
    await c.core.ok('session.lock');
    try {
      // The new temporary passwords open the office; the old ones and the deactivated account nothing.
      for (const [i, who] of [one, two].entries()) {
        expect((await c.core.call('session.login', { username: `wechsel${i + 1}`, password: who.temporaryPassword })).ok).toBe(false);
        await login(c, `wechsel${i + 1}`, reset[i]!);
        await c.core.ok('session.lock');
      }
      expect((await c.core.call('session.login', { username: 'wechsel3', password: three.temporaryPassword })).ok).toBe(false);
    } finally {
      await login(c, COORD.username, COORD.password);
    }
  });

  it('a caseworker deactivated at one PC while another resets a password: the casework key stays replaced, whichever PC writes first', async () => {
    for (const pc of [a, c]) await freshCoordinator(pc);
    const leaving = await a.core.ok<{ id: string }>('users.create', { username: 'geht', displayName: 'Geht', role: 'caseworker' });
    const staying = await a.core.ok<{ id: string }>('users.create', { username: 'neuwort', displayName: 'Neuwort', role: 'reception' });
    await c.core.ok('users.list');
    const before = await officeKey('casework');
    const answers = await Promise.all([c.core.call('users.deactivate', { id: leaving.id }), a.core.call('users.resetPassword', { id: staying.id })]);
    expect(answers.map((answer) => answer.ok)).toEqual([true, true]);
    // A PC whose own key change lost the race must not seal its casework key from before into the next file.
    expect(await officeKey('casework')).not.toBe(before);
  });

  it('a coordinator whose keys another PC replaced meanwhile changes the key file with the new keys, never the old ones', async () => {
    for (const pc of [a, b]) await freshCoordinator(pc);
    const made = await b.core.ok<{ id: string }>('users.create', { username: 'neuschluessel', displayName: 'Neu Schlüssel', role: 'reception' });
    const before = await officeKey();
    // A reset replaces the keys (PC B); PC A's session still holds the ones before.
    await b.core.ok('users.resetPassword', { id: made.id });
    const renewed = await officeKey();
    expect(renewed).not.toBe(before);
    // PC A makes an account: it takes the new keys with its own identity and seals those, not its old ones.
    await a.core.ok('users.create', { username: 'folgt', displayName: 'Folgt', role: 'reception' });
    expect(await officeKey()).toBe(renewed);
  });

  it('a coordinator whose own password was changed at another PC meanwhile is refused a deactivation or reset before anything is written', async () => {
    await freshCoordinator(a);
    const cora = await a.core.ok<{ id: string; temporaryPassword: string }>('users.create', { username: 'cora', displayName: 'Cora', role: 'coordinator' });
    const made = await a.core.ok<{ id: string; temporaryPassword: string }>('users.create', { username: 'bleibt', displayName: 'Bleibt', role: 'reception' });
    const bleibt = await login(c, 'bleibt', made.temporaryPassword);
    await c.core.ok('session.lock');
    const coraPassword = await login(a, 'cora', cora.temporaryPassword);
    try {
      // Cora changes her password at PC B: her slot in the hub's key file is a new one; PC A's session holds the old.
      await login(b, 'cora', coraPassword);
      await b.core.ok('session.changePassword', { currentPassword: coraPassword, newPassword: `${coraPassword}-zwei` });
      for (const method of ['users.deactivate', 'users.resetPassword']) {
        expect(await a.core.call(method, { id: made.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:keys_replaced_elsewhere' } });
      }
      // Nothing was written: the account is active, needs no new password, and its login on the hub works.
      const { items } = await b.core.ok<{ items: { id: string }[] }>('users.list', { includeInactive: true });
      expect(items.find((u) => u.id === made.id)).toMatchObject({ active: true, mustChangePassword: false });
      await expect(asRole('bleibt', bleibt, async (client) => (await client.query('SELECT 1 AS one')).rows[0])).resolves.toEqual({ one: 1 });
    } finally {
      await a.core.ok('session.lock');
      await login(a, COORD.username, COORD.password);
      await b.core.ok('session.lock');
      await login(b, COORD.username, COORD.password);
    }
  });

  it('each role works as in the app through its own login (grants follow the contract, nothing the app needs is refused)', async () => {
    // An event host at the counter: the event, a walk-in family, check-in, undo, an anonymous count, the attendance list.
    await login(b, 'hugo', staff.hugo!);
    try {
      const { id: eventId } = await a.core.ok<{ id: string }>('events.save', { title: 'Gastgebercafé', type: 'other', fieldOfAction: 1, date: localDay(), start: '16:00', end: '18:00', place: 'Saal' });
      expect(await b.core.ok('events.get', { id: eventId })).toMatchObject({ id: eventId });
      const walkIn = await b.core.ok<{ familyId: string; checkedIn: unknown[] }>('checkin.walkIn', { eventId, displayName: 'Neuankunft', members: [{ firstName: 'Ana', lastName: 'Neuankunft', birthYear: 1990, role: 'parent' }], migrationBackground: 'not_stated', storageConsent: true, photoConsent: false, formLanguage: 'de' });
      expect(walkIn.checkedIn).toHaveLength(1);
      expect(await b.core.ok('families.get', { id: walkIn.familyId })).toMatchObject({ view: 'checkin' });
      expect(await b.core.ok('checkin.search', { eventId, query: 'Neuank' })).toMatchObject({ items: [expect.objectContaining({ familyName: 'Neuankunft' })] });
      // PC B's counter keeps the event's registered names between keystrokes: a registration made at PC A
      // puts that family first there as soon as the hub announces it.
      const heard = b.core.events.length;
      for (const displayName of ['Folgsam', 'Folgsamkeit']) await a.core.ok('families.create', familyInput({ displayName }));
      // B has heard of both families first: a late announcement of them must not be what empties its list below.
      const familiesHeard = () => b.core.events.slice(heard).filter((e) => e.event === 'changed' && (e.payload as { entities: string[] }).entities.includes('family')).length;
      await expect.poll(familiesHeard, { timeout: 2_000, interval: 50 }).toBeGreaterThanOrEqual(2);
      const order = async () => (await b.core.ok<{ items: { familyId: string }[] }>('checkin.search', { eventId, query: 'Folgs' })).items.map((h) => h.familyId);
      const [first, second] = await order();
      await a.core.ok('registrations.add', { eventId, familyId: second });
      await expect.poll(order, { timeout: 2_000, interval: 100 }).toEqual([second, first]);
      await b.core.ok('checkin.undo', { eventId });
      const walkInPeople = (await b.core.ok<{ members: { id: string }[] }>('families.get', { id: walkIn.familyId })).members.map((m) => m.id);
      await b.core.ok('checkin.checkIn', { eventId, personIds: walkInPeople });
      // A family's code scanned: the event, the family, its household, registration and consents in one read, under the host's own login.
      const { id: scanned } = await a.core.ok<{ id: string }>('families.create', familyInput({ displayName: 'Scanweg' }));
      const { code } = await a.core.ok<{ code: string }>('families.get', { id: scanned });
      expect(await b.core.ok('checkin.checkIn', { eventId, code })).toMatchObject({ familyName: 'Scanweg', checkedIn: expect.arrayContaining([expect.anything()]), counts: { present: 5 } });
      // Typed as a scanner types it: found by the whole code, though the host's login cannot read the index's codes and phone digits.
      expect(await b.core.ok('checkin.search', { eventId, query: code })).toMatchObject({ items: [expect.objectContaining({ familyName: 'Scanweg', code })] });
      await b.core.ok('checkin.anonymous', { eventId, adults: 1, children: 2 });
      expect(await b.core.ok('attendance.list', { eventId })).toBeTruthy();
      // A check-out writes the time of leaving (the only column of a check-in a host changes).
      expect(await b.core.ok('checkin.checkOut', { eventId, personIds: walkInPeople })).toMatchObject({ checkedOut: 1 });
      // Locking anchors the chain's head (read through a synchronous commit on the hub, under the host's own
      // login): the anchor names an entry of the chain made after everything before the lock.
      const head = () => asRole('hugo', staff.hugo!, async (client) => Number((await client.query<{ seq: number }>('SELECT seq FROM audit_head WHERE id = 1')).rows[0]!.seq));
      const before = await head();
      await b.core.ok('session.lock', {});
      const anchored = JSON.parse(readFileSync(`${b.dir}.anchor`, 'utf8')) as { seq: number; hash: string };
      expect(anchored.seq).toBeGreaterThan(before);
      expect(anchored.seq).toBeLessThanOrEqual(await head());
      const link = await asRole('hugo', staff.hugo!, async (client) => (await client.query<{ hash: string }>('SELECT hash FROM audit_log WHERE id = $1', [anchored.seq])).rows[0]?.hash);
      expect(link).toBe(anchored.hash);
    } finally {
      await login(b, COORD.username, COORD.password);
    }
    // Reception: intake, an update, a contact, a consent, a registration.
    await login(b, 'rita', staff.rita!);
    try {
      const { id } = await b.core.ok<{ id: string }>('families.create', familyInput({ displayName: 'Empfangsweg' }));
      const family = await b.core.ok<Record<string, unknown> & { version: number }>('families.get', { id });
      await b.core.ok('families.update', { id, version: family.version, displayName: family.displayName, languages: family.languages, interpreterNeeded: false, accessRoute: 'walk_in', migrationBackground: 'not_stated', status: 'active', street: 'Neue Gasse 3' });
      await b.core.ok('contacts.log', { familyId: id, type: 'phone', topics: [], fieldOfAction: 1 });
      await b.core.ok('consents.record', { familyId: id, purpose: 'photos', given: true, date: localDay(), formVersion: '2026-01', formLanguage: 'de' });
      expect(await b.core.ok('families.search', { query: 'Empfangsweg' })).toMatchObject({ items: [expect.objectContaining({ id })] });
    } finally {
      await login(b, COORD.username, COORD.password);
    }
    // A caseworker's report: its parts are stored under her own login, and the next one counts only what changed.
    await login(b, 'karl', staff.karl!);
    try {
      const year = new Date().getFullYear();
      const period = { from: `${year}-01-01`, to: `${year}-12-31` };
      const first = await b.core.ok<{ summary: { families: number; contacts: number } }>('reports.reach', period);
      expect(first.summary.families).toBeGreaterThan(0);
      const stored = await asRole('karl', staff.karl!, async (k) => Number((await k.query<{ n: string }>('SELECT count(*) AS n FROM report_parts')).rows[0]!.n));
      expect(stored).toBeGreaterThan(0);
      expect(await asRole('kim', staff.kim!, async (k) => Number((await k.query<{ n: string }>('SELECT count(*) AS n FROM report_parts')).rows[0]!.n))).toBe(0);
      const { id } = await a.core.ok<{ id: string }>('families.create', familyInput({ displayName: 'Nachgezählt' }));
      await a.core.ok('contacts.log', { familyId: id, type: 'phone', topics: [], fieldOfAction: 1 });
      const next = await b.core.ok<{ summary: { families: number; contacts: number } }>('reports.reach', period);
      expect(next.summary.families).toBe(first.summary.families + 1);
      expect(next.summary.contacts).toBe(first.summary.contacts + 2);
    } finally {
      await login(b, COORD.username, COORD.password);
    }
  });

  it('plain TCP without TLS is refused by the hub', async () => {
    const { host, port, database } = endpoint();
    const login = hubLogin('rita', staff.rita!);
    const client = new pg.Client({ host, port, database, user: login.user, password: login.password, ssl: false });
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toMatchObject({ code: '28000' });
    await client.end().catch(() => undefined);
  });

  it('a deactivated account’s login ends on the hub at once', async () => {
    await freshCoordinator(a);
    const made = await a.core.ok<{ id: string; temporaryPassword: string }>('users.create', { username: 'gehtbald', displayName: 'Geht bald', role: 'reception' });
    const password = await login(c, 'gehtbald', made.temporaryPassword);
    await a.core.ok('users.deactivate', { id: made.id });
    await expect(asRole('gehtbald', password, async () => undefined)).rejects.toMatchObject({ code: '28000' });
    expect(await c.core.call('families.search', { query: 'hub' })).toMatchObject({ ok: false });
  });

  it('a PC holds the seal of the recovery login from its enrolment; without it, it says so instead of trying', async () => {
    const pc = await joinPc();
    expect(existsSync(join(pc.dir, 'hub-recovery.age'))).toBe(true);
    rmSync(join(pc.dir, 'hub-recovery.age'));
    expect(await pc.core.call('session.recover', { recoveryKey: hub.recoveryKey!, username: COORD.username, newPassword: 'Noch-ein-Kennwort-Eiche-3' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors:hub_recovery_unavailable' },
    });
  });

  it("a coordinator's own password for the recovery login, set past the app, ends with their account", async () => {
    await freshCoordinator(a);
    const made = await a.core.ok<{ id: string; temporaryPassword: string }>('users.create', { username: 'zweite', displayName: 'Zweite', role: 'coordinator' });
    const password = await login(c, 'zweite', made.temporaryPassword);
    await c.core.ok('session.lock');
    const mine = { user: 'm3_recovery', password: 'meins-meins-meins-meins' };
    const held = await asRole('zweite', password, async (zweite) => {
      const { version } = (await zweite.query<{ version: number }>('SELECT version FROM m3hub.keyfile')).rows[0]!;
      const { recipient } = (await zweite.query<{ recipient: string }>('SELECT recipient FROM m3hub.recovery_login')).rows[0]!;
      expect((await zweite.query('SELECT m3hub.set_recovery_login($1, $2, $3, $4) AS set', [scramVerifier(mine.password), 'x', recipient, version])).rows[0]).toEqual({ set: true });
      // A connection held open on it.
      const client = new pg.Client(clientConfig(endpoint(), mine.user, mine.password));
      client.on('error', () => undefined);
      await client.connect();
      return client;
    });
    await login(a, COORD.username, COORD.password);
    await a.core.ok('users.deactivate', { id: made.id });
    // The deactivation sealed a new password: the one set past the app opens nothing, and its connection has ended.
    await expect(asLogin(mine, async () => undefined)).rejects.toMatchObject({ code: '28P01' });
    await expect(held.query('SELECT 1')).rejects.toThrow();
    await held.end().catch(() => undefined);
    // The PCs' copies open the new one again (PC A sealed it; C takes it at its next login).
    await login(c, COORD.username, COORD.password);
    await c.core.ok('session.lock');
    await expect(asLogin((await recoveryLogin(c.dir, hub.recoveryKey!))!, async () => 'in')).resolves.toBe('in');
  });

  it('a password changed on one PC opens the others, whose copy of the key file still holds the old one; the old password opens nothing', async () => {
    // PC C's copy of the key file holds Kim's slot as it is now (her login there).
    await login(c, 'kim', staff.kim!);
    await c.core.ok('session.lock');
    // Kim changes her password on PC B: a new slot (new salt) in the hub's key file, not yet in PC C's copy.
    await login(b, 'kim', staff.kim!);
    const next = 'Ahornblatt-Wolke-37';
    await b.core.ok('session.changePassword', { currentPassword: staff.kim, newPassword: next });
    await b.core.ok('session.lock');
    // On PC C (whose login derives the key of its own copy's slot beside the hub's sign-in): the old password is
    // refused, the new one opens her session with the hub's copy.
    expect(await c.core.call('session.login', { username: 'kim', password: staff.kim })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(await c.core.ok('session.login', { username: 'kim', password: next })).toMatchObject({ user: { username: 'kim' } });
    staff.kim = next;
    expect(await c.core.call('families.search', { query: 'hubertsaal' })).toMatchObject({ ok: true });
    await login(b, COORD.username, COORD.password);
    await login(c, COORD.username, COORD.password);
  });

  // Last: it replaces the office's keys and its recovery key.
  it('the printed recovery key sets a forgotten password on a PC of the hub; its login is renewed with every key change, and a new key ends the old', async () => {
    await freshCoordinator(a);
    const made = await a.core.ok<{ id: string; temporaryPassword: string }>('users.create', { username: 'vergesslich', displayName: 'Vergesslich', role: 'reception' });
    const forgotten = await login(c, 'vergesslich', made.temporaryPassword);
    await c.core.ok('session.lock');
    // Staff cannot give the recovery login a password of their own.
    await asRole('rita', staff.rita!, async (rita) => {
      expect(await refused(rita, "SELECT m3hub.set_recovery_login('SCRAM-SHA-256$4096:AA==$AA==:AA==', 'x', 'y', 1)")).toBe('42501');
    });
    const before = await recoveryLogin(c.dir, hub.recoveryKey!);

    const recovered = await c.core.ok<{ user: { username: string }; mustChangePassword: boolean }>('session.recover', {
      recoveryKey: hub.recoveryKey!.toLowerCase(),
      username: 'vergesslich',
      newPassword: 'Wiedergefunden-Moos-4',
    });
    expect(recovered).toMatchObject({ user: { username: 'vergesslich' }, mustChangePassword: true });
    await c.core.ok('session.changePassword', { currentPassword: 'Wiedergefunden-Moos-4', newPassword: 'Eigenes-Kennwort-Birke-8' });
    // The session is the person's own: their work goes on under their own database login.
    expect(await c.core.call('families.search', { query: 'hubertsaal' })).toMatchObject({ ok: true });
    // Another PC: the new password opens the account, the forgotten one opens no database login.
    expect(await login(b, 'vergesslich', 'Eigenes-Kennwort-Birke-8')).toBe('Eigenes-Kennwort-Birke-8');
    await expect(asRole('vergesslich', forgotten, async () => undefined)).rejects.toMatchObject({ code: '28P01' });
    // The recovery login's password used here opens nothing any more: the key change sealed a new one.
    await expect(asLogin(before!, async () => undefined)).rejects.toMatchObject({ code: '28P01' });
    // Recorded once, in the person's name, and every coordinator is told.
    await login(a, COORD.username, COORD.password);
    const audit = await a.core.ok<{ items: { outcome: string; userName: string | null }[] }>('audit.list', { method: 'session.recover' });
    expect(audit.items.filter((i) => i.outcome === 'ok')).toEqual([expect.objectContaining({ userName: 'Vergesslich' })]);

    // As plain SQL, the recovery login is no key to case work, and writes the audit log only for a recovery.
    const { id: familyId } = await a.core.ok<{ id: string }>('families.create', familyInput({ displayName: 'Wiederhergestellt' }));
    await login(c, 'karl', staff.karl!);
    const note = await c.core.ok<{ id: string }>('notes.create', confidentialNote(familyId, 'Nur für Karl, nicht für den Schlüssel'));
    await c.core.ok('session.lock');
    await asLogin((await recoveryLogin(c.dir, hub.recoveryKey!))!, async (recovery) => {
      expect((await recovery.query('SELECT id FROM casework.notes WHERE id = $1', [note.id])).rowCount).toBe(0);
      expect(await refused(recovery, 'SELECT body FROM casework.break_glass($1, $2)', [note.id, 'Nur mal nachsehen bitte'])).toBe('42501');
      const karlId = (await recovery.query<{ id: string }>("SELECT id FROM users WHERE username = 'karl'")).rows[0]!.id;
      expect(
        await refused(recovery, "INSERT INTO audit_log (id, at, user_id, method, entity_type, entity_id, outcome, prev_hash, hash) VALUES (999998, 'x', $1, 'notes.read', 'note', $2, 'ok', 'x', 'x')", [karlId, note.id]),
      ).toBe('42501');
    });

    // A coordinator issues a new key on PC A. PC C learns it at its next login; PC B, with no login since, still
    // holds the old key file and seal: the old key opens them there, but the password sealed in them no longer
    // opens the recovery login, and B says its copy is out of date.
    await b.core.ok('session.lock');
    const { recoveryKey } = await a.core.ok<{ recoveryKey: string }>('session.replaceRecoveryKey', { password: COORD.password });
    await expect(asLogin((await recoveryLogin(b.dir, hub.recoveryKey!))!, async () => undefined)).rejects.toMatchObject({ code: '28P01' });
    expect(await b.core.call('session.recover', { recoveryKey: hub.recoveryKey!, username: 'vergesslich', newPassword: 'Noch-ein-Kennwort-Eiche-3' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors:hub_recovery_stale' },
    });
    await login(c, COORD.username, COORD.password);
    await c.core.ok('session.lock');
    expect(await c.core.call('session.recover', { recoveryKey: hub.recoveryKey!, username: 'vergesslich', newPassword: 'Noch-ein-Kennwort-Eiche-3' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', message: 'errors:recovery_failed' },
    });
    expect(await c.core.call('session.recover', { recoveryKey, username: 'vergesslich', newPassword: 'Noch-ein-Kennwort-Eiche-3' })).toMatchObject({ ok: true });
  });
});
