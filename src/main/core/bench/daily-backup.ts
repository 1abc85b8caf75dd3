/**
 * first_call_after_daily_backup_ms: a `families.search` made right after the
 * day's first login on the 50,000-family folder, while the daily backup
 * (a copy under a key of its own, by a worker thread) and its page check run
 * in the background. Each run is a fresh day: today's backups are removed
 * first (the core makes one when none of today exists, backup/service.ts),
 * and a fresh core logs in, as after an app start. The value is the slowest
 * first call. Details: the same first searches after a login with no backup
 * due (what the backup adds), searches repeated while the backup runs, and
 * how long the backup and its page check took.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseBackupName, sidecarName } from '../backup/service';
import { createCore, type Core } from '../core';
import { silentLogger } from '../log';
import { expectOk } from '../seed/folder';
import { corePaths } from '../state';
import type { BenchContext } from './context';
import { coreSearch } from './families';
import { CREDENTIALS, familyFixture, whileLocked } from './fixture';
import { median, percentile } from './measure';
import type { MetricResult } from './report';

/** One run per query: each is the first call of a fresh day. */
const FIRST_QUERIES = ['yilmaz ayse', 'Müller', 'kowalenko', 'Schmidt Anna'];
/** Searches repeated while the backup runs, as someone typing meanwhile would, a keystroke apart. */
const DURING_QUERIES = ['sahin', 'iwanow', 'Berisha', 'popescu', 'Weber', 'mohammed fatima'];

const KEYSTROKE_MS = 30;

interface Run {
  firstMs: number;
  backupMs: number;
  during: number[];
}

/** Removes today's backups (and their key sidecars), so the next login's backup is due. */
function removeTodaysBackups(dir: string): void {
  if (!existsSync(dir)) return;
  const today = new Date().toDateString();
  for (const name of readdirSync(dir)) {
    const parsed = parseBackupName(name);
    if (!parsed || parsed.createdAt.toDateString() !== today) continue;
    rmSync(join(dir, name), { force: true });
    rmSync(join(dir, sidecarName(name)), { force: true });
  }
}

function todaysDailyBackups(dir: string): number {
  const today = new Date().toDateString();
  return readdirSync(dir).filter((name) => {
    const parsed = parseBackupName(name);
    return parsed?.reason === 'daily' && parsed.createdAt.toDateString() === today;
  }).length;
}

/**
 * One login and the search right after it; with `due`, today's backups are
 * removed first, so the login starts the daily backup. Searches go on, a
 * keystroke apart, until the background work is done.
 */
async function oneLogin(core: Core, backupDir: string, firstQuery: string, due: boolean): Promise<Run> {
  if (due) removeTodaysBackups(backupDir);
  await expectOk('session.login', core.call('session.login', CREDENTIALS));
  const loggedIn = performance.now();
  // The daily backup has just been handed to the background: this is the call the user makes next.
  const first = await coreSearch(core, firstQuery);
  let backupMs = 0;
  let finished = false;
  const done = core.settled().then(() => {
    backupMs = performance.now() - loggedIn;
    finished = true;
  });
  // Timed from each keystroke's planned moment, not from when this thread got round to sending
  // it: a stall of the core's thread (by work of the backup done outside the worker) then counts.
  const during: number[] = [];
  const start = performance.now();
  for (let i = 0; due && !finished; i += 1) {
    const at = start + i * KEYSTROKE_MS;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await coreSearch(core, DURING_QUERIES[i % DURING_QUERIES.length]!);
    during.push(performance.now() - at);
  }
  await done;
  if (todaysDailyBackups(backupDir) !== 1) throw new Error("bench: the day's first login made no daily backup, or a later one made another");
  await expectOk('session.lock', core.call('session.lock', {}));
  return { firstMs: first.ms, backupMs, during };
}

/** A fresh core (as after an app start: its worker thread starts with the backup) for one login. */
async function withFreshCore<T>(dataDir: string, work: (core: Core) => Promise<T>): Promise<T> {
  const core = await createCore({ dataDir, log: silentLogger });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

export async function firstCallAfterDailyBackupMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await familyFixture(ctx);
  const backupDir = corePaths(fixture.dataDir).defaultBackupDir;
  const { runs, plain } = await whileLocked(fixture, async () => {
    const out = { runs: [] as Run[], plain: [] as number[] };
    for (const query of FIRST_QUERIES) {
      const run = await withFreshCore(fixture.dataDir, (core) => oneLogin(core, backupDir, query, true));
      // The same first search after a login with today's backup made: what the backup adds.
      const other = await withFreshCore(fixture.dataDir, (core) => oneLogin(core, backupDir, query, false));
      ctx.progress(
        `first_call_after_daily_backup_ms: "${query}" ${run.firstMs.toFixed(1)} ms (${other.firstMs.toFixed(1)} ms with no backup due), ` +
          `backup + page check ${(run.backupMs / 1000).toFixed(1)} s, ${run.during.length} searches meanwhile, slowest ${Math.max(...run.during).toFixed(0)} ms`,
      );
      out.runs.push(run);
      out.plain.push(other.firstMs);
    }
    // Today's backup stays, so the fixture's own login makes none.
    return out;
  });
  const firsts = runs.map((r) => r.firstMs);
  const during = runs.flatMap((r) => r.during);
  const backups = runs.map((r) => r.backupMs);
  return {
    name: 'first_call_after_daily_backup_ms',
    value: Math.max(...firsts),
    unit: 'ms',
    target: 50,
    better: 'lower',
    details: [
      `max of ${runs.length} fresh days (${firsts.map((t) => t.toFixed(1)).join(', ')} ms)`,
      `the same first searches with no backup due: max ${Math.max(...plain).toFixed(1)} ms`,
      `searches while the backup ran: p50 ${median(during).toFixed(2)} ms, p95 ${percentile(during, 95).toFixed(2)} ms, max ${Math.max(...during).toFixed(1)} ms (${during.length})`,
      `background backup + page check median ${(median(backups) / 1000).toFixed(1)} s (max ${(Math.max(...backups) / 1000).toFixed(1)} s)`,
    ],
  };
}
