/**
 * Matching on the 50,000-family data with a pool of 500 volunteers and
 * 20,000 past referrals: match_p95_ms ranks the pool for open requests in
 * the coming two weeks. The bare SQLite baseline (the same three reads,
 * without the core or the ranking) is shown beside it, from the same run.
 */
import { expectOk } from '../seed/folder';
import type { BenchContext } from './context';
import { familyFixture } from './fixture';
import { percentile, timeAsync } from './measure';
import { p95Metric, type MetricResult } from './report';

export async function matchMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await familyFixture(ctx);
  await fixture.core.settled();
  const ids = fixture.volunteers.openReferralIds;
  ctx.progress(`match_p95_ms: ${ids.length} open referrals ranked against ${fixture.volunteers.volunteers} volunteers`);
  const pool = fixture.bare.prepare("SELECT * FROM volunteers WHERE status = 'active'");
  const trained = fixture.bare.prepare('SELECT volunteer_id FROM volunteer_trainings WHERE qualification = 1');
  const window = fixture.bare.prepare("SELECT id, volunteer_id, status, appointment_at, duration_min FROM referrals WHERE volunteer_id IS NOT NULL AND status IN ('offered','confirmed','done') AND appointment_at >= ? AND appointment_at < ?");
  const times: number[] = [];
  const bare: number[] = [];
  let ranked = 0;
  for (let round = 0; round < 2; round++) {
    for (const referralId of ids) {
      const { ms, result } = await timeAsync(() => fixture.core.call('referrals.match', { referralId }));
      const answer: { items: unknown[] } = await expectOk('referrals.match', Promise.resolve(result));
      if (round === 0) continue;
      ranked += answer.items.length;
      times.push(ms);
      const started = performance.now();
      const at = Date.now();
      pool.all();
      trained.all();
      window.all(new Date(at - 90 * 86_400_000).toISOString(), new Date(at + 86_400_000).toISOString());
      bare.push(performance.now() - started);
    }
  }
  return p95Metric('match_p95_ms', times, 10, [
    `${times.length} rankings (second pass), ${fixture.volunteers.volunteers} volunteers, ${fixture.volunteers.referrals} referrals seeded, ${Math.round(ranked / Math.max(1, times.length))} suggestions each on average`,
    `bare SQLite reads (pool, qualifications, 90-day window) p95 ${percentile(bare, 95).toFixed(2)} ms`,
  ]);
}
