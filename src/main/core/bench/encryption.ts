/**
 * encryption_overhead_bulk_insert_ratio, for information: one bulk-insert-
 * and-query workload of a table of our own (50,000 rows written in batches of
 * 500, then point, prefix and grouped queries) on a new encrypted and a new
 * unencrypted file, same pragmas otherwise (both through openDatabase: WAL,
 * 64 MiB page cache). Runs alternate; the ratio is median(encrypted) /
 * median(unencrypted). Nobody waits for such a bulk write in the app, so it
 * has no target: the ratios of the calls a user waits for are in
 * encryption-ops.ts.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase, type RawDatabase } from '../db/sqlite/open';
import type { BenchContext } from './context';
import { isPlainSqlite } from './sqlite-header';
import { median, seededRandom, timeSync } from './measure';
import type { MetricResult } from './report';
import { withTempDir } from './temp';

const ROWS = 50_000;
const BATCH = 500;
const POINT_QUERIES = 1_000;
const PREFIX_QUERIES = 1_000;
const AGGREGATES = 3;
const RUNS_EACH = 3;

const SIDES = ['encrypted', 'unencrypted'] as const;
type Side = (typeof SIDES)[number];

interface Row {
  name: string;
  phone: string;
  district: string;
  created_at: string;
}

interface Workload {
  rows: Row[];
  names: string[];
  prefixes: Array<[string, string]>;
}

const SURNAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Kılıç',
  'Nowak', 'Kowalski', 'Popescu', 'Ionescu', 'Horvat', 'Petrović', 'Ivanov', 'Smirnov', 'Hadžić', 'Berisha',
  'Al-Hassan', 'Haddad', 'Khalil', 'Nasser', 'Mansour', 'Rahimi', 'Ahmadi', 'Karimi', 'Mohammadi', 'Hosseini',
  'Bauer', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun',
];
const GIVEN = [
  'Anna', 'Maria', 'Ayşe', 'Fatma', 'Elif', 'Zeynep', 'Olga', 'Irina', 'Ana', 'Leyla',
  'Thomas', 'Michael', 'Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Ivan', 'Andrei', 'Omar', 'Yusuf',
  'Sophie', 'Lena', 'Emma', 'Mia', 'Hannah', 'Lukas', 'Jonas', 'Leon', 'Noah', 'Elias',
];
const DISTRICTS = [
  'Altstadt', 'Neugablonz', 'Kaufbeuren-Haken', 'Oberbeuren', 'Hirschzell', 'Kemnat',
  'Märzisried', 'Ringweg', 'Sankt Cosmas', 'Kleinkemnat', 'Großkemnat', 'Hafenmarkt',
];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** The same rows and query parameters for every run (seeded). */
function makeWorkload(): Workload {
  const random = seededRandom(0x6d33);
  const start = Date.UTC(2020, 6, 1);
  const span = Date.UTC(2022, 11, 31) - start;
  const rows: Row[] = [];
  for (let i = 0; i < ROWS; i += 1) {
    rows.push({
      name: `${pick(random, SURNAMES)}, ${pick(random, GIVEN)}`,
      phone: `08341 ${String(Math.floor(random() * 1e6)).padStart(6, '0')}`,
      district: pick(random, DISTRICTS),
      created_at: new Date(start + Math.floor(random() * span)).toISOString(),
    });
  }
  const names = Array.from({ length: POINT_QUERIES }, () => pick(random, rows).name);
  const prefixes = Array.from({ length: PREFIX_QUERIES }, (): [string, string] => {
    const name = pick(random, rows).name;
    const prefix = name.slice(0, 2 + Math.floor(random() * 3));
    // Range on the index instead of LIKE (which would not use a BINARY index).
    const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    return [prefix, upper];
  });
  return { rows, names, prefixes };
}

/** Point and prefix lookups plus grouped aggregates; returns a checksum so both sides can be compared. */
function runQueries(db: RawDatabase, work: Workload): number {
  const byName = db.prepare('SELECT id, phone, district FROM families WHERE name = ?');
  const byPrefix = db.prepare('SELECT id, name FROM families WHERE name >= ? AND name < ? ORDER BY name LIMIT 20');
  const grouped = db.prepare(
    'SELECT district, count(*) AS n, min(created_at) AS first, max(created_at) AS last FROM families GROUP BY district',
  );
  let checksum = 0;
  for (const name of work.names) checksum += byName.all(name).length;
  for (const [low, high] of work.prefixes) checksum += byPrefix.all(low, high).length;
  for (let i = 0; i < AGGREGATES; i += 1) {
    for (const row of grouped.all() as Array<{ n: number }>) checksum += row.n;
  }
  return checksum;
}

interface RunTimes {
  /** open, create, 50k inserts in batches */
  write: number;
  /** queries, close, reopen (cold page cache), queries again */
  read: number;
  total: number;
}

/** The whole workload on one new file: create, insert, query, close, reopen (cold cache), query. */
function runWorkload(file: string, key: Buffer | null, work: Workload): { times: RunTimes; checksum: number } {
  let checksum = 0;
  let db!: RawDatabase;
  const openMs = timeSync(() => {
    db = openDatabase(file, { key });
  });
  let closed = false;
  try {
    const write = openMs + timeSync(() => {
      db.exec(`CREATE TABLE families (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        phone TEXT,
        district TEXT,
        created_at TEXT NOT NULL
      )`);
      db.exec('CREATE INDEX families_name ON families(name)');
      const insert = db.prepare('INSERT INTO families (name, phone, district, created_at) VALUES (@name, @phone, @district, @created_at)');
      const insertBatch = db.transaction((batch: Row[]) => {
        for (const row of batch) insert.run(row);
      });
      for (let i = 0; i < work.rows.length; i += BATCH) insertBatch(work.rows.slice(i, i + BATCH));
    });
    const read = timeSync(() => {
      checksum += runQueries(db, work);
      db.close();
      closed = true;
      db = openDatabase(file, { key, mustExist: true });
      closed = false;
      checksum += runQueries(db, work);
    });
    return { times: { write, read, total: write + read }, checksum };
  } finally {
    if (!closed) db.close();
  }
}

export async function encryptionBulkInsertMetric(ctx: BenchContext): Promise<MetricResult> {
  const work = makeWorkload();
  const key = randomBytes(32);
  try {
    return await withTempDir('cipher', (dir) => {
      const runs: Record<Side, RunTimes[]> = { encrypted: [], unencrypted: [] };
      const checksums = new Set<number>();
      for (let run = 0; run < RUNS_EACH; run += 1) {
        for (const side of SIDES) {
          const file = join(dir, `${side}-${run}.db`);
          const { times, checksum } = runWorkload(file, side === 'encrypted' ? key : null, work);
          if (side === 'encrypted' && isPlainSqlite(file)) throw new Error('encrypted benchmark file is plain SQLite');
          runs[side].push(times);
          checksums.add(checksum);
          ctx.progress(
            `encryption_overhead_bulk_insert_ratio: run ${run + 1}/${RUNS_EACH} ${side} ${times.total.toFixed(0)} ms ` +
              `(write ${times.write.toFixed(0)}, read ${times.read.toFixed(0)})`,
          );
        }
      }
      if (checksums.size !== 1) throw new Error('encrypted and unencrypted workloads returned different results');
      const med = (side: Side, phase: keyof RunTimes) => median(runs[side].map((t) => t[phase]));
      const pair = (phase: keyof RunTimes) => `${med('encrypted', phase).toFixed(0)}/${med('unencrypted', phase).toFixed(0)} ms`;
      return {
        name: 'encryption_overhead_bulk_insert_ratio',
        value: med('encrypted', 'total') / med('unencrypted', 'total'),
        unit: 'ratio',
        target: null,
        better: 'lower',
        details: [
          `encrypted/unencrypted ${pair('total')}`,
          `write ${pair('write')}`,
          `read ${pair('read')}`,
          `medians of ${RUNS_EACH} alternating runs, ${ROWS / 1000}k rows`,
        ],
      };
    });
  } finally {
    key.fill(0);
  }
}
