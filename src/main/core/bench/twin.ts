/**
 * Copies of the 50,000-family database, one encrypted and one not, each
 * answering `families.*` calls through the core's own dispatcher and family
 * handlers (zod, one transaction per call, the audit entry, FTS5 search).
 *
 * The core cannot open an unencrypted file (its SQLite dialect always keys
 * the database), so the bench opens both copies itself, with the pragmas the
 * core uses (openDatabase: WAL, 64 MiB page cache, no automatic checkpoints)
 * and the core's code on top: the only difference between the two is the
 * encryption. Audit entries are chained under a key of the bench's own.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { RpcResult } from '../../../shared/errors';
import { contract, type Contract } from '../../../shared/rpc/contract';
import { appendAudit } from '../audit/chain';
import { sqliteFamilySearch } from '../db/sqlite/family-search';
import { createKysely } from '../db/sqlite/kysely';
import { checkpoint, copyEncrypted, openDatabase, type RawDatabase } from '../db/sqlite/open';
import { registerFamiliesApp } from '../families/app';
import { silentLogger } from '../log';
import { createDispatcher } from '../rpc/dispatcher';
import { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { SEED_USERNAME } from '../seed/folder';
import type { BenchContext } from './context';
import { familyFixture, masterKey } from './fixture';
import { isPlainSqlite } from './sqlite-header';
import { makeTempDir } from './temp';

export const SIDES = ['encrypted', 'plain'] as const;
export type Side = (typeof SIDES)[number];

export interface Twin {
  side: Side;
  call(method: string, input: unknown): Promise<RpcResult<unknown>>;
  /** What the core's idle timer does between calls: fold the WAL into the file. */
  checkpoint(): void;
}

function openTwin(side: Side, raw: RawDatabase, userId: string, auditKey: Buffer): Twin {
  const db = createKysely(raw);
  const registry = new Registry<Contract>(contract);
  // The families area asks its services for the clock only.
  registerFamiliesApp(registry, { now: () => new Date() } as CoreServices, sqliteFamilySearch);
  const session = { userId, username: SEED_USERNAME, displayName: 'Admin', role: 'coordinator' as const };
  const dispatch = createDispatcher({
    registry,
    getSession: () => session,
    getDb: () => db,
    appendAudit: (trx, record) => appendAudit(trx, record, new Date(), auditKey),
    log: silentLogger,
  });
  return { side, call: dispatch, checkpoint: () => checkpoint(raw) };
}

/** Both copies, made once from the fixture's file (a consistent copy by its read-only connection). */
export function twins(ctx: BenchContext): Promise<Record<Side, Twin>> {
  return ctx.shared('twins', async () => {
    const fixture = await familyFixture(ctx);
    const dir = makeTempDir('twins');
    ctx.onFinish(() => dir.remove());
    const files: Record<Side, string> = { encrypted: join(dir.path, 'encrypted.db'), plain: join(dir.path, 'plain.db') };
    ctx.progress('encryption: copying the 50,000-family database twice, then decrypting one copy');
    // VACUUM INTO writes under the source's cipher and key.
    copyEncrypted(fixture.bare, files.encrypted);
    copyEncrypted(fixture.bare, files.plain);
    const key = await masterKey(fixture.dataDir);
    const auditKey = randomBytes(32);
    ctx.onFinish(() => void auditKey.fill(0));
    try {
      // An empty key decrypts the whole file (SQLite3 Multiple Ciphers rekeys only outside WAL mode).
      const decrypting = openDatabase(files.plain, { key, mustExist: true, walMode: false });
      try {
        decrypting.rekey(Buffer.alloc(0));
      } finally {
        decrypting.close();
      }
      if (isPlainSqlite(files.encrypted) || !isPlainSqlite(files.plain)) throw new Error('bench: the twin copies are not encrypted and plain as meant');
      const raws: Record<Side, RawDatabase> = {
        encrypted: openDatabase(files.encrypted, { key, mustExist: true, autoCheckpoint: false }),
        plain: openDatabase(files.plain, { key: null, mustExist: true, autoCheckpoint: false }),
      };
      for (const raw of Object.values(raws)) ctx.onFinish(() => void raw.close());
      const { id: userId } = raws.plain.prepare('SELECT id FROM users WHERE username = ?').get(SEED_USERNAME) as { id: string };
      return { encrypted: openTwin('encrypted', raws.encrypted, userId, auditKey), plain: openTwin('plain', raws.plain, userId, auditKey) };
    } finally {
      key.fill(0);
    }
  });
}
