/**
 * unlock_ms: wall time of `session.login` on the locked 50,000-family folder
 * — scrypt (N = 2^17) + open + key check + migrations check + session start —
 * through a core of its own, as after an app start. A page check (quick_check)
 * on the way in happens only after an unclean shutdown (the marker file
 * `m3desk.db.open` is still there): that login is measured too, as a detail.
 */
import { writeFileSync } from 'node:fs';
import { createCore, type Core } from '../core';
import { silentLogger } from '../log';
import { expectOk } from '../seed/folder';
import { corePaths } from '../state';
import type { BenchContext } from './context';
import { CREDENTIALS, familyFixture, whileLocked } from './fixture';
import { median, percentile, timeAsync } from './measure';
import type { MetricResult } from './report';

const RUNS = 7;
const UNCLEAN_RUNS = 2;

/** One timed login (only the login call's own promise), then the background work waited for and the lock. */
async function timedLogin(core: Core): Promise<number> {
  const { ms, result } = await timeAsync(() => core.call('session.login', CREDENTIALS));
  await expectOk('session.login', Promise.resolve(result));
  // A daily backup or page check started by this login must not slow the next one.
  await core.settled();
  await expectOk('session.lock', core.call('session.lock', {}));
  return ms;
}

/** Timed logins after an uncounted warm-up (which also makes the day's backup if none exists yet); each ends locked. */
async function loginTimes(ctx: BenchContext, name: string, core: Core): Promise<number[]> {
  ctx.progress(`${name}: warm-up login (not counted)`);
  await timedLogin(core);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) times.push(await timedLogin(core));
  return times;
}

function loginResult(name: string, times: number[], details: string[]): MetricResult {
  return {
    name,
    value: median(times),
    unit: 'ms',
    target: 500,
    better: 'lower',
    details: [`median of ${RUNS}`, `p95 ${percentile(times, 95).toFixed(1)} ms`, `max ${Math.max(...times).toFixed(1)} ms`, ...details],
  };
}

export async function unlockMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await familyFixture(ctx);
  const marker = `${corePaths(fixture.dataDir).dbFile}.open`;
  return whileLocked(fixture, async () => {
    const core = await createCore({ dataDir: fixture.dataDir, log: silentLogger });
    try {
      const times = await loginTimes(ctx, 'unlock_ms', core);
      const unclean: number[] = [];
      for (let i = 0; i < UNCLEAN_RUNS; i += 1) {
        // As if the app had stopped without closing the file: the login checks every page first.
        writeFileSync(marker, '');
        unclean.push(await timedLogin(core));
      }
      ctx.progress(`unlock_ms: ${times.map((t) => t.toFixed(0)).join(', ')} ms; after an unclean shutdown ${unclean.map((t) => t.toFixed(0)).join(', ')} ms`);
      return loginResult('unlock_ms', times, [
        `after an unclean shutdown (page check on the way in) median ${median(unclean).toFixed(0)} ms of ${UNCLEAN_RUNS}`,
        `${fixture.summary.families / 1000}k families`,
      ]);
    } finally {
      await core.close();
    }
  });
}

/** Logins of a locked `core` (median), left logged in. */
export async function measureLogins(ctx: BenchContext, name: string, core: Core): Promise<MetricResult> {
  const times = await loginTimes(ctx, name, core);
  await expectOk('session.login', core.call('session.login', CREDENTIALS));
  ctx.progress(`${name}: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  return loginResult(name, times, []);
}
