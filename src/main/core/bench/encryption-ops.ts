/**
 * encryption_overhead_{intake,search,family_page}_ratio: what encryption
 * costs the work a user waits for, on the 50,000 families — the same calls
 * (families.create, families.search over the bench's query mix,
 * families.get) on an encrypted and an unencrypted copy (twin.ts), in the
 * same run. Each call goes to both sides back to back, the order switching
 * every call, so both meet the same machine. The ratio is the encrypted
 * side's total time over the plain side's for the same calls.
 */
import { generateFamily } from '../seed/families';
import { expectOk } from '../seed/folder';
import { Rng } from '../seed/random';
import type { BenchContext } from './context';
import { familyFixture } from './fixture';
import { median, percentile, timeAsync } from './measure';
import { buildQueries, seededPeople } from './queries';
import type { MetricResult } from './report';
import { twins, type Side, type Twin } from './twin';

const OPERATIONS = ['intake', 'search', 'family_page'] as const;
type Operation = (typeof OPERATIONS)[number];
const LABEL: Record<Operation, string> = { intake: 'families.create', search: 'families.search', family_page: 'families.get' };

const INTAKES = 300;
const PAGES = 600;
const SEARCH_ROUNDS = 2;
/** The core folds the WAL into the file when idle; here between every so many calls, untimed. */
const CHECKPOINT_EVERY = 100;

type Times = Record<Side, number[]>;

interface Call {
  method: string;
  input: unknown;
}

/** Each call on both sides, alternating which goes first; returns the times of the measured ones. */
async function both(sides: Record<Side, Twin>, calls: readonly Call[], warmup: number): Promise<Times> {
  const times: Times = { encrypted: [], plain: [] };
  for (const [i, call] of calls.entries()) {
    const order: Twin[] = i % 2 === 0 ? [sides.encrypted, sides.plain] : [sides.plain, sides.encrypted];
    for (const twin of order) {
      const { ms, result } = await timeAsync(() => twin.call(call.method, call.input));
      await expectOk(call.method, Promise.resolve(result));
      if (i >= warmup) times[twin.side].push(ms);
    }
    if ((i + 1) % CHECKPOINT_EVERY === 0) for (const twin of order) twin.checkpoint();
  }
  for (const twin of Object.values(sides)) twin.checkpoint();
  return times;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function measureAll(ctx: BenchContext): Promise<Record<Operation, Times>> {
  return ctx.shared('encryption-ops', async () => {
    const fixture = await familyFixture(ctx);
    const sides = await twins(ctx);

    const queries = buildQueries(seededPeople(fixture));
    const searches: Call[] = [];
    for (let round = 0; round <= SEARCH_ROUNDS; round += 1) for (const q of queries) searches.push({ method: 'families.search', input: { query: q.text, limit: 20 } });

    const rng = new Rng(0x7a6e);
    const { max } = fixture.bare.prepare('SELECT max(rowid) AS max FROM families').get() as { max: number };
    const byRowid = fixture.bare.prepare('SELECT id FROM families WHERE rowid = ?');
    const pages: Call[] = [];
    while (pages.length < PAGES + 100) {
      const row = byRowid.get(rng.int(1, max)) as { id: string } | undefined;
      if (row) pages.push({ method: 'families.get', input: { id: row.id } });
    }

    // The same new families on both sides, so both files grow alike.
    const now = new Date();
    const shape = { parents: 2, children: 1, extraConsents: 1, contacts: 1 } as const;
    const intakes: Call[] = Array.from({ length: INTAKES + 50 }, () => ({
      method: 'families.create',
      input: generateFamily(rng, fixture.districts, now, shape).input,
    }));

    ctx.progress(`encryption: ${searches.length} searches, ${pages.length} family pages, ${intakes.length} intakes on each side`);
    const result = {
      search: await both(sides, searches, queries.length),
      family_page: await both(sides, pages, 100),
      intake: await both(sides, intakes, 50),
    };
    for (const op of OPERATIONS) {
      const t = result[op];
      ctx.progress(`encryption_overhead_${op}_ratio: ${(sum(t.encrypted) / sum(t.plain)).toFixed(2)} (p50 ${median(t.encrypted).toFixed(2)}/${median(t.plain).toFixed(2)} ms)`);
    }
    return result;
  });
}

function ratioMetric(op: Operation): (ctx: BenchContext) => Promise<MetricResult> {
  return async (ctx) => {
    const t = (await measureAll(ctx))[op];
    const stat = (f: (v: number[]) => number) => `${f(t.encrypted).toFixed(2)}/${f(t.plain).toFixed(2)} ms`;
    return {
      name: `encryption_overhead_${op}_ratio`,
      value: sum(t.encrypted) / sum(t.plain),
      unit: 'ratio',
      target: 1.3,
      better: 'lower',
      details: [
        `${LABEL[op]} x ${t.encrypted.length}, encrypted/plain total ${sum(t.encrypted).toFixed(0)}/${sum(t.plain).toFixed(0)} ms`,
        `p50 ${stat(median)}`,
        `p95 ${stat((v) => percentile(v, 95))}`,
        'copies of the 50k-family file, core dispatcher + handlers on both (the core opens only encrypted files)',
      ],
    };
  };
}

export const encryptionIntakeMetric = ratioMetric('intake');
export const encryptionSearchMetric = ratioMetric('search');
export const encryptionFamilyPageMetric = ratioMetric('family_page');
