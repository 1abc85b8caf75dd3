/**
 * unlock_ms: wall time of `session.login` on a prepared, locked data folder —
 * scrypt (N = 2^17) + open + key check + quick_check + migrations check +
 * session start. Runs through the real core, as the app does.
 */
import type { RpcResult } from '../../../shared/errors';
import { createCore, type Core } from '../core';
import { silentLogger } from '../log';
import type { BenchContext } from './context';
import { median, percentile, timeAsync } from './measure';
import type { MetricResult } from './report';
import { withTempDir } from './temp';

const RUNS = 7;
/** settings.update calls while preparing: each adds an audit entry, so the file is not empty. */
const FILLER_CALLS = 2000;
// The brief's 'Bench-Passwort-123' contains the username, which the password policy refuses.
const CREDENTIALS = { username: 'bench', password: 'Morgentau-Wiese-71' };

async function expectOk(method: string, pending: Promise<RpcResult<unknown>>): Promise<unknown> {
  const result = await pending;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.details ?? {})}`);
  return result.data;
}

async function call(core: Core, method: string, input: unknown): Promise<unknown> {
  return expectOk(method, core.call(method, input));
}

/** First-run setup plus some audit entries, then lock; the core is closed afterwards. */
async function prepare(dataDir: string): Promise<void> {
  const core = await createCore({ dataDir, log: silentLogger });
  try {
    await call(core, 'session.setup', {
      officeName: 'Bench',
      displayName: 'Bench Admin',
      username: CREDENTIALS.username,
      password: CREDENTIALS.password,
      officeLocation: '',
    });
    for (let i = 0; i < FILLER_CALLS; i += 1) await call(core, 'settings.update', { backupKeep: 14 });
    await call(core, 'session.lock', {});
  } finally {
    await core.close();
  }
}

export async function unlockMetric(ctx: BenchContext): Promise<MetricResult> {
  return withTempDir('unlock', async (dataDir) => {
    ctx.progress(`unlock_ms: preparing a data folder (setup + ${FILLER_CALLS} audited settings updates)`);
    await prepare(dataDir);

    // A fresh core, as after an app start.
    const core = await createCore({ dataDir, log: silentLogger });
    try {
      // One uncounted login first: it warms up the code paths, and the day's
      // first login queues the daily backup (which runs after the login
      // answers, before the following lock).
      ctx.progress('unlock_ms: warm-up login (not counted)');
      await call(core, 'session.login', CREDENTIALS);
      await call(core, 'session.lock', {});

      const times: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        // Only the login call's own promise is timed; the lock is not.
        const { ms, result } = await timeAsync(() => core.call('session.login', CREDENTIALS));
        await expectOk('session.login', Promise.resolve(result));
        times.push(ms);
        await call(core, 'session.lock', {});
      }
      ctx.progress(`unlock_ms: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
      return {
        name: 'unlock_ms',
        value: median(times),
        unit: 'ms',
        target: 500,
        better: 'lower',
        details: [
          `median of ${RUNS}`,
          `p95 ${percentile(times, 95).toFixed(1)} ms`,
          `min ${Math.min(...times).toFixed(1)} ms`,
          `max ${Math.max(...times).toFixed(1)} ms`,
        ],
      };
    } finally {
      await core.close();
    }
  });
}
