import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/sqlite/open';
import { runUntilKilled } from '../support/kill-child';
import { tempDir } from '../support/temp';

/** Runs the child until `afterMs` after it is ready, then SIGKILLs it; returns the numbers it reported committed. */
async function runAndKill(file: string, keyHex: string, start: number, afterMs: number): Promise<number[]> {
  const lines = await runUntilKilled('tests/support/crash-child.ts', [file, keyHex, String(start)], afterMs);
  return lines.filter((l) => /^\d+$/.test(l)).map(Number);
}

// SIGKILLs a writer of the PC's SQLite file (WAL, synchronous=NORMAL); PostgreSQL brings its own crash safety.
describe('[sqlite only: file crash safety] crash safety', () => {
  it('keeps every reported commit and stays intact through 20 SIGKILLs at random moments', async () => {
    const dir = tempDir('m3-crash-');
    const file = join(dir.path, 'crash.db');
    const key = Buffer.alloc(32, 9);
    let next = 0;
    let total = 0;
    for (let round = 0; round < 20; round += 1) {
      const reported = await runAndKill(file, key.toString('hex'), next, 20 + Math.floor(Math.random() * 120));
      const db = openDatabase(file, { key, mustExist: true, check: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const present = new Set((db.prepare('SELECT n FROM crash_log').all() as { n: number }[]).map((r) => r.n));
      const missing = reported.filter((n) => !present.has(n));
      expect({ round, missing }).toEqual({ round, missing: [] });
      const max = (db.prepare('SELECT max(n) AS m FROM crash_log').get() as { m: number | null }).m ?? -1;
      db.close();
      total += reported.length;
      next = max + 1;
    }
    expect(total).toBeGreaterThan(100);
    dir.remove();
  }, 120_000);
});
