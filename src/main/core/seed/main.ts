/**
 * `npm run seed -- --families N --password P [--seed S]`: fills the data
 * folder in $M3_DATA_DIR with N realistic families.
 *
 * A fresh folder is set up through the real core (office "Familienstützpunkt
 * Seed", user `admin` with password P); an existing one is logged into as
 * `admin`. The core is then locked and the families are written directly
 * into the database through the intake's domain functions, a thousand per
 * transaction. Progress goes to stderr, a one-line summary to stdout.
 */
import { performance } from 'node:perf_hooks';
import { createCore } from '../core';
import { seedEvents } from './events';
import { seedVolunteers } from './volunteers';
import { seedFamilies } from './families';
import { seedYearContacts } from './year-contacts';
import { SEED_CACHE_KIB, SEED_USERNAME, SeedError, expectOk, openFolderDatabase, startSeedSession, unwrapMasterKey } from './folder';
import { Rng } from './random';

const USAGE = 'usage: M3_DATA_DIR=<folder> npm run seed -- --families N --password P [--seed S] [--year-contacts N]';

interface Args {
  families: number;
  /** Extra contacts in the last twelve months (a busy year for the reach report). */
  yearContacts: number;
  password: string;
  seed: number;
}

function parseArgs(argv: readonly string[]): Args | string {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const match = /^--(families|password|seed|year-contacts)(?:=(.*))?$/.exec(arg);
    if (!match) return `unknown argument: ${arg}`;
    const value = match[2] ?? argv[(i += 1)];
    if (value === undefined) return `missing value for --${match[1]}`;
    values.set(match[1]!, value);
  }
  const families = Number(values.get('families'));
  if (!values.has('families') || !Number.isInteger(families) || families < 0) return '--families needs a whole number ≥ 0';
  const password = values.get('password');
  if (!password) return '--password is required';
  const seed = Number(values.get('seed') ?? '1');
  if (!Number.isInteger(seed)) return '--seed needs a whole number';
  const yearContacts = Number(values.get('year-contacts') ?? 0);
  if (!Number.isInteger(yearContacts) || yearContacts < 0) return '--year-contacts needs a whole number ≥ 0';
  return { families, password, seed, yearContacts };
}

async function main(argv: readonly string[]): Promise<number> {
  const dataDir = process.env.M3_DATA_DIR;
  if (!dataDir) {
    process.stderr.write(`M3_DATA_DIR is not set: point it at the data folder to fill (it is created if missing).\n${USAGE}\n`);
    return 2;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${USAGE}\n`);
    return 2;
  }

  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const core = await createCore({ dataDir });
  try {
    const session = await startSeedSession(core, args.password);
    if (session.setUp) {
      process.stderr.write(`set up a new office in ${dataDir} (user ${SEED_USERNAME})\nrecovery key: ${session.recoveryKey}\n`);
    } else {
      process.stderr.write(`logged in to ${dataDir} as ${SEED_USERNAME}\n`);
    }
    // The core closes its database on lock; from here on this process is the only writer.
    await expectOk('session.lock', core.call('session.lock', {}));
  } finally {
    await core.close();
  }

  const key = await unwrapMasterKey(dataDir, SEED_USERNAME, args.password);
  if (!key) throw new SeedError(`no key slot for ${SEED_USERNAME} opens with this password`);
  const folder = await openFolderDatabase(dataDir, key, { cacheKiB: SEED_CACHE_KIB });
  key.fill(0);
  try {
    const admin = await folder.db.selectFrom('users').select('id').where('username', '=', SEED_USERNAME).executeTakeFirst();
    const summary = await seedFamilies(folder.db, folder.search, args.families, new Rng(args.seed), new Date(), {
      staffId: admin?.id ?? null,
      onProgress: (done, total) => {
        if (done % 5000 === 0 || done === total) process.stderr.write(`  … ${done}/${total} families (${seconds()} s)\n`);
      },
    });
    // Events and attendances too: the counter's bench (bench:ui) checks in at today's event.
    const events = await seedEvents(folder.db, new Rng(args.seed + 2), new Date());
    // A volunteer pool with two years of referrals: matching and the hours have something to show.
    const pool = await seedVolunteers(folder.db, new Rng(args.seed + 3), new Date());
    if (args.yearContacts > 0) await seedYearContacts(folder.db, new Rng(args.seed + 4), new Date(), args.yearContacts, admin?.id ?? null);
    folder.checkpoint();
    console.log(
      `seeded ${summary.families} families, ${summary.persons} persons, ${summary.contacts} contacts, ` +
        `${summary.consents} consents, ${events.events} events, ${events.attendances} attendances, ` +
        `${pool.volunteers} volunteers, ${pool.referrals} referrals, ${args.yearContacts} more contacts in the last year in ${seconds()} s`,
    );
  } finally {
    await folder.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof SeedError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`seed failed: ${message}\n`);
    process.exitCode = 1;
  },
);
