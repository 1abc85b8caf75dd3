/**
 * The bench's data: one folder with 50,000 seeded families (~150,000
 * persons), set up through the core, seeded directly (seed/families.ts)
 * while the core is locked, then logged into again, so the core has the
 * database open as in the app. Every metric that needs data shares it: no
 * figure is measured on an empty database (DESIGN.md, Targets).
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createCore, type Core } from '../core';
import type { Db } from '../db/schema';
import { createKysely } from '../db/sqlite/kysely';
import { openDatabase, type RawDatabase } from '../db/sqlite/open';
import { silentLogger } from '../log';
import { corePaths } from '../state';
import { loadDistricts, seedFamilies, type District, type SeedSummary } from '../seed/families';
import { SEED_CACHE_KIB, SEED_USERNAME, expectOk, openFolderDatabase, startSeedSession, unwrapCaseworkKey, unwrapMasterKey } from '../seed/folder';
import { seedEvents, type EventSeedSummary } from '../seed/events';
import { seedVolunteers, type VolunteerSeedSummary } from '../seed/volunteers';
import { seedNotes } from '../seed/notes';
import { seedYearContacts } from '../seed/year-contacts';
import { Rng } from '../seed/random';
import type { BenchContext } from './context';
import { makeTempDir } from './temp';

export const FAMILIES = 50_000;
const SEED = 0x5eed;
const PASSWORD = 'Bench-Lindenblatt-42';
/** How a metric logs in to the fixture's folder with a core of its own. */
export const CREDENTIALS = { username: SEED_USERNAME, password: PASSWORD } as const;

export interface FamilyFixture {
  dataDir: string;
  /** The logged-in core every family metric calls. */
  core: Core;
  /** A second, read-only connection to the same file: bare baselines, profiling, copies. */
  bare: RawDatabase;
  bareDb: Db;
  districts: District[];
  summary: SeedSummary;
  seedSeconds: number;
  /** Seeded case notes (in the case-work file). */
  notes: number;
  /** The family with 500 notes. */
  heavyFamilyId: string;
  /** Two years of weekly events with ~200,000 attendances, and today's event at the counter. */
  events: EventSeedSummary;
  /** 500 volunteers and 20,000 past referrals, with open requests to match. */
  volunteers: VolunteerSeedSummary;
  /** Contacts in all (the families' own and a busy last year's). */
  contacts: number;
}

/** Contacts added in the last twelve months, so the data holds more than 500,000 (the reach report's bench). */
export const YEAR_CONTACTS = 380_000;

/** The seeded folder with a logged-in core, made once for all metrics. */
export function familyFixture(ctx: BenchContext): Promise<FamilyFixture> {
  return ctx.shared('families', async () => {
    const dir = makeTempDir('families');
    ctx.onFinish(() => {
      dir.remove();
      // The core keeps the audit chain's head beside the folder.
      rmSync(`${dir.path}.anchor`, { force: true });
    });
    const core = await createCore({ dataDir: dir.path, log: silentLogger });
    ctx.onFinish(() => core.close());

    ctx.progress('families: first-run setup through the core');
    await startSeedSession(core, PASSWORD);
    await expectOk('session.lock', core.call('session.lock', {}));

    const key = await masterKey(dir.path);
    let summary: SeedSummary;
    const started = performance.now();
    const casework = await unwrapCaseworkKey(dir.path, SEED_USERNAME, PASSWORD);
    if (!casework) throw new Error('bench: the admin slot holds no casework key');
    const writer = await openFolderDatabase(dir.path, key, { cacheKiB: SEED_CACHE_KIB, casework });
    casework.key.fill(0);
    let notes: number;
    let heavyFamilyId: string;
    let events: EventSeedSummary;
    let volunteers: VolunteerSeedSummary;
    try {
      const admin = await writer.db.selectFrom('users').select('id').where('username', '=', SEED_USERNAME).executeTakeFirst();
      summary = await seedFamilies(writer.db, writer.search, FAMILIES, new Rng(SEED), new Date(), {
        staffId: admin?.id ?? null,
        onProgress: (done, total) => {
          if (done % 10_000 === 0 || done === total) {
            ctx.progress(`families: seeded ${done}/${total} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
          }
        },
      });
      // Case notes: about two per family, one in 50 of 2,000 words, and one family with 500 (the timeline's long history).
      const ids = (await writer.db.selectFrom('families').select('id').orderBy('id').execute()).map((f) => f.id);
      heavyFamilyId = ids[0]!;
      const noteStarted = performance.now();
      notes = await seedNotes(writer.db, writer.noteSearch, ids, new Rng(SEED + 1), new Date(), {
        authorId: admin!.id,
        perFamily: 2,
        longEvery: 50,
        heavy: { familyId: heavyFamilyId, notes: 500 },
        onProgress: (done, total) => {
          if (done % 20_000 === 0 || done === total) ctx.progress(`notes: seeded ${done}/${total} (${((performance.now() - noteStarted) / 1000).toFixed(1)} s)`);
        },
      });
      const eventStarted = performance.now();
      events = await seedEvents(writer.db, new Rng(SEED + 2), new Date(), (message) => ctx.progress(message));
      ctx.progress(`events: ${events.events} events, ${events.attendances} attendances in ${((performance.now() - eventStarted) / 1000).toFixed(1)} s`);
      volunteers = await seedVolunteers(writer.db, new Rng(SEED + 3), new Date());
      ctx.progress(`volunteers: ${volunteers.volunteers} volunteers, ${volunteers.referrals} referrals`);
      const contactsStarted = performance.now();
      await seedYearContacts(writer.db, new Rng(SEED + 4), new Date(), YEAR_CONTACTS, admin?.id ?? null);
      ctx.progress(`contacts: ${YEAR_CONTACTS} more in the last year in ${((performance.now() - contactsStarted) / 1000).toFixed(1)} s`);
      writer.checkpoint();
    } finally {
      await writer.close();
    }
    const seedSeconds = (performance.now() - started) / 1000;
    ctx.progress(`families: ${summary.families} families, ${summary.persons} persons, ${summary.contacts} contacts in ${seedSeconds.toFixed(1)} s`);

    await expectOk('session.login', core.call('session.login', CREDENTIALS));
    // The bench measures SQLite itself against a bare baseline, so it opens the file directly.
    const bare = openDatabase(corePaths(dir.path).dbFile, { key, readonly: true, mustExist: true, nativeBinding: process.env.M3_NATIVE_BINDING });
    key.fill(0);
    ctx.onFinish(() => void bare.close());
    const bareDb = createKysely(bare);
    return { dataDir: dir.path, core, bare, bareDb, districts: await loadDistricts(bareDb), summary, seedSeconds, notes, heavyFamilyId, events, volunteers, contacts: summary.contacts + YEAR_CONTACTS };
  });
}

/** The database's office key, unwrapped from the admin's slot (scrypt): the caller wipes it. */
export async function masterKey(dataDir: string): Promise<Buffer> {
  const key = await unwrapMasterKey(dataDir, SEED_USERNAME, PASSWORD);
  if (!key) throw new Error('bench: the admin slot did not open');
  return key;
}

/**
 * Runs `work` while the fixture's core is locked (its database closed), so a
 * core of the metric's own can log in to the same folder, as after an app
 * start; the fixture's core logs in again afterwards.
 */
export async function whileLocked<T>(fixture: FamilyFixture, work: () => Promise<T>): Promise<T> {
  await fixture.core.settled();
  await expectOk('session.lock', fixture.core.call('session.lock', {}));
  try {
    return await work();
  } finally {
    await expectOk('session.login', fixture.core.call('session.login', CREDENTIALS));
    await fixture.core.settled();
  }
}
