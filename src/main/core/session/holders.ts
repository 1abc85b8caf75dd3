/**
 * Who may receive the office's keys. The key file lies unencrypted beside the
 * database, and sealing a key to someone needs only their public key: anyone
 * who can write the folder could add a key pair of their own, and the next
 * key change or backup would seal to it. So the core keeps its own copy of the
 * identities it wrote — id, kind, account, role and public key — inside the
 * encrypted database (table key_holders, migration 0004), and trusts only
 * identities that match it: others are dropped before anything is sealed, and
 * cannot log in.
 *
 * Kept on this PC's SQLite file only. On the office hub each PC has a key
 * file of its own and anyone with the database's credentials could write the
 * table; enrolling PCs there is the hub's issue.
 */
import { randomUUID } from 'node:crypto';
import { appliedMigrations } from '../db/migrate';
import type { Tx } from '../db/schema';
import type { CoreServices } from '../services';
import type { Identity } from '../vault/keyfile';
import type { Vault } from '../vault/vault';

const MIGRATION = '0004_key_holders';

/** True where the copy is kept (the encrypted file on this PC). */
export function holdersKept(services: CoreServices): boolean {
  return services.state.dialect.files !== null;
}

/** The copy's rows; null before migration 0004 or while it is still empty (a database of the first versions). */
export async function readHolders(db: Tx): Promise<Map<string, Holder> | null> {
  if (!(await appliedMigrations(db)).includes(MIGRATION)) return null;
  const rows = await db.selectFrom('key_holders').selectAll().execute();
  return rows.length === 0 ? null : new Map(rows.map((r) => [r.identity_id, r]));
}

type Holder = { identity_id: string; kind: string; user_id: string | null; role: string | null; recipient: string };

/** The identities that do not match the copy (all match when there is none yet). */
export function unknownIdentities(holders: Map<string, Holder> | null, identities: readonly Identity[]): Identity[] {
  if (!holders) return [];
  return identities.filter((i) => {
    const row = holders.get(i.id);
    return !row || row.kind !== i.kind || row.user_id !== i.userId || row.role !== i.role || row.recipient !== i.recipient;
  });
}

/** Drops from the vault (in memory) every identity the core did not write, except `keep`, and answers them. */
export async function dropUnknownHolders(services: CoreServices, db: Tx, vault: Vault, keep?: string): Promise<Identity[]> {
  if (!holdersKept(services)) return [];
  return dropUnknown(await readHolders(db), vault, keep);
}

export function dropUnknown(holders: Map<string, Holder> | null, vault: Vault, keep?: string): Identity[] {
  const unknown = unknownIdentities(holders, vault.identities()).filter((i) => i.id !== keep);
  const ids = new Set(unknown.map((i) => i.id));
  vault.remove((i) => ids.has(i.id));
  return unknown;
}

/**
 * Makes the copy exactly these identities. All or nothing: an empty copy would
 * make the file trusted as it is at the next coordinator login.
 */
export async function recordHolders(db: Tx, identities: readonly Identity[]): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => recordHolders(trx, identities));
  await db.deleteFrom('key_holders').execute();
  await addHolders(db, identities);
}

/**
 * Adds (or updates) these identities without removing others: written before
 * a changed key file, so that whether the file is then written or not, every
 * identity in it is known. recordHolders afterwards removes the old ones.
 */
export async function addHolders(db: Tx, identities: readonly Identity[]): Promise<void> {
  for (const i of identities) {
    const row = { identity_id: i.id, kind: i.kind, user_id: i.userId, role: i.role, recipient: i.recipient };
    await db
      .insertInto('key_holders')
      .values(row)
      .onConflict((oc) => oc.column('identity_id').doUpdateSet({ kind: row.kind, user_id: row.user_id, role: row.role, recipient: row.recipient }))
      .execute();
  }
}

const REKEY_DUE = 'keys.rekey_due';
const CASEWORK_REKEY_DUE = 'keys.casework_rekey_due';

/** A mark holds a value of its own each time it is set: clearing what a key change saw leaves a mark set meanwhile. */
async function setMark(db: Tx, key: string): Promise<void> {
  const value = randomUUID();
  await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/**
 * A staff member changed their password: they hold no admin key, so the keys
 * are replaced at the next coordinator login (until then an old copy of the
 * key file still opens with the old password).
 */
export async function setRekeyDue(db: Tx): Promise<void> {
  await setMark(db, REKEY_DUE);
}

export async function rekeyDue(db: Tx): Promise<boolean> {
  return (await db.selectFrom('settings').select('value').where('key', '=', REKEY_DUE).executeTakeFirst()) !== undefined;
}

/** The marks as they stand before a key change, to clear exactly these once it reached everyone. */
export async function rekeyMarks(db: Tx): Promise<{ key: string; value: string }[]> {
  return db.selectFrom('settings').select(['key', 'value']).where('key', 'in', [REKEY_DUE, CASEWORK_REKEY_DUE]).execute();
}

export async function clearRekeyDue(db: Tx, seen: { key: string; value: string }[]): Promise<void> {
  for (const { key, value } of seen) await db.deleteFrom('settings').where('key', '=', key).where('value', '=', value).execute();
}

/**
 * A holder of the casework key changed their own password: their old key
 * pair still opens an old copy of the key file, so the next key change
 * replaces the casework key too (it cannot tell from the file who left).
 */
export async function setCaseworkRekeyDue(db: Tx): Promise<void> {
  await setRekeyDue(db);
  await setMark(db, CASEWORK_REKEY_DUE);
}

export async function caseworkRekeyDue(db: Tx): Promise<boolean> {
  return (await db.selectFrom('settings').select('value').where('key', '=', CASEWORK_REKEY_DUE).executeTakeFirst()) !== undefined;
}
