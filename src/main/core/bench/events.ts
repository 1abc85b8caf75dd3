/**
 * The counter on the 50,000-family data with two years of weekly events
 * (~200,000 attendances), at today's event with 300 people already in:
 * - checkin_p95_ms: a scanned family code, looked up and its family of four checked in;
 * - checkin_search_p95_ms: a name typed at the counter, letter by letter.
 * The bare SQLite baseline (the code lookup and household read without the
 * core) is shown beside each, from the same run.
 */
import type { Core } from '../core';
import { expectOk } from '../seed/folder';
import { Rng } from '../seed/random';
import type { BenchContext } from './context';
import { familyFixture } from './fixture';
import { percentile, timeAsync } from './measure';
import { p95Metric, type MetricResult } from './report';

const ROUNDS = 80;

/** The bare baseline: code → family → household, on the read-only connection. */
function bareLookup(fixture: Awaited<ReturnType<typeof familyFixture>>, code: string): number {
  const started = performance.now();
  const family = fixture.bare.prepare('SELECT id FROM families WHERE code = ?').get(code) as { id: string };
  fixture.bare.prepare('SELECT id FROM members WHERE family_id = ? AND moved_out_at IS NULL').all(family.id);
  return performance.now() - started;
}

export async function checkinMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await familyFixture(ctx);
  // Not while the day's first backup and page check run in the background.
  await fixture.core.settled();
  const eventId = fixture.events.todayEventId;
  const families = fixture.bare
    .prepare(
      `SELECT f.code FROM families f JOIN members m ON m.family_id = f.id AND m.moved_out_at IS NULL
       WHERE NOT EXISTS (SELECT 1 FROM checkins c WHERE c.event_id = ? AND c.family_id = f.id)
       GROUP BY f.id HAVING count(*) = 4 ORDER BY f.id LIMIT ?`,
    )
    .all(eventId, ROUNDS) as { code: string }[];
  ctx.progress(`checkin_p95_ms: ${families.length} families of four scanned at an event with 300 people in`);
  const times: number[] = [];
  const bare: number[] = [];
  for (const { code } of families) {
    bare.push(bareLookup(fixture, code));
    const { ms, result } = await timeAsync(() => fixture.core.call('checkin.checkIn', { eventId, code }));
    const answer: { checkedIn: unknown[] } = await expectOk('checkin.checkIn', Promise.resolve(result));
    if (answer.checkedIn.length !== 4) throw new Error(`bench: a family of four checked in ${answer.checkedIn.length}`);
    times.push(ms);
  }
  return p95Metric('checkin_p95_ms', times, 2, [
    `code lookup + check-in of a family of four, x ${families.length}, event with 300 attendees, ${fixture.events.attendances} attendances seeded`,
    `bare SQLite lookup (code, household) p95 ${percentile(bare, 95).toFixed(2)} ms`,
  ]);
}

export async function checkinSearchMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await familyFixture(ctx);
  await fixture.core.settled();
  const eventId = fixture.events.todayEventId;
  // Names of registered families (they come first) and of others.
  const registered = fixture.bare.prepare(`SELECT f.display_name AS name FROM registrations r JOIN families f ON f.id = r.family_id WHERE r.event_id = ? LIMIT 100`).all(eventId) as { name: string }[];
  const others = fixture.bare.prepare('SELECT display_name AS name FROM families ORDER BY id LIMIT 100 OFFSET 20000').all() as { name: string }[];
  const { times, keystrokes } = await timeCheckinSearch(fixture.core, eventId, registered, others);
  return p95Metric('checkin_search_p95_ms', times, 5, [`${keystrokes} keystrokes (10 names, 5 of registered families), second pass timed, event with 100 registered families`]);
}

/** The counter's search typed from the third letter on, for 5 registered and 5 other families' names; the second pass is timed. */
export async function timeCheckinSearch(core: Core, eventId: string, registered: { name: string }[], others: { name: string }[]): Promise<{ times: number[]; keystrokes: number }> {
  const rng = new Rng(0xc0de);
  const names = [...Array.from({ length: 5 }, () => registered[rng.int(0, registered.length - 1)]!.name), ...Array.from({ length: 5 }, () => others[rng.int(0, others.length - 1)]!.name)];
  const texts = names.flatMap((name) => Array.from({ length: Math.max(0, Array.from(name).length - 1) }, (_, i) => Array.from(name).slice(0, i + 2).join('')));
  const times: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const query of texts) {
      const { ms, result } = await timeAsync(() => core.call('checkin.search', { eventId, query }));
      await expectOk('checkin.search', Promise.resolve(result));
      if (round > 0) times.push(ms);
    }
  }
  return { times, keystrokes: texts.length };
}
