import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { localDay } from '../../src/shared/dates';
import { setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';

const year = new Date().getFullYear();
const period = { from: `${year}-01-01`, to: `${year}-12-31` };
const CONTACTS = 300_000;

describeEachDialect('a long report beside the counter', (dialect) => {
  let t: TestCore;
  let familyId: string;
  let eventId: string;
  let code: string;

  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
    const family = await t.ok<{ id: string; code: string }>('families.create', familyInput());
    familyId = family.id;
    code = family.code;
    eventId = (await t.ok<{ id: string }>('events.save', { title: 'Elterncafé', type: 'parent_cafe', fieldOfAction: 1, date: localDay(), start: '16:00', end: '18:00', place: 'Stützpunkt' })).id;
    // A year's worth of contacts, written past the core: the report has to read them all.
    const at = new Date().toISOString();
    await t.tamper([
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${CONTACTS})
       INSERT INTO contacts (id, family_id, type, occurred_at, duration_min, topics, field_of_action, note, staff_id, created_at)
       SELECT 'bulk-' || i, '${familyId}', 'phone', '${at}', NULL, '["school"]', 1 + (i % 3), NULL, NULL, '${at}' FROM n`,
    ]);
  }, 120_000);
  afterEach(async () => t.dispose());

  it('answers a check-in, a search and the heartbeat while a year report is computed', async () => {
    // On the hub the database computes 300,000 contacts faster than a slow PC
    // answers four calls: another connection holds the report's table until the
    // four are answered (at most 8 s: the core's connections wait 10 s for a lock),
    // so the report cannot end first by chance.
    const hold = t.database.dialect === 'postgres' ? await holdTable(t.database.connection, 'contacts') : null;
    let reportDone = false;
    const report = t.call<{ summary: { contacts: number } }>('reports.reach', period).then((r) => {
      reportDone = true;
      return r;
    });
    // The calls a counter makes, one after another, each answered before the report is.
    const answeredDuring: string[] = [];
    try {
      for (const [method, input] of [
        ['session.heartbeat', {}],
        ['families.search', { query: 'Yılmaz' }],
        ['checkin.checkIn', { eventId, code }],
        ['checkin.counts', { eventId }],
      ] as const) {
        const result = await t.call(method, input);
        expect(result.ok).toBe(true);
        if (!reportDone) answeredDuring.push(method);
      }
    } finally {
      await hold?.release();
    }
    const done = await report;
    expect(done).toMatchObject({ ok: true, data: { summary: { contacts: CONTACTS + 1 } } });
    expect(answeredDuring).toEqual(['session.heartbeat', 'families.search', 'checkin.checkIn', 'checkin.counts']);
  }, 120_000);

  it('locks at once during a report; the report ends with an error value, never a hang', async () => {
    const report = t.call('reports.reach', period);
    const lock = await t.call('session.lock', {});
    expect(lock.ok).toBe(true);
    const result = await report;
    // The session ended under it: the report answers LOCKED, never data after the lock.
    expect(result).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  }, 120_000);
});

/** Another connection's exclusive lock on a table: the report's reads wait for it; released after at most 8 s. */
async function holdTable(connection: pg.ClientConfig, table: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client(connection);
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  let released: Promise<void> | null = null;
  const release = () => (released ??= client.query('COMMIT').then(() => client.end()));
  const timer = setTimeout(() => void release(), 8_000);
  return {
    release: () => {
      clearTimeout(timer);
      return release();
    },
  };
}
