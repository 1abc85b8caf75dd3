/**
 * Matching on the 50,000-family data with a pool of 500 volunteers and
 * 20,000 past referrals: match_p95_ms ranks the pool for open requests in
 * the coming two weeks. The bare SQLite baseline (the same three reads,
 * without the core or the ranking) is shown beside it, from the same run.
 */
import type { Core } from '../core';
import { expectOk } from '../seed/folder';
import type { VolunteerSeedSummary } from '../seed/volunteers';
import type { BenchContext } from './context';
import { familyFixture } from './fixture';
import { percentile, timeAsync } from './measure';
import { p95Metric, type MetricResult } from './report';

export async function matchMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await familyFixture(ctx);
  await fixture.core.settled();
  const pool = fixture.bare.prepare("SELECT * FROM volunteers WHERE status = 'active'");
  const trained = fixture.bare.prepare('SELECT volunteer_id FROM volunteer_trainings WHERE qualification = 1');
  const window = fixture.bare.prepare("SELECT id, volunteer_id, status, appointment_at, duration_min FROM referrals WHERE volunteer_id IS NOT NULL AND status IN ('offered','confirmed','done') AND appointment_at >= ? AND appointment_at < ?");
  return measureMatch(ctx, 'match_p95_ms', fixture.core, fixture.volunteers, 'SQLite', (from, to) => {
    pool.all();
    trained.all();
    window.all(from, to);
  });
}

/**
 * Ranks the pool for each open request twice through `core`, timing the
 * second pass; `bareReads` does the same three reads without the core, as the baseline.
 */
export async function measureMatch(
  ctx: BenchContext,
  name: string,
  core: Core,
  seeded: VolunteerSeedSummary,
  database: string,
  bareReads: (from: string, to: string) => unknown,
): Promise<MetricResult> {
  const ids = seeded.openReferralIds;
  ctx.progress(`${name}: ${ids.length} open referrals ranked against ${seeded.volunteers} volunteers`);
  const times: number[] = [];
  const bare: number[] = [];
  let ranked = 0;
  for (let round = 0; round < 2; round++) {
    for (const referralId of ids) {
      const { ms, result } = await timeAsync(() => core.call('referrals.match', { referralId }));
      const answer: { items: unknown[] } = await expectOk('referrals.match', Promise.resolve(result));
      if (round === 0) continue;
      ranked += answer.items.length;
      times.push(ms);
      const started = performance.now();
      const at = Date.now();
      await bareReads(new Date(at - 90 * 86_400_000).toISOString(), new Date(at + 86_400_000).toISOString());
      bare.push(performance.now() - started);
    }
  }
  return p95Metric(name, times, 10, [
    `${times.length} rankings (second pass), ${seeded.volunteers} volunteers, ${seeded.referrals} referrals seeded, ${Math.round(ranked / Math.max(1, times.length))} suggestions each on average`,
    `bare ${database} reads (pool, qualifications, 90-day window) p95 ${percentile(bare, 95).toFixed(2)} ms`,
  ]);
}
