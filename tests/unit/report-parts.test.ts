import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/main/core/db/schema';
import { bucketOf, type FreshPart, reachFromParts, storeParts } from '../../src/main/core/reports/parts';
import { periodOf } from '../../src/main/core/reports/period';
import { computeReach } from '../../src/main/core/reports/reach';
import { seedEvents } from '../../src/main/core/seed/events';
import { seedFamilies } from '../../src/main/core/seed/families';
import { Rng } from '../../src/main/core/seed/random';
import { seedVolunteers } from '../../src/main/core/seed/volunteers';
import { seedYearContacts } from '../../src/main/core/seed/year-contacts';
import { describeEachDialect } from '../support/dialects';
import { emptyStore, type TestStore } from '../support/stores';

const year = new Date().getFullYear();
const from = `${year}-01-01`;
const to = `${year}-12-31`;
const period = periodOf(from, to);

describeEachDialect('reach report from stored parts', (dialect) => {
  let s: TestStore;
  let db: Db;

  beforeAll(async () => {
    s = await emptyStore(dialect, { migrated: true });
    db = s.store.db;
    const now = new Date();
    await seedFamilies(db, s.dialect.familySearch, 400, new Rng(7), now, { batchSize: 200 });
    await seedEvents(db, new Rng(8), now);
    await seedVolunteers(db, new Rng(9), now, { volunteers: 20, referrals: 400, open: 10 });
    await seedYearContacts(db, new Rng(10), now, 2000, null);
  }, 120_000);
  afterAll(async () => s?.dispose());

  /** The report from parts (storing what it counted, as the core does) and the same report counted from the rows. */
  async function both(definition: 'background' | 'history' = 'background', now?: string) {
    const parts = await db.transaction().execute((trx) => reachFromParts(trx as unknown as Db, period, definition, now));
    await storeParts(db, parts.fresh);
    const full = (await computeReach(db, from, to, { definition })).report;
    return { parts, full };
  }

  async function version(familyId: string): Promise<number> {
    const row = await db.selectFrom('report_buckets').select('version').where('bucket', '=', bucketOf(familyId)).executeTakeFirst();
    return row?.version ?? 0;
  }

  it('adds up to the report counted from the rows, for both definitions, and counts nothing again while nothing changed', async () => {
    const first = await both();
    expect(first.parts.report.summary.families).toBeGreaterThan(100);
    expect(first.parts.report.summary.attendances).toBeGreaterThan(0);
    expect(first.parts.report.summary.referrals).toBeGreaterThan(0);
    expect(first.parts.report).toEqual(first.full);
    expect(first.parts.counted).toBe(first.parts.buckets);
    // Both definitions were counted and stored at once.
    expect(new Set(first.parts.fresh.map((p: FreshPart) => p.definition))).toEqual(new Set(['background', 'history']));
    const history = await both('history');
    expect(history.parts.counted).toBe(0);
    expect(history.parts.report).toEqual(history.full);
    expect(history.parts.report.tables.find((t) => t.id === 'migration')).not.toEqual(first.parts.report.tables.find((t) => t.id === 'migration'));
    const again = await both();
    expect(again.parts.counted).toBe(0);
    expect(again.parts.report).toEqual(again.full);
  });

  it("counts again only the buckets of families whose report rows changed, whatever wrote them", async () => {
    await both();
    const families = await db.selectFrom('families').select('id').orderBy('id').execute();
    const buckets = new Set(families.map((f) => bucketOf(f.id)));
    const a = families[0]!.id;
    const b = families.find((f) => bucketOf(f.id) !== bucketOf(a))!.id;
    const changes: [string, () => Promise<unknown>, number][] = [
      [
        'a contact logged',
        () =>
          db
            .insertInto('contacts')
            .values({ id: randomUUID(), family_id: a, type: 'phone', occurred_at: new Date().toISOString(), duration_min: null, topics: '["health"]', field_of_action: 2, staff_id: null, note: null, created_at: new Date().toISOString() } as never)
            .execute(),
        1,
      ],
      ['a member older', () => db.updateTable('members').set({ birth_year: 1931 }).where('family_id', '=', a).execute(), 1],
      [
        "a family's answer changed",
        async () => {
          const { migration_background: was } = await db.selectFrom('families').select('migration_background').where('id', '=', b).executeTakeFirstOrThrow();
          return db.updateTable('families').set({ migration_background: was === 'no' ? 'yes' : 'no' }).where('id', '=', b).execute();
        },
        1,
      ],
      ['a phone number changed (no figure reads it)', () => db.updateTable('families').set({ phone: '+49 8341 999' }).where('id', '=', b).execute(), 0],
      ["a family's contacts moved to another (as a merge does)", () => db.updateTable('contacts').set({ family_id: b }).where('family_id', '=', a).execute(), 2],
      ['a check-in undone', async () => {
        const c = await db.selectFrom('checkins').select(['id']).where('family_id', '=', b).executeTakeFirst();
        const any = c ?? (await db.selectFrom('checkins').select(['id']).executeTakeFirstOrThrow());
        return db.deleteFrom('checkins').where('id', '=', any.id).execute();
      }, 1],
      ['a referral done', async () => {
        const r = await db.selectFrom('referrals').select('id').where('status', '!=', 'done').executeTakeFirstOrThrow();
        return db.updateTable('referrals').set({ status: 'done' }).where('id', '=', r.id).execute();
      }, 1],
    ];
    for (const [what, change, touched] of changes) {
      await change();
      const { parts, full } = await both();
      expect(parts.report, what).toEqual(full);
      expect(parts.counted, what).toBeGreaterThanOrEqual(Math.min(1, touched));
      expect(parts.counted, what).toBeLessThanOrEqual(touched);
      expect(parts.buckets, what).toBe(buckets.size);
    }
  });

  it('counts again hundreds of buckets at once (a busy week), in reads of a few hundred ranges each', async () => {
    await both();
    // Every family's birth years one year earlier: each bucket with a family changes.
    await db.updateTable('members').set((eb) => ({ birth_year: eb('birth_year', '-', 1) })).where('birth_year', 'is not', null).execute();
    const { parts, full } = await both();
    expect(parts.counted).toBeGreaterThan(200);
    expect(parts.report).toEqual(full);
  });

  it("an event's new type counts again the buckets of everyone checked in there; a cancelled one's check-ins drop out", async () => {
    await both();
    const event = await db
      .selectFrom('events as e')
      .innerJoin('checkins as c', 'c.event_id', 'e.id')
      .select(['e.id', 'e.type', (eb) => eb.fn.count('c.id').distinct().as('n')])
      .where('e.date', '>=', from)
      .where('e.date', '<=', to)
      .where('e.status', '!=', 'cancelled')
      .groupBy(['e.id', 'e.type'])
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const attendees = await db.selectFrom('checkins').select('family_id').where('event_id', '=', event.id).execute();
    const before = await Promise.all(attendees.map((r) => version(r.family_id)));
    await db
      .updateTable('events')
      .set({ type: event.type === 'workshop' ? 'parent_cafe' : 'workshop' })
      .where('id', '=', event.id)
      .execute();
    const after = await Promise.all(attendees.map((r) => version(r.family_id)));
    after.forEach((v, i) => expect(v).toBeGreaterThan(before[i]!));
    let { parts, full } = await both();
    expect(parts.report).toEqual(full);
    await db.updateTable('events').set({ status: 'cancelled' }).where('id', '=', event.id).execute();
    ({ parts, full } = await both());
    expect(parts.report).toEqual(full);
    // A title is not counted: nothing to count again (the app's save writes every column, the counted ones unchanged).
    const saved = await db.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow();
    await db.updateTable('events').set({ title: 'Umbenannt', type: saved.type, date: saved.date, status: saved.status, field_of_action: saved.field_of_action }).where('id', '=', event.id).execute();
    ({ parts } = await both());
    expect(parts.counted).toBe(0);
    // An event deleted takes its check-ins along (the database's cascade, past every write path of the app).
    const other = await db
      .selectFrom('events as e')
      .innerJoin('checkins as c', 'c.event_id', 'e.id')
      .select('e.id')
      .where('e.date', '>=', from)
      .where('e.date', '<=', to)
      .where('e.status', '!=', 'cancelled')
      .executeTakeFirstOrThrow();
    const attended = (await both()).parts.report.summary.attendances;
    await db.deleteFrom('events').where('id', '=', other.id).execute();
    ({ parts, full } = await both());
    expect(parts.report).toEqual(full);
    expect(parts.report.summary.attendances).toBeLessThan(attended);
  });

  it('a family deleted leaves the report with all its rows', async () => {
    const { parts: before } = await both();
    const reached = await db.selectFrom('contacts').select('family_id').where('occurred_at', '>=', period.start).where('occurred_at', '<', period.end).executeTakeFirstOrThrow();
    await db.deleteFrom('families').where('id', '=', reached.family_id).execute();
    // Nothing of the family stays in stored figures either.
    expect(await db.selectFrom('report_parts').select('bucket').where('bucket', '=', bucketOf(reached.family_id)).execute()).toEqual([]);
    const { parts, full } = await both();
    expect(parts.report).toEqual(full);
    expect(parts.report.summary.families).toBe(before.report.summary.families - 1);
  });

  it('a referral whose appointment comes counts from then on, with nothing written', async () => {
    await both();
    const family = await db.selectFrom('families').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const at = new Date(Date.now() + 3_600_000);
    // Still inside the year (a test run in the last hour of December 31st looks at the hour before instead).
    const appointment = at.getFullYear() === year ? at.toISOString() : new Date(Date.now() - 60_000).toISOString();
    await db
      .insertInto('referrals')
      .values({
        id: randomUUID(),
        family_id: family.id,
        member_ids: '[]',
        kind: 'lotse',
        language: 'ar',
        reason: 'housing',
        external_service: null,
        appointment_at: appointment,
        place: 'Rathaus',
        duration_min: 60,
        at_home: 0,
        helped: null,
        follow_up: null,
        status: 'requested',
        volunteer_id: null,
        hours: null,
        feedback: null,
        created_at: new Date().toISOString(),
        created_by: null,
        updated_at: new Date().toISOString(),
        version: 1,
      })
      .execute();
    const now = await both();
    const later = await both('background', new Date(Date.parse(appointment) + 60_000).toISOString());
    if (appointment > new Date().toISOString()) {
      expect(later.parts.counted).toBe(1);
      expect(later.parts.report.summary.referrals).toBe(now.parts.report.summary.referrals + 1);
    }
    expect(now.parts.report).toEqual(now.full);
    // Back to the present (a clock set back): what was counted at a later moment is counted again.
    const back = await both();
    expect(back.parts.report).toEqual(back.full);
  });

  it('a damaged part is counted again; a part counted before its bucket changed is not stored', async () => {
    await both();
    const family = await db.selectFrom('families').select('id').orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('report_parts').set({ part: '{"s":' }).where('bucket', '=', bucketOf(family.id)).execute();
    // Read by a PC that does not hold it already (the one that counted it keeps its figures in memory).
    const elsewhere = await db.transaction().execute((trx) => reachFromParts(trx as unknown as Db, period, 'background', undefined, 'pc-damaged'));
    const before = await both();
    expect(elsewhere.counted).toBe(1);
    expect(elsewhere.report).toEqual(before.full);
    // Counted, then the bucket changes before the parts are stored (as when a restore takes the versions back).
    await db.updateTable('report_parts').set({ part: 'x' }).where('bucket', '=', bucketOf(family.id)).execute();
    const counted = await db.transaction().execute((trx) => reachFromParts(trx as unknown as Db, period, 'background', undefined, 'pc-late'));
    expect(counted.fresh.map((p) => p.bucket)).toEqual([bucketOf(family.id), bucketOf(family.id)]);
    await db.updateTable('members').set({ birth_year: 1932 }).where('family_id', '=', family.id).execute();
    await storeParts(db, counted.fresh);
    expect((await db.selectFrom('report_parts').select('part').where('bucket', '=', bucketOf(family.id)).execute()).map((r) => r.part)).toEqual(['x', 'x']);
    const { parts, full } = await both();
    expect(parts.report).toEqual(full);
  });

  it('parts stored by another PC are read, not counted again, and add up the same', async () => {
    await both();
    const elsewhere = () => db.transaction().execute((trx) => reachFromParts(trx as unknown as Db, period, 'background', undefined, 'pc-b'));
    let other = await elsewhere();
    expect(other.counted).toBe(0);
    const family = await db.selectFrom('families').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await db.updateTable('members').set({ gender: 'diverse' }).where('family_id', '=', family.id).execute();
    const { full } = await both();
    other = await elsewhere();
    expect(other.counted).toBe(0);
    expect(other.report).toEqual(full);
  });

  it('parts are never carried where the office goes (a move, a restore): they are counted again there', async () => {
    const tables = await s.dialect.tableNames(db);
    expect(tables).toContain('report_buckets');
    expect(tables).not.toContain('report_parts');
  });

  if (dialect === 'postgres') {
    it('the database itself keeps a part only at its bucket’s current version', async () => {
      await both();
      const family = await db.selectFrom('families').select('id').orderBy('id').executeTakeFirstOrThrow();
      const bucket = bucketOf(family.id);
      const { version } = await db.selectFrom('report_buckets').select('version').where('bucket', '=', bucket).executeTakeFirstOrThrow();
      const row = { period: 'p', definition: 'background', bucket, valid_until: null, stored_at: new Date().toISOString(), part: '{"s":{},"t":{},"tt":{},"m":{}}' };
      await db.insertInto('report_parts').values({ ...row, version: version + 1 }).execute();
      await db.insertInto('report_parts').values({ ...row, period: 'q', version }).execute();
      expect((await db.selectFrom('report_parts').select('period').where('period', 'in', ['p', 'q']).execute()).map((r) => r.period)).toEqual(['q']);
      await db.deleteFrom('report_parts').where('period', '=', 'q').execute();
    });
  }

  it('keeps the parts of the four periods counted last', async () => {
    for (let m = 1; m <= 13; m += 1) {
      const month = `${year}-${String(m === 13 ? 12 : m).padStart(2, '0')}`;
      const p = periodOf(`${month}-01`, m === 13 ? `${month}-30` : `${month}-28`);
      const r = await db.transaction().execute((trx) => reachFromParts(trx as unknown as Db, p, 'background', new Date(Date.now() - 60_000 + m * 1000).toISOString()));
      await storeParts(db, r.fresh);
    }
    const periods = await db.selectFrom('report_parts').select('period').distinct().execute();
    expect(periods).toHaveLength(4);
    expect(periods.some((p) => p.period.includes(`${year}-09-01/`))).toBe(false);
  });
});
