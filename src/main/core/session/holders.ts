/**
 * Who may receive the office's keys. The key file lies unencrypted beside the
 * database, and sealing a key to someone needs only their public key: anyone
 * who can write the folder could add a key pair of their own, and the next
 * key change or backup would seal to it. So the core keeps its own copy of the
 * identities it wrote — id, kind, account, role and public key — inside the
 * encrypted database (table key_holders), writes it before the key file, and
 * trusts only identities that match it: others are dropped before anything is
 * sealed, and cannot log in.
 */
import type { Tx } from '../db/schema';
import type { Identity } from '../vault/keyfile';
import type { Vault } from '../vault/vault';

/** Replaces the copy with these identities (the key file about to be written). */
export async function recordHolders(db: Tx, identities: readonly Identity[]): Promise<void> {
  // All or nothing: an empty copy would make the next unlock trust the file as it is.
  if (!db.isTransaction) return db.transaction().execute((trx) => recordHolders(trx, identities));
  await db.deleteFrom('key_holders').execute();
  if (identities.length === 0) return;
  await db
    .insertInto('key_holders')
    .values(identities.map((i) => ({ identity_id: i.id, kind: i.kind, user_id: i.userId, role: i.role, recipient: i.recipient })))
    .execute();
}

/**
 * Drops from the vault (in memory) every identity the core did not write and
 * answers them. A database from before this copy existed (migration 0004)
 * trusts the key file once and records it.
 */
export async function dropUnknownHolders(db: Tx, vault: Vault): Promise<Identity[]> {
  const rows = await db.selectFrom('key_holders').selectAll().execute();
  if (rows.length === 0) {
    await recordHolders(db, vault.identities());
    return [];
  }
  const known = new Map(rows.map((r) => [r.identity_id, r]));
  const unknown = vault.identities().filter((i) => {
    const row = known.get(i.id);
    return !row || row.kind !== i.kind || row.user_id !== i.userId || row.role !== i.role || row.recipient !== i.recipient;
  });
  const ids = new Set(unknown.map((i) => i.id));
  vault.remove((i) => ids.has(i.id));
  return unknown;
}

const REKEY_DUE = 'keys.rekey_due';

/**
 * A staff member changed their password: they hold no admin key, so the keys
 * are replaced at the next coordinator login (until then an old copy of the
 * key file still opens with the old password).
 */
export async function setRekeyDue(db: Tx): Promise<void> {
  await db.insertInto('settings').values({ key: REKEY_DUE, value: 'true' }).onConflict((oc) => oc.column('key').doUpdateSet({ value: 'true' })).execute();
}

export async function rekeyDue(db: Tx): Promise<boolean> {
  return (await db.selectFrom('settings').select('value').where('key', '=', REKEY_DUE).executeTakeFirst()) !== undefined;
}

export async function clearRekeyDue(db: Tx): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', REKEY_DUE).execute();
}
