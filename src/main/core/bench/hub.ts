/**
 * The office hub beside the single PC, on the same 50,000-family data: a hub
 * made as `npm run hub -- init` makes it (PostgreSQL 18, TLS, SCRAM), seeded
 * with the same generators, and a PC that joined it with the join code and
 * logged in as a staff member's own database role — every call crosses TLS
 * on loopback, as it crosses the office LAN.
 * - hub_checkin_p95_ms: a scanned family code checked in at today's event;
 * - hub_search_p95_ms: the front desk's family search;
 * - hub_report_year_ms: this year's reach report;
 * - hub_family_list_p95_ms, hub_checkin_search_p95_ms, hub_intake_p95_ms: the
 *   single PC's family list, counter search and intake, measured the same way.
 * The bare baseline is the same lookup as plain SQL on the hub's owner connection, from the same run.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createCore, type Core } from '../core';
import { createDialect } from '../db/dialects';
import type { Db } from '../db/schema';
import { initHub } from '../hub/host';
import { joinedHub, joinHub } from '../hub/join';
import { silentLogger } from '../log';
import { seedEvents, type EventSeedSummary } from '../seed/events';
import { seedNotes } from '../seed/notes';
import { seedVolunteers, type VolunteerSeedSummary } from '../seed/volunteers';
import { loadDistricts, seedFamilies } from '../seed/families';
import { expectOk, SEED_OFFICE, SEED_USERNAME } from '../seed/folder';
import { Rng } from '../seed/random';
import { seedYearContacts } from '../seed/year-contacts';
import type { BenchContext } from './context';
import { timeCheckinSearch } from './events';
import { timeIntakes } from './families';
import { listMetric } from './family-list';
import { CREDENTIALS, FAMILIES, YEAR_CONTACTS } from './fixture';
import { median, percentile, timeAsync } from './measure';
import { p95Metric, type MetricResult } from './report';
import { CHANGED_PER_RUN, timeReportAfter } from './reports';
import { makeTempDir } from './temp';

const ROUNDS = 80;

export interface HubFixture {
  core: Core;
  owner: Db;
  events: EventSeedSummary;
  volunteers: VolunteerSeedSummary;
  notes: number;
  /** The family with 500 notes. */
  heavyFamilyId: string;
  seedSeconds: number;
}

export function hubFixture(ctx: BenchContext): Promise<HubFixture> {
  return ctx.shared('hub', async () => {
    const dir = makeTempDir('hub');
    const pc = makeTempDir('hub-pc');
    ctx.onFinish(() => {
      dir.remove();
      pc.remove();
    });
    ctx.progress('hub: npm run hub -- init (PostgreSQL 18, office CA, TLS, SCRAM)');
    const hub = await initHub({ dir: dir.path, officeName: SEED_OFFICE, username: SEED_USERNAME, password: CREDENTIALS.password, port: 15433 + Math.floor(Math.random() * 1000), listen: '127.0.0.1', address: '127.0.0.1' });
    ctx.onFinish(() => hub.stop());
    const dialect = createDialect({ dialect: 'postgres', connection: hub.owner }, { dbFile: '' });
    const store = await dialect.open(Buffer.alloc(0), { create: false, check: false });
    ctx.onFinish(() => store.close());
    const started = performance.now();
    const admin = await store.db.selectFrom('users').select('id').where('username', '=', SEED_USERNAME).executeTakeFirstOrThrow();
    await seedFamilies(store.db, dialect.familySearch, FAMILIES, new Rng(0x5eed), new Date(), {
      staffId: admin.id,
      onProgress: (done, total) => {
        if (done % 10_000 === 0 || done === total) ctx.progress(`hub: seeded ${done}/${total} families (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      },
    });
    // The single PC's case notes (two per family, one in 50 of 2,000 words, one family with 500), events and volunteers.
    const ids = (await store.db.selectFrom('families').select('id').orderBy('id').execute()).map((f) => f.id);
    const heavyFamilyId = ids[0]!;
    const notes = await seedNotes(store.db, dialect.noteSearch, ids, new Rng(0x5eed + 1), new Date(), {
      authorId: admin.id,
      perFamily: 2,
      longEvery: 50,
      heavy: { familyId: heavyFamilyId, notes: 500 },
      onProgress: (done, total) => {
        if (done % 20_000 === 0 || done === total) ctx.progress(`hub: seeded ${done}/${total} notes (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      },
    });
    const events = await seedEvents(store.db, new Rng(0x5eed + 2), new Date(), (message) => ctx.progress(`hub: ${message}`));
    const volunteers = await seedVolunteers(store.db, new Rng(0x5eed + 3), new Date());
    await seedYearContacts(store.db, new Rng(0x5eed + 4), new Date(), YEAR_CONTACTS, admin.id);
    // As autovacuum leaves a database after a day's work: statistics, visibility map, nothing left for it to
    // do while the metrics run (it would otherwise work through the freshly seeded rows beside them).
    await sql`VACUUM (ANALYZE)`.execute(store.db);
    const seedSeconds = (performance.now() - started) / 1000;
    ctx.progress(`hub: seeded in ${seedSeconds.toFixed(1)} s; a PC joins with the join code`);
    await joinHub(pc.path, hub.joinCode);
    const core = await createCore({ dataDir: pc.path, database: joinedHub(pc.path)!, log: silentLogger });
    ctx.onFinish(() => core.close());
    await expectOk('session.login', core.call('session.login', CREDENTIALS));
    return { core, owner: store.db, events, volunteers, notes, heavyFamilyId, seedSeconds };
  });
}

export async function hubCheckinMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await hubFixture(ctx);
  const eventId = fixture.events.todayEventId;
  const families = await sql<{ code: string }>`SELECT f.code FROM families f JOIN members m ON m.family_id = f.id AND m.moved_out_at IS NULL
    WHERE NOT EXISTS (SELECT 1 FROM checkins c WHERE c.event_id = ${eventId} AND c.family_id = f.id)
    GROUP BY f.id, f.code HAVING count(*) = 4 ORDER BY f.id LIMIT ${ROUNDS}`.execute(fixture.owner);
  // The host opens the counter first, as the counter screen does (its live counts): the PC takes the event's
  // offline snapshot then — the scans below come faster than any real queue, and the snapshot is renewed in
  // the counter's pauses or after 5 s (hub/offline-counter.ts), so none is renewed beside these 80 (well under 5 s).
  await expectOk('checkin.counts', fixture.core.call('checkin.counts', { eventId }));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const times: number[] = [];
  const bare: number[] = [];
  for (const { code } of families.rows) {
    const t0 = performance.now();
    const family = await sql<{ id: string }>`SELECT id FROM families WHERE code = ${code}`.execute(fixture.owner);
    await sql`SELECT id FROM members WHERE family_id = ${family.rows[0]!.id} AND moved_out_at IS NULL`.execute(fixture.owner);
    bare.push(performance.now() - t0);
    const { ms, result } = await timeAsync(() => fixture.core.call('checkin.checkIn', { eventId, code }));
    const answer: { checkedIn: unknown[] } = await expectOk('checkin.checkIn', Promise.resolve(result));
    if (answer.checkedIn.length !== 4) throw new Error(`bench: a family of four checked in ${answer.checkedIn.length}`);
    times.push(ms);
  }
  return p95Metric('hub_checkin_p95_ms', times, 10, [
    `code lookup + check-in of a family of four through a PC of the hub (TLS, own login), x ${families.rows.length}, ${fixture.events.attendances} attendances seeded`,
    `bare PostgreSQL lookup (code, household) on the owner's connection p95 ${percentile(bare, 95).toFixed(2)} ms`,
  ]);
}

export async function hubSearchMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await hubFixture(ctx);
  const rng = new Rng(0x5ea6);
  const names = await sql<{ name: string }>`SELECT display_name AS name FROM families ORDER BY id LIMIT 200 OFFSET 10000`.execute(fixture.owner);
  const first = await sql<{ name: string }>`SELECT first_name AS name FROM members ORDER BY id LIMIT 200 OFFSET 30000`.execute(fixture.owner);
  const pick = (rows: { name: string }[]) => rows[rng.int(0, rows.length - 1)]!.name;
  // Whole names, prefixes of three or more letters, and first name + family name, as the front desk types them.
  const queries = Array.from({ length: 40 }, (_, i) => {
    const name = pick(names.rows);
    if (i % 4 === 0) return name;
    if (i % 4 === 1) return Array.from(name).slice(0, 3 + (i % 3)).join('');
    if (i % 4 === 2) return `${pick(first.rows)} ${name}`;
    return Array.from(pick(first.rows)).slice(0, 4).join('');
  });
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const query of queries) {
      const { ms, result } = await timeAsync(() => fixture.core.call('families.search', { query }));
      await expectOk('families.search', Promise.resolve(result));
      if (round > 0) times.push(ms);
    }
  }
  return p95Metric('hub_search_p95_ms', times, 10, [`${queries.length} queries (names, prefixes, first + family name) x 2 after a warm-up pass, through a PC of the hub`]);
}

export async function hubReportYearMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await hubFixture(ctx);
  const year = new Date().getFullYear();
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const cold = await timeAsync(() => fixture.core.call('reports.reach', period));
  await expectOk('reports.reach', Promise.resolve(cold.result));
  const familyIds = (await fixture.owner.selectFrom('families').select('id').execute()).map((r) => r.id);
  const value = await timeReportAfter(fixture.core, period, familyIds, CHANGED_PER_RUN, 5);
  const afterOne = await timeReportAfter(fixture.core, period, familyIds, 1, 3);
  const afterHundred = await timeReportAfter(fixture.core, period, familyIds, 100, 1);
  const start = new Date(`${period.from}T00:00:00`).toISOString();
  const end = new Date(`${year + 1}-01-01T00:00:00`).toISOString();
  const bare: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await sql`SELECT m.gender, f.migration_background, count(DISTINCT m.id) FROM contacts c JOIN members m ON m.family_id = c.family_id
      JOIN families f ON f.id = c.family_id WHERE c.occurred_at >= ${start} AND c.occurred_at < ${end} GROUP BY m.gender, f.migration_background`.execute(fixture.owner);
    bare.push(performance.now() - t0);
  }
  return {
    name: 'hub_report_year_ms',
    value,
    unit: 'ms',
    target: 500,
    better: 'lower',
    details: [
      `median of 5 of this year's reach report through a PC of the hub, each after a contact for ${CHANGED_PER_RUN} families at random; after 1 family ${afterOne.toFixed(0)} ms, after 100 families ${afterHundred.toFixed(0)} ms; first call ${cold.ms.toFixed(0)} ms (counts and stores every part)`,
      `bare PostgreSQL GROUP BY (persons by gender and background) median ${median(bare).toFixed(0)} ms`,
    ],
  };
}

export async function hubFamilyListMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await hubFixture(ctx);
  const heaviest = await sql<{ id: string }>`SELECT district_id AS id FROM families WHERE district_id IS NOT NULL GROUP BY district_id ORDER BY count(*) DESC LIMIT 1`.execute(fixture.owner);
  return listMetric(ctx, 'hub_family_list_p95_ms', fixture.core, heaviest.rows[0]!.id);
}

export async function hubCheckinSearchMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await hubFixture(ctx);
  const eventId = fixture.events.todayEventId;
  const registered = await sql<{ name: string }>`SELECT f.display_name AS name FROM registrations r JOIN families f ON f.id = r.family_id WHERE r.event_id = ${eventId} LIMIT 100`.execute(fixture.owner);
  const others = await sql<{ name: string }>`SELECT display_name AS name FROM families ORDER BY id LIMIT 100 OFFSET 20000`.execute(fixture.owner);
  const { times, keystrokes } = await timeCheckinSearch(fixture.core, eventId, registered.rows, others.rows);
  return p95Metric('hub_checkin_search_p95_ms', times, 5, [`${keystrokes} keystrokes (10 names, 5 of registered families), second pass timed, through a PC of the hub`]);
}

/** Near the end of the hub's metrics: it adds families. */
export async function hubIntakeMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await hubFixture(ctx);
  const times = await timeIntakes(ctx, fixture.core, await loadDistricts(fixture.owner));
  return p95Metric('hub_intake_p95_ms', times, 5, ['the single PC\'s intake (3 members, 2 consents, 1 contact) through a PC of the hub']);
}
