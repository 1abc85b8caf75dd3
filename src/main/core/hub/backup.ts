/**
 * The office hub's backups (issue 14, "Data at rest on the hub"): the whole
 * office read in one consistent snapshot, written as a dump (hub/dump.ts),
 * encrypted with age to the office's coordinators and its recovery key (their
 * public keys, from the key file: the hub holds no private key), kept in the
 * hub's folder. A backup counts only once it was restored into a temporary
 * database and every table matched: for that check it is also sealed to a
 * one-off key that is dropped right after.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createDialect } from '../db/dialects';
import type { PostgresConnection } from '../db/dialect';
import { dropDatabase, endBarredSessions, ensureHubDatabase, followAccounts, ownerClientConfig, ownerKeyFile, scratchDatabases } from '../db/hub';
import { MIGRATIONS } from '../db/migrations';
import { CASEWORK_MIGRATIONS } from '../db/migrations/casework';
import { migrate, migrateCasework } from '../db/migrate';
import { writeFileAtomic } from '../files/atomic';
import { parseKeyFile } from '../vault/keyfile';
import { importPrivateKey, newKeyPair, sealBytes, unsealBytes, type PrivateKey } from '../vault/seal';
import { readDump, writeDump, DumpError } from './dump';
import { loadOffice, migrationNames, MoveError, officeTables, readOffice, type OfficeDb } from './move';

export type HubBackupReason = 'daily' | 'migration' | 'manual' | 'restore';

export interface HubBackupInfo {
  name: string;
  createdAt: string;
  reason: HubBackupReason;
  sizeBytes: number;
}

export class HubBackupError extends Error {
  constructor(readonly reason: 'missing' | 'not_yours' | 'older' | 'damaged' | 'no_recipients' | 'check_failed') {
    super(reason);
    this.name = 'HubBackupError';
  }
}

const NAME = /^m3hub-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})-(daily|migration|manual|restore)\.age$/;
const DAY_MS = 24 * 3600 * 1000;
/** The trial databases a backup's check restores into. */
const SCRATCH_PREFIX = 'm3desk_check_';

function stamp(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}-${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}-${p(date.getUTCMilliseconds(), 3)}`;
}

function parseName(name: string): { createdAt: Date; reason: HubBackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, reason] = m;
  return { createdAt: new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, +ms!)), reason: reason as HubBackupReason };
}

/** Who may open a hub backup: the coordinators (not on a temporary password) and the recovery key, as with a PC's backups. */
function recipientsOf(keyFile: Buffer): string[] {
  return parseKeyFile(keyFile.toString('utf8'))
    .identities.filter((i) => i.kind === 'recovery' || (i.role === 'coordinator' && !i.temporaryUntil))
    .map((i) => i.recipient);
}

export class HubBackups {
  readonly dir: string;

  constructor(
    hubDir: string,
    private readonly owner: () => PostgresConnection,
    private readonly keep = 14,
  ) {
    this.dir = join(hubDir, 'backups');
  }

  /** Runs work on a database of the hub as its owner. */
  private async withOffice<T>(database: string, work: (office: OfficeDb) => Promise<T>): Promise<T> {
    const dialect = createDialect({ dialect: 'postgres', connection: { ...this.owner(), database } }, { dbFile: '' });
    const store = await dialect.open(Buffer.alloc(0), { create: false, check: false });
    try {
      return await work({ db: store.db, dialect });
    } finally {
      await store.close();
    }
  }

  /** Newest first. */
  list(): HubBackupInfo[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .flatMap((name) => {
        const parsed = parseName(name);
        return parsed ? [{ name, createdAt: parsed.createdAt.toISOString(), reason: parsed.reason, sizeBytes: statSync(join(this.dir, name)).size }] : [];
      })
      .sort((a, b) => b.name.localeCompare(a.name));
  }

  lastBackupAt(): string | null {
    return this.list()[0]?.createdAt ?? null;
  }

  /** Whether the newest backup is older than a day (or there is none). */
  due(now = new Date()): boolean {
    const last = this.lastBackupAt();
    return !last || now.getTime() - Date.parse(last) >= DAY_MS;
  }

  /** Makes, checks and keeps a backup; the oldest beyond `keep` go. */
  async create(reason: HubBackupReason, now = new Date()): Promise<HubBackupInfo> {
    const database = this.owner().database;
    const keyFile = await ownerKeyFile(ownerClientConfig(this.owner()));
    const recipients = keyFile ? recipientsOf(keyFile) : [];
    if (recipients.length === 0) throw new HubBackupError('no_recipients');
    const check = await newKeyPair();
    const bytes = await this.withOffice(database, (office) =>
      // One snapshot: a check-in during the backup is either wholly in it or not at all.
      office.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const snapshot = { db: trx, dialect: office.dialect };
          const header = { format: 'm3desk-hub-dump' as const, version: 1 as const, createdAt: now.toISOString(), migrations: await migrationNames(trx) };
          return writeDump(header, readOffice(snapshot, await officeTables(snapshot)));
        }),
    );
    const sealed = await sealBytes(bytes, [...recipients, check.recipient]);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const name = `m3hub-${stamp(now)}-${reason}.age`;
    const pending = join(this.dir, `${name}.checking`);
    writeFileAtomic(pending, Buffer.from(sealed));
    try {
      await this.check(pending, await importPrivateKey(check.pkcs8));
    } catch (error) {
      rmSync(pending, { force: true });
      throw error instanceof HubBackupError ? error : Object.assign(new HubBackupError('check_failed'), { cause: error });
    }
    renameSync(pending, join(this.dir, name));
    // Kept per reason: backups by hand (or before restores) never push the daily ones out.
    for (const old of this.list().filter((b) => b.reason === reason).slice(this.keep)) rmSync(join(this.dir, old.name), { force: true });
    return this.list().find((b) => b.name === name)!;
  }

  /** Restores the file into a temporary database and compares every table; the database goes again either way. */
  private async check(file: string, privateKey: PrivateKey): Promise<void> {
    const plain = await unsealBytes(readFileSync(file), privateKey);
    if (!plain) throw new HubBackupError('damaged');
    const dump = await this.open(plain);
    const { header } = dump;
    const scratch = `${SCRATCH_PREFIX}${randomBytes(6).toString('hex')}`;
    const admin = ownerClientConfig(this.owner());
    await ensureHubDatabase(admin, scratch);
    try {
      await this.withOffice(scratch, async (office) => {
        // The schema of the backup's day: a backup made before a migration is checked as it was made.
        const had = new Set(header.migrations);
        await migrate(office.db, { dialect: office.dialect.migrations, migrations: MIGRATIONS.filter(([name]) => had.has(`schema_migrations:${name}`)) });
        await migrateCasework(office.db, { dialect: office.dialect.migrations, migrations: CASEWORK_MIGRATIONS.filter(([name]) => had.has(`casework.schema_migrations:${name}`)) });
        await this.loadInto(office, dump);
      });
    } finally {
      await dropDatabase(admin, scratch).catch(() => undefined);
    }
  }

  private async open(plain: Buffer) {
    try {
      return await readDump(plain);
    } catch (error) {
      throw error instanceof DumpError ? new HubBackupError('damaged') : error;
    }
  }

  /**
   * Loads a dump into an office of the same version, verified table by table
   * before the commit. `live`: the hub itself — its tables are locked for the
   * load (no PC writes in between), and the accounts' logins follow the
   * restored rows in the same transaction.
   */
  private async loadInto(office: OfficeDb, dump: Awaited<ReturnType<typeof readDump>>, live = false): Promise<void> {
    if (dump.header.migrations.join('\n') !== (await migrationNames(office.db)).join('\n')) throw new HubBackupError('older');
    const expected = await officeTables(office);
    const seen: string[] = [];
    try {
      await loadOffice(office, live ? { lock: true, after: followAccounts } : { skipSearch: true }, (async function* () {
        for await (const part of dump.tables) {
          if (!expected.includes(part.table)) throw new MoveError('unknown_table', part.table);
          seen.push(part.table);
          yield part;
        }
        // A table of the office the backup did not hold would keep today's rows beside the restored ones.
        const missing = expected.find((t) => !seen.includes(t));
        if (missing) throw new MoveError('schema', missing);
      })());
    } catch (error) {
      throw error instanceof MoveError || error instanceof DumpError ? Object.assign(new HubBackupError('damaged'), { cause: error }) : error;
    }
  }

  /**
   * Puts the office back to a backup, opened with a coordinator's (or the
   * recovery) private key: what is there now becomes a backup first; the
   * restore is one transaction, so every PC sees the old office or the restored one.
   */
  async restore(name: string, privateKey: PrivateKey): Promise<void> {
    if (!parseName(name) || !existsSync(join(this.dir, name))) throw new HubBackupError('missing');
    const plain = await unsealBytes(readFileSync(join(this.dir, name)), privateKey);
    if (!plain) throw new HubBackupError('not_yours');
    await this.create('restore');
    const dump = await this.open(plain);
    await this.withOffice(this.owner().database, (office) => this.loadInto(office, dump, true));
    await endBarredSessions(ownerClientConfig(this.owner()));
  }

  /** A check cut short (the hub stopped meanwhile) leaves neither its trial database nor its half-written file. */
  async sweep(): Promise<void> {
    const admin = ownerClientConfig(this.owner());
    for (const name of await scratchDatabases(admin, SCRATCH_PREFIX)) await dropDatabase(admin, name);
    if (existsSync(this.dir)) for (const name of readdirSync(this.dir)) if (name.endsWith('.checking')) rmSync(join(this.dir, name), { force: true });
  }
}
