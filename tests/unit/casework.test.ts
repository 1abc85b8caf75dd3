import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDay } from '../../src/shared/dates';
import { StoreOpenError } from '../../src/main/core/db/dialect';
import { openDatabase } from '../../src/main/core/db/sqlite/open';
import { unseal } from '../../src/main/core/vault/seal';
import { Vault } from '../../src/main/core/vault/vault';
import { addStaff, COORDINATOR, FAST_KDF, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';

const STAFF = 'Sonnenblume-Wiese-77';
const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const noteInput = (familyId: string, text: string, extra: Record<string, unknown> = {}) => ({
  familyId,
  occurredOn: localDay(),
  kind: 'office',
  fieldOfAction: 2,
  topics: ['school'],
  participants: [{ kind: 'interpreter', name: 'Frau Dolmetsch' }],
  confidential: false,
  body: doc(text),
  ...extra,
});
const daysAgo = (n: number) => localDay(new Date(Date.now() - n * 86_400_000));

interface Note {
  id: string;
  version: number;
  confidential: boolean;
}

describeEachDialect('case work: who reads what', (dialect) => {
  let t: TestCore;
  let familyId: string;
  const ids: Record<string, string> = {};
  const as = async (username: string) => {
    await t.ok('session.lock');
    await t.ok('session.login', { username, password: username === COORDINATOR.username ? COORDINATOR.password : STAFF });
  };

  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
    familyId = (await t.ok<{ id: string }>('families.create', familyInput())).id;
    await t.ok('session.lock');
    ids.anna = await addStaff(t, 'anna', 'caseworker', STAFF);
    ids.ben = await addStaff(t, 'ben', 'caseworker', STAFF);
    ids.emre = await addStaff(t, 'emre', 'reception', STAFF);
    ids.gast = await addStaff(t, 'gast', 'host', STAFF);
  });
  afterEach(async () => t.dispose());

  it('a confidential note is its author\u2019s: a colleague and the coordinator are refused, see that it exists but no word of it, and find nothing in search', async () => {
    await as('anna');
    const secret = await t.ok<Note>('notes.create', noteInput(familyId, 'Schulangst Vrexomantik besprochen', { confidential: true }));
    await t.ok('notes.create', noteInput(familyId, 'Elterngespräch Plombuzia vereinbart'));
    expect(await t.ok('notes.get', { id: secret.id })).toMatchObject({ confidential: true, body: doc('Schulangst Vrexomantik besprochen') });
    expect((await t.ok<{ items: unknown[] }>('notes.search', { query: 'vrexo' })).items).toHaveLength(1);
    for (const who of ['ben', COORDINATOR.username]) {
      await as(who);
      expect(await t.call('notes.get', { id: secret.id })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'errors:note_confidential' } });
      expect(await t.call('notes.history', { id: secret.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const list = await t.ok<{ items: { id: string; excerpt: string | null; authorName: string }[] }>('notes.list', { familyId });
      expect(list.items.find((n) => n.id === secret.id)).toMatchObject({ excerpt: null, authorName: 'Test anna' });
      expect(JSON.stringify(list)).not.toContain('Vrexomantik');
      expect(await t.ok('notes.search', { query: 'Vrexomantik' })).toEqual({ items: [] });
      expect((await t.ok<{ items: unknown[] }>('notes.search', { query: 'Plombuzia' })).items).toHaveLength(1);
      const timeline = await t.ok('timeline.list', { familyId });
      expect(JSON.stringify(timeline)).not.toContain('Vrexomantik');
      // Not even its field of action shows through a filter.
      for (const fieldOfAction of [1, 2, 3]) {
        const filtered = await t.ok<{ items: { id: string }[] }>('timeline.list', { familyId, fieldOfAction, kinds: ['note'] });
        expect(filtered.items.map((i) => i.id)).not.toContain(secret.id);
      }
      // Only the author edits.
      expect(await t.call('notes.update', { id: secret.id, version: 1, kind: 'phone' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('search finds each query word as a word start, in any order, newest note first and each note once — also for a prefix of many words', async () => {
    await as('anna');
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    const made: string[] = [];
    const create = async (text: string) => {
      made.push((await t.ok<Note>('notes.create', noteInput(familyId, text))).id);
      await pause();
    };
    await create('Schule und Schulweg besprochen, Termin vereinbart');
    await create('Schulweg geklärt, Jobcenter angerufen');
    await create('Jobcenter Termin verschoben');
    // 66 words sharing one prefix: more than the index walks word by word.
    for (let i = 0; i < 66; i++) await create(`Zorvik${i} Frist notiert`);
    const search = async (query: string) => (await t.ok<{ items: { noteId: string }[] }>('notes.search', { query })).items.map((i) => i.noteId);
    const [both, schulweg, jobcenter] = made;
    expect(await search('schul')).toEqual([schulweg, both]);
    expect(await search('termin schul')).toEqual([both]);
    expect(await search('Schul TERMIN')).toEqual([both]);
    expect(await search('jobc term')).toEqual([jobcenter]);
    expect(await search('hulweg')).toEqual([]);
    const zorvik = made.slice(3).reverse();
    expect(await search('zorvik')).toEqual(zorvik.slice(0, 20));
    expect(await search('frist zorvik')).toEqual(zorvik.slice(0, 20));
    expect(await search('zorvik1')).toEqual(zorvik.filter((_, i) => /^1\d?$/.test(String(65 - i))));
    expect(await search('zorvik65 frist')).toEqual([zorvik[0]]);
    expect(await search('zorvik termin')).toEqual([]);
  });

  it('break-glass needs a reason, returns the note, is audited, and the author sees who, when and why on their day until they acknowledge it', async () => {
    await as('anna');
    const secret = await t.ok<Note>('notes.create', noteInput(familyId, 'Vertraulich Zebrafink', { confidential: true }));
    await as('ben');
    expect(await t.call('notes.breakGlass', { id: secret.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.call('notes.breakGlass', { id: secret.id, reason: 'kurz' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.ok('notes.breakGlass', { id: secret.id, reason: 'Vertretung während Urlaub, Termin morgen' })).toMatchObject({ body: doc('Vertraulich Zebrafink') });
    // Break-glass opened it once; the next plain read is refused again.
    expect(await t.call('notes.get', { id: secret.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await as(COORDINATOR.username);
    const audit = await t.ok<{ items: { method: string; entityId: string; userName: string }[] }>('audit.list', { method: 'notes.breakGlass' });
    expect(audit.items[0]).toMatchObject({ method: 'notes.breakGlass', entityId: secret.id, userName: 'Test ben' });
    expect(JSON.stringify(audit)).not.toContain('Vertretung');
    await as('anna');
    const day = await t.ok<{ accesses: { id: string; byName: string; reason: string; noteId: string }[] }>('cases.today');
    expect(day.accesses).toEqual([expect.objectContaining({ noteId: secret.id, byName: 'Test ben', reason: 'Vertretung während Urlaub, Termin morgen' })]);
    // Ben cannot make it disappear from Anna's day.
    await as('ben');
    await t.ok('cases.ackAccess', { ids: [day.accesses[0]!.id] });
    await as('anna');
    expect((await t.ok<{ accesses: unknown[] }>('cases.today')).accesses).toHaveLength(1);
    await t.ok('cases.ackAccess', { ids: [day.accesses[0]!.id] });
    expect((await t.ok<{ accesses: unknown[] }>('cases.today')).accesses).toHaveLength(0);
  });

  it('every edit is a version: the history shows who and when, a stale version is refused with the current note', async () => {
    await as('anna');
    const note = await t.ok<Note>('notes.create', noteInput(familyId, 'Erste Fassung'));
    const v2 = await t.ok<Note>('notes.update', { id: note.id, version: 1, body: doc('Zweite Fassung') });
    expect(v2.version).toBe(2);
    const stale = await t.call('notes.update', { id: note.id, version: 1, body: doc('Überschreiben?') });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:note_changed', details: { current: { version: 2, body: doc('Zweite Fassung') } } } });
    const history = await t.ok<{ versions: { version: number; editedByName: string; body: unknown }[] }>('notes.history', { id: note.id });
    expect(history.versions.map((v) => [v.version, v.editedByName, v.body])).toEqual([
      [2, 'Test anna', doc('Zweite Fassung')],
      [1, 'Test anna', doc('Erste Fassung')],
    ]);
    // The search follows the text.
    expect(await t.ok('notes.search', { query: 'erste' })).toEqual({ items: [] });
    expect((await t.ok<{ items: { words: string }[] }>('notes.search', { query: 'zweite' })).items[0]!.words).toContain('Zweite Fassung');
  });

  it('refuses a body with nodes the editor does not make, an empty note, and a participant of another family', async () => {
    await as('anna');
    const bad = { type: 'doc', content: [{ type: 'paragraph', attrs: { onclick: 'x' }, content: [{ type: 'text', text: 'x' }] }] };
    expect(await t.call('notes.create', noteInput(familyId, 'x', { body: bad }))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.call('notes.create', noteInput(familyId, 'x', { body: { type: 'doc', content: [{ type: 'paragraph' }] } }))).toMatchObject({
      ok: false,
      error: { details: { issues: [expect.objectContaining({ message: 'validation:note_empty' })] } },
    });
    expect(await t.call('notes.create', noteInput(familyId, 'x', { participants: [{ kind: 'member', memberId: 'fremd' }] }))).toMatchObject({
      ok: false,
      error: { details: { issues: [expect.objectContaining({ message: 'validation:participant_unknown' })] } },
    });
  });

  it('reception and host get FORBIDDEN for every note and plan method; reception sees that a case is open and with whom, never content', async () => {
    await as('anna');
    const note = await t.ok<Note>('notes.create', noteInput(familyId, 'Nur für Fachkräfte Quokka'));
    await t.ok('cases.assign', { familyId, userId: ids.anna!, lead: true });
    await t.ok('cases.assign', { familyId, userId: ids.ben!, lead: false });
    await t.ok('plans.save', { familyId, version: null, goals: [{ fieldOfAction: 1, description: 'Kita-Platz Quokka', startOn: localDay(), status: 'open', measures: [] }] });
    await t.ok('drafts.save', { formKey: `note.new.${familyId}`, data: { text: 'Entwurf Quokka' } });
    for (const who of ['emre', 'gast']) {
      await as(who);
      for (const [method, input] of [
        ['notes.get', { id: note.id }],
        ['notes.list', { familyId }],
        ['notes.search', { query: 'Quokka' }],
        ['notes.history', { id: note.id }],
        ['plans.get', { familyId }],
        ['cases.today', {}],
      ] as const) {
        expect({ who, method, r: await t.call(method, input) }).toEqual({ who, method, r: { ok: false, error: { code: 'FORBIDDEN', message: 'errors:FORBIDDEN' } } });
      }
      expect(await t.call('drafts.save', { formKey: `note.new.${familyId}`, data: { text: 'x' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(JSON.stringify(await t.ok('drafts.list'))).not.toContain('Quokka');
    }
    await as('emre');
    const family = await t.ok<{ caseworkers: unknown[] }>('families.get', { id: familyId });
    expect(family.caseworkers).toEqual([
      { userId: ids.anna, displayName: 'Test anna', lead: true },
      { userId: ids.ben, displayName: 'Test ben', lead: false },
    ]);
    const timeline = await t.ok<{ items: { kind: string }[] }>('timeline.list', { familyId });
    expect(new Set(timeline.items.map((i) => i.kind))).toEqual(new Set(['contact', 'consent']));
    expect(JSON.stringify(timeline)).not.toContain('Quokka');
    await as('anna');
    expect(JSON.stringify(await t.ok('drafts.list'))).toContain('Entwurf Quokka');
  });

  it('a plan with two goals and three measures: the overdue one is due today for the lead caseworker; a stale save is refused; reviews come due', async () => {
    await as('anna');
    await t.ok('cases.assign', { familyId, userId: ids.anna!, lead: true });
    const goals = [
      {
        fieldOfAction: 1,
        description: 'Kita-Platz für Kemal',
        startOn: daysAgo(30),
        targetOn: localDay(new Date(Date.now() + 60 * 86_400_000)),
        status: 'in_progress',
        measures: [
          { description: 'Anmeldung Kita-Portal', ownerKind: 'staff', ownerUserId: ids.anna, dueOn: daysAgo(3), status: 'open' },
          { description: 'Unterlagen übersetzen', ownerKind: 'volunteer', ownerName: 'Frau Lotsin', dueOn: localDay(new Date(Date.now() + 9 * 86_400_000)), status: 'open' },
        ],
      },
      { fieldOfAction: 3, description: 'Deutschkurs für die Mutter', startOn: localDay(), status: 'open', measures: [{ description: 'Beratung VHS', ownerKind: 'external', ownerName: 'VHS Kaufbeuren', status: 'open' }] },
    ];
    const plan = await t.ok<{ version: number; goals: { id: string; measures: { id: string }[] }[] }>('plans.save', { familyId, version: null, goals });
    expect(plan.goals.map((g) => g.measures.length)).toEqual([2, 1]);
    expect(await t.call('plans.save', { familyId, version: null, goals })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:plan_changed' } });
    const day = await t.ok<{ measures: { description: string; overdue: boolean }[]; cases: { familyId: string; lead: boolean }[] }>('cases.today');
    expect(day.measures).toEqual([expect.objectContaining({ description: 'Anmeldung Kita-Portal', overdue: true })]);
    expect(day.cases).toEqual([expect.objectContaining({ familyId, lead: true })]);
    // The measure done: gone from the day, and the change is on the timeline.
    const done = structuredClone(goals);
    done[0]!.measures[0]!.status = 'done';
    const saved = { ...done[0]!, id: plan.goals[0]!.id, measures: done[0]!.measures.map((m, i) => ({ ...m, id: plan.goals[0]!.measures[i]!.id })) };
    await t.ok('plans.save', { familyId, version: plan.version, goals: [saved, { ...goals[1]!, id: plan.goals[1]!.id, measures: [{ ...goals[1]!.measures[0]!, id: plan.goals[1]!.measures[0]!.id }] }] });
    expect((await t.ok<{ measures: unknown[] }>('cases.today')).measures).toEqual([]);
    await t.ok('plans.addReview', { familyId, heldOn: daysAgo(40), outcome: 'Erstes Gespräch', nextReviewOn: daysAgo(1) });
    expect((await t.ok<{ reviews: { overdue: boolean }[] }>('cases.today')).reviews).toEqual([expect.objectContaining({ familyId, overdue: true })]);
    const timeline = await t.ok<{ items: { kind: string; what: string }[] }>('timeline.list', { familyId, kinds: ['plan'] });
    expect(timeline.items.map((i) => i.what)).toEqual(expect.arrayContaining(['goal_added', 'measure_added', 'measure_done', 'review']));
  });

  it('the timeline pages through years of history in order, filtered by kind and field of action', async () => {
    await as('anna');
    for (let i = 0; i < 45; i++) await t.ok('notes.create', noteInput(familyId, `Notiz ${i}`, { occurredOn: daysAgo(i * 7), fieldOfAction: (i % 3) + 1 }));
    for (let i = 0; i < 10; i++) await t.ok('contacts.log', { familyId, type: 'phone', topics: [], fieldOfAction: 2, occurredAt: new Date(Date.now() - (i * 11 + 1) * 86_400_000).toISOString() });
    const seen: { at: string; id: string }[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await t.ok<{ items: { at: string; id: string }[]; next: string | null }>('timeline.list', { familyId, limit: 20, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      if (!page.next) break;
      cursor = page.next;
    }
    // Every entry once, the same as one long page: 45 notes, 10 contacts, and what the intake recorded.
    const all = await t.ok<{ items: { id: string }[]; next: string | null }>('timeline.list', { familyId, limit: 100 });
    expect(all.next).toBeNull();
    expect(all.items.length).toBeGreaterThanOrEqual(56);
    expect(seen.map((s) => s.id)).toEqual(all.items.map((i) => i.id));
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    const ats = seen.map((s) => s.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const field2 = await t.ok<{ items: { fieldOfAction: number | null; kind: string }[] }>('timeline.list', { familyId, fieldOfAction: 2, kinds: ['note'], limit: 100 });
    expect(field2.items.length).toBe(15);
    expect(field2.items.every((i) => i.fieldOfAction === 2 && i.kind === 'note')).toBe(true);
  });

  it('deleting a note is the coordinator\u2019s, with a reason: the content is gone, the fact stays', async () => {
    await as('anna');
    const note = await t.ok<Note>('notes.create', noteInput(familyId, 'Versehentlich Gnuwald'));
    const editKey = `note.edit.${familyId}.${note.id}`;
    await t.ok('drafts.save', { formKey: editKey, data: { text: 'Gnuwald, halb bearbeitet' } });
    expect(await t.call('notes.delete', { id: note.id, reason: 'Falsche Familie' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await as(COORDINATOR.username);
    expect(await t.call('notes.delete', { id: note.id, reason: 'kurz' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await t.ok('notes.delete', { id: note.id, reason: 'Falsche Familie erwischt' });
    expect(await t.call('notes.get', { id: note.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.ok('notes.search', { query: 'gnuwald' })).toEqual({ items: [] });
    const list = await t.ok<{ items: { id: string; deleted: boolean; excerpt: string | null }[] }>('notes.list', { familyId });
    expect(list.items).toEqual([expect.objectContaining({ id: note.id, deleted: true, excerpt: null })]);
    expect(JSON.stringify(list)).not.toContain('Gnuwald');
    // The author's edit, still open on another PC, autosaves after the deletion: refused, nothing of it kept.
    await as('anna');
    expect(await t.call('drafts.save', { formKey: editKey, data: { text: 'Gnuwald, weiter bearbeitet' } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(await t.ok('drafts.list'))).not.toContain('Gnuwald');
    // Nor under a key of another shape, which the deletion would not find.
    for (const formKey of [`note.edit..${note.id}`, `note.edit.x.${familyId}.${note.id}`, `note.edit.${note.id}`, `note.EDIT.${familyId}.${note.id}`, `Note.edit.${familyId}.${note.id}`]) {
      expect(await t.call('drafts.save', { formKey, data: { text: 'Gnuwald' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });
});

describe('[sqlite only: case work] the case-work file', () => {
  it('is a second file with its own key; a role change that loses the key replaces it, a reception reset does not', async () => {
    const t = await startTestCore();
    try {
      await setUpOffice(t);
      expect(readdirSync(t.dir).filter((f) => /^m3desk-casework-\d+\.db$/.test(f))).toEqual(['m3desk-casework-1.db']);
      const id = await addStaff(t, 'anna', 'caseworker', STAFF);
      await t.ok('session.lock');
      const login = { username: COORDINATOR.username, password: COORDINATOR.password };
      const generation = () => (JSON.parse(readFileSync(join(t.dir, 'm3desk.keys'), 'utf8')) as { caseworkGeneration: number }).caseworkGeneration;
      const files = () => readdirSync(t.dir).filter((f) => /^m3desk-casework-\d+\.db$/.test(f));
      await t.ok('session.login', login);
      // The key change the caseworker's own password change asked for runs after this login, before the next call.
      await t.ok('users.list');
      const before = generation();
      // A reception account's reset replaces the office keys but not the casework key: nobody who held it lost it.
      const emre = await t.ok<{ id: string }>('users.create', { username: 'emre', displayName: 'Emre', role: 'reception' });
      await t.ok('users.resetPassword', { id: emre.id });
      expect(generation()).toBe(before);
      await t.ok('users.update', { id, role: 'reception' });
      expect(generation()).toBe(before + 1);
      // A caseworker who changes their own password: the next coordinator login replaces the casework key too.
      await t.ok('session.lock');
      await addStaff(t, 'carla', 'caseworker', STAFF);
      await t.ok('session.lock');
      await t.ok('session.login', login);
      await t.ok('users.list');
      const afterFirst = generation();
      await t.ok('session.lock');
      await t.ok('session.login', { username: 'carla', password: STAFF });
      await t.ok('session.changePassword', { currentPassword: STAFF, newPassword: 'Kiesel-Tango-Ofenrohr' });
      await t.ok('session.lock');
      await t.ok('session.login', login);
      await t.ok('users.list');
      expect(generation()).toBe(afterFirst + 1);
      await t.ok('session.lock');
      await t.ok('session.login', login);
      // One file, of the new generation: the old key (which the former caseworker's password opened) locks nothing live.
      expect(files()).toEqual([`m3desk-casework-${generation()}.db`]);
    } finally {
      await t.dispose();
    }
  });

  it('a reception or host password opens the office\u2019s database but not case work, even offline with the data folder in hand; no note text in any byte of it', async () => {
    const t = await startTestCore();
    try {
      await setUpOffice(t);
      const familyId = (await t.ok<{ id: string }>('families.create', familyInput())).id;
      await t.ok('session.lock');
      await addStaff(t, 'anna', 'caseworker', STAFF);
      await t.ok('notes.create', noteInput(familyId, 'Zebrafinkgeheimnis im Gespräch', { confidential: true }));
      await t.ok('notes.create', noteInput(familyId, 'Elterngespräch Okapiwunder'));
      await t.ok('drafts.save', { formKey: `note.new.${familyId}`, data: { body: doc('Entwurf Kolibriflug') } });
      await t.ok('plans.save', { familyId, version: null, goals: [{ fieldOfAction: 1, description: 'Ziel Tapirweg', startOn: localDay(), status: 'open', measures: [] }] });
      await t.ok('session.lock');
      await addStaff(t, 'emre', 'reception', STAFF);
      await addStaff(t, 'gast', 'host', STAFF);
      await t.ok('session.lock');
      await t.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
      await t.ok('backup.create');
      await t.ok('session.lock');
      await t.settled();

      // Only the folder from here on.
      const vault = Vault.load(join(t.dir, 'm3desk.keys'), FAST_KDF);
      const keyFile = JSON.parse(readFileSync(join(t.dir, 'm3desk.keys'), 'utf8')) as { caseworkGeneration: number; keys: { casework: string } };
      const sealed = keyFile.keys.casework;
      // The file of the key file's generation (an older one waits for the next login's sweep).
      const caseworkFile = `m3desk-casework-${keyFile.caseworkGeneration}.db`;
      for (const name of ['emre', 'gast']) {
        const unlocked = (await vault.unlock(vault.findUser(name)!, STAFF))!;
        expect(Object.keys(unlocked.keys).sort()).toEqual(['audit', 'office']);
        expect(await unseal(sealed, unlocked.privateKey)).toBeNull();
        for (const key of Object.values(unlocked.keys)) {
          expect(() => openDatabase(join(t.dir, caseworkFile!), { key: key!, mustExist: true, readonly: true })).toThrow(StoreOpenError);
        }
      }
      // The control: a caseworker's password opens it, and the note is in it.
      const anna = (await vault.unlock(vault.findUser('anna')!, STAFF))!;
      const raw = openDatabase(join(t.dir, caseworkFile!), { key: anna.keys.casework!, mustExist: true, readonly: true });
      try {
        expect((raw.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n).toBe(2);
      } finally {
        raw.close();
      }
      // Through the core: a reception login has no case work attached at all.
      await t.ok('session.login', { username: 'emre', password: STAFF });
      expect(await t.call('notes.list', { familyId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await t.ok('session.lock');

      const markers = ['Zebrafinkgeheimnis', 'Okapiwunder', 'Kolibriflug', 'Tapirweg'];
      const files = allFiles(t.dir);
      expect(files.some((f) => f.includes('backups'))).toBe(true);
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const marker of markers) {
          for (const needle of [Buffer.from(marker), Buffer.from(marker.toLowerCase()), Buffer.from(marker, 'utf16le')]) {
            expect({ file, marker, found: bytes.includes(needle) }).toEqual({ file, marker, found: false });
          }
        }
      }
    } finally {
      await t.dispose();
    }
  });
});

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('[sqlite only: case work] backups', () => {
  it('a backup made with the casework key holds case work as a pair and a restore brings both back; one made by reception carries the live case work forward', async () => {
    let offset = 0;
    const t = await startTestCore({ now: () => new Date(Date.now() + offset) });
    const login = (username: string, password: string) => t.ok('session.login', { username, password });
    try {
      await setUpOffice(t);
      const familyId = (await t.ok<{ id: string }>('families.create', familyInput())).id;
      await t.ok('session.lock');
      await addStaff(t, 'anna', 'caseworker', STAFF);
      await addStaff(t, 'emre', 'reception', STAFF);
      await t.ok('session.lock');
      await login('anna', STAFF);
      const before = await t.ok<Note>('notes.create', noteInput(familyId, 'Vor der Sicherung'));
      await t.ok('session.lock');
      await login(COORDINATOR.username, COORDINATOR.password);
      await t.settled();
      const backup = await t.ok<{ name: string; casework: boolean }>('backup.create');
      expect(backup.casework).toBe(true);
      expect(readdirSync(join(t.dir, 'backups'))).toContain(backup.name.replace(/\.db$/, '.casework'));
      // Key changes in between (a caseworker leaves: the casework key and file are replaced) seal the backups
      // anew: the case-work part stays part of the backup.
      const ben = await t.ok<{ id: string }>('users.create', { username: 'ben', displayName: 'Ben', role: 'caseworker' });
      await t.ok('users.deactivate', { id: ben.id });
      expect((await t.ok<{ items: { name: string; casework: boolean }[] }>('backup.list')).items.find((b) => b.name === backup.name)).toMatchObject({ casework: true });
      await t.ok('session.lock');
      await login('anna', STAFF);
      const after = await t.ok<Note>('notes.create', noteInput(familyId, 'Nach der Sicherung'));
      await t.ok('session.lock');
      await login(COORDINATOR.username, COORDINATOR.password);
      await t.ok('backup.restore', { name: backup.name });
      const ids = (await t.ok<{ items: { id: string }[] }>('notes.list', { familyId })).items.map((n) => n.id);
      expect(ids).toEqual([before.id]);
      expect(ids).not.toContain(after.id);

      // Reception's backup has no case-work part: restoring it keeps the case work that is live.
      await t.ok('session.lock');
      await login('anna', STAFF);
      const live = await t.ok<Note>('notes.create', noteInput(familyId, 'Bleibt erhalten'));
      await t.ok('session.lock');
      // The next day, reception logs in first and the day's backup is made without the casework key.
      offset = 24 * 3600_000;
      await login('emre', STAFF);
      await t.settled();
      await t.ok('session.lock');
      await login(COORDINATOR.username, COORDINATOR.password);
      await t.settled();
      const list = await t.ok<{ items: { name: string; casework: boolean; reason: string; createdAt: string }[] }>('backup.list');
      const plain = list.items.find((b) => !b.casework)!;
      expect(plain).toMatchObject({ reason: 'daily', casework: false });
      // The coordinator's login the same day made one with case work as well.
      expect(list.items.filter((b) => b.reason === 'daily' && b.casework && b.createdAt.slice(0, 10) === plain.createdAt.slice(0, 10))).toHaveLength(1);
      await t.ok('backup.restore', { name: plain.name });
      expect((await t.ok<{ items: { id: string }[] }>('notes.list', { familyId })).items.map((n) => n.id)).toContain(live.id);
    } finally {
      await t.dispose();
    }
  });
});

describe('[sqlite only: case work] deletion', () => {
  it('a deleted note\u2019s words are in no page of the decrypted case-work file (the same check finds them before the deletion)', async () => {
    const t = await startTestCore();
    try {
      await setUpOffice(t);
      const familyId = (await t.ok<{ id: string }>('families.create', familyInput())).id;
      const note = await t.ok<Note>('notes.create', noteInput(familyId, 'Quastenflosser Geheimwort'));
      for (let i = 0; i < 20; i++) await t.ok('notes.create', noteInput(familyId, `Andere Notiz ${i} ohne das Wort`));
      const keyFile = JSON.parse(readFileSync(join(t.dir, 'm3desk.keys'), 'utf8')) as { caseworkGeneration: number };
      const vault = Vault.load(join(t.dir, 'm3desk.keys'), FAST_KDF);
      const key = (await vault.unlock(vault.findUser(COORDINATOR.username)!, COORDINATOR.password))!.keys.casework!;
      const live = join(t.dir, `m3desk-casework-${keyFile.caseworkGeneration}.db`);
      /** A copy decrypted page by page (rekey to no key), free pages included, as bytes. */
      const decrypt = (copy: string) => {
        const raw = openDatabase(copy, { key, mustExist: true, walMode: false });
        raw.rekey(Buffer.alloc(0));
        raw.close();
        const bytes = readFileSync(copy);
        rmSync(copy);
        return bytes;
      };
      // Before: what the file and its WAL hold, folded into a copy.
      const vacuumed = () => {
        const copy = join(t.dir, 'decrypted-copy.db');
        const source = openDatabase(live, { key, mustExist: true, readonly: true });
        try {
          source.prepare('VACUUM INTO ?').run(copy);
        } finally {
          source.close();
        }
        return decrypt(copy);
      };
      // After: the file's own pages, byte for byte (the deletion emptied the WAL into it).
      const pages = () => {
        const copy = join(t.dir, 'decrypted-copy.db');
        copyFileSync(live, copy);
        return decrypt(copy);
      };
      const found = (bytes: Buffer) => ['Quastenflosser', 'quastenflosser', 'Geheimwort', 'geheimwort'].filter((w) => bytes.includes(Buffer.from(w)));
      const before = vacuumed();
      // The check bites: the decrypted copy is readable, and holds the words while the note exists.
      expect(before.includes(Buffer.from('SQLite format 3'))).toBe(true);
      expect(found(before).length).toBeGreaterThan(0);
      await t.ok('notes.delete', { id: note.id, reason: 'Falsche Familie erwischt' });
      await t.settled();
      await t.ok('session.status');
      expect(existsSync(`${live}-wal`) ? statSync(`${live}-wal`).size : 0).toBe(0);
      const after = pages();
      expect(after.includes(Buffer.from('SQLite format 3'))).toBe(true);
      expect(found(after)).toEqual([]);
      // The live file and its WAL as they lie on disk hold them neither (encrypted or not).
      for (const file of readdirSync(t.dir).filter((f) => f.startsWith('m3desk-casework-'))) {
        expect({ file, words: found(readFileSync(join(t.dir, file))) }).toEqual({ file, words: [] });
      }
    } finally {
      await t.dispose();
    }
  });
});
