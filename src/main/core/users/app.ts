import { DomainError } from '../../../shared/errors';
import type { User } from '../../../shared/rpc/areas/users';
import type { Contract } from '../../../shared/rpc/contract';
import type { Role } from '../../../shared/roles';
import { requireDb, requireSession } from '../db/require';
import type { Tx, UsersTable } from '../db/schema';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { changeKeysOnHub, keysStillHeld, openVault, rekey, saveVault } from '../session/keys';
import { newUserId } from '../session/unlock';
import { syncHub } from '../hub/sync';
import { generateTemporaryPassword, temporaryUntil } from '../vault/temporary-password';
import { KEY_NAMES } from '../vault/keyfile';
import { holdsKey } from '../vault/vault';

type UserRow = Omit<UsersTable, 'version'> & { version: number };

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

async function getUser(db: Tx, id: string): Promise<UserRow> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

/** The `users.*` area: staff accounts, for coordinators. */
export function registerUsersApp(registry: Registry<Contract>, services: CoreServices): void {
  const { state } = services;
  const allKeys = () => {
    const keys = state.allKeys();
    if (!keys) throw new DomainError('LOCKED');
    return keys;
  };
  /** A new temporary password for an account: seven words, valid for a week. */
  const issueTemporary = () => {
    const password = generateTemporaryPassword();
    return { password, until: temporaryUntil(services.now()) };
  };
  const answer = (row: UserRow, temporary: { password: string; until: Date }) => ({
    ...toUser(row),
    temporaryPassword: temporary.password,
    temporaryUntil: temporary.until.toISOString(),
  });

  /** An account the hub never got a key slot for goes again (a retry by hand then finds its name free). */
  const dropAccount = (id: string) =>
    state.db!.transaction().execute(async (trx) => {
      await trx.deleteFrom('key_holders').where('user_id', '=', id).execute();
      await trx.deleteFrom('users').where('id', '=', id).execute();
    });

  registry.register('users', {
    'users.list': async (input, ctx) => {
      let query = requireDb(ctx).selectFrom('users').selectAll().orderBy('display_name');
      if (!input?.includeInactive) query = query.where('active', '=', 1);
      return { items: (await query.execute()).map(toUser) };
    },

    'users.me': async (_input, ctx) => toUser(await getUser(requireDb(ctx), requireSession(ctx).userId)),

    'users.create': async (input, ctx) => {
      const id = newUserId();
      const now = services.now().toISOString();
      const temporary = issueTemporary();
      const insert = async (trx: Tx) => {
        // The username is a unique key: a name taken meanwhile, even by another PC, inserts nothing.
        const inserted = await trx
          .insertInto('users')
          .values({
            id,
            username: input.username,
            display_name: input.displayName,
            role: input.role,
            active: 1,
            must_change_password: 1,
            created_at: now,
            updated_at: now,
            last_login_at: null,
          })
          .onConflict((oc) => oc.column('username').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) {
          throw new DomainError('CONFLICT', 'errors:VALIDATION', { issues: [{ path: ['username'], message: 'validation:username_taken' }] });
        }
      };
      // On the hub, another PC may change the key file between this PC's read and write (a login's deferred key
      // change): the slot is then added to the hub's newer copy — the account exists already — instead of leaving
      // an account without its slot (a retry by hand would find the name taken).
      let inserted = false;
      for (let attempt = 1; ; attempt += 1) {
        try {
          // (On the hub it first takes keys another PC replaced since this login, see openVault.)
          const vault = await openVault(services);
          await vault.setUser({ userId: id, username: input.username, role: input.role, secret: temporary.password, temporaryUntil: temporary.until }, allKeys());
          // The account and its identity's record commit together, before the key file is written.
          await saveVault(services, vault, inserted ? undefined : insert);
          inserted = true;
          await syncHub(services, [{ userId: id, username: input.username, password: temporary.password, until: temporary.until }]);
          break;
        } catch (error) {
          const message = error instanceof DomainError ? error.messageKey : null;
          if (message === 'errors:hub_keys_changed' && attempt < 3) continue;
          // Made here but never in the hub's key file: the account goes again, so that a retry finds its name free.
          if (inserted && (message === 'errors:hub_keys_changed' || message === 'errors:keys_replaced_elsewhere')) {
            await dropAccount(id).catch(() => services.log.error('account_drop_failed'));
          }
          throw error;
        }
      }
      ctx.audit('user', id);
      return answer(await getUser(state.db!, id), temporary);
    },

    'users.update': async (input, ctx) => {
      const session = requireSession(ctx);
      const db = state.db!;
      const user = await getUser(db, input.id);
      const roleChanges = input.role !== undefined && input.role !== user.role;
      // Nobody changes their own role or deactivates themselves: so the last coordinator always remains.
      if (roleChanges && user.id === session.userId) throw new DomainError('CONFLICT', 'errors:own_role');
      // A password opens what its role holds: a new role comes with a new key pair and a temporary
      // password. When the old role held a key the new one does not (admin, casework), the keys are
      // replaced, so an old copy of the key file opens nothing the role no longer may. The keys change
      // first: if that fails, the account keeps its old role and a retry does it all again.
      const temporary = roleChanges && user.active === 1 ? issueTemporary() : null;
      if (temporary) {
        const spec = { userId: user.id, username: user.username, role: input.role!, secret: temporary.password, temporaryUntil: temporary.until };
        const loses = KEY_NAMES.some((k) => holdsKey({ kind: 'user', role: user.role as Role }, k) && !holdsKey({ kind: 'user', role: input.role! }, k));
        // On the hub the slot and the login's new password together (never one without the other); its group
        // follows the account's new role below.
        await changeKeysOnHub(
          services,
          async () => {
            if (loses || input.role === 'coordinator') await rekey(services, (vault, keys) => vault.setUser(spec, keys));
            else {
              const vault = await openVault(services);
              await vault.setUser(spec, allKeys());
              await saveVault(services, vault);
            }
          },
          [{ userId: user.id, username: user.username, password: temporary.password, until: temporary.until }],
        );
      }
      await state.db!
        .updateTable('users')
        .set({
          ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
          ...(roleChanges ? { role: input.role, must_change_password: 1 } : {}),
          updated_at: services.now().toISOString(),
          version: user.version + 1,
        })
        .where('id', '=', user.id)
        .execute();
      // On the hub the login role follows: its group is the new role, its password the temporary one.
      if (roleChanges) await syncHub(services, [{ userId: user.id, username: user.username, password: temporary?.password ?? null, until: temporary?.until }]);
      ctx.audit('user', user.id);
      if (state.session?.userId === user.id && input.displayName !== undefined) state.session = { ...state.session, displayName: input.displayName };
      const row = await getUser(state.db!, user.id);
      return temporary ? answer(row, temporary) : toUser(row);
    },

    /** A new temporary password; the keys are replaced, so the old password opens nothing, not even an old copy. */
    'users.resetPassword': async (input, ctx) => {
      // One's own password is changed with the current one (or the recovery key), never handed out to oneself.
      if (input.id === requireSession(ctx).userId) throw new DomainError('CONFLICT', 'errors:own_password_reset');
      const user = await getUser(state.db!, input.id);
      if (user.active !== 1) throw new DomainError('CONFLICT', 'errors:user_inactive');
      // Refused before anything is written when this session could not change the key file (session/keys.ts).
      await keysStillHeld(services);
      const temporary = issueTemporary();
      await state.db!.updateTable('users').set({ must_change_password: 1, updated_at: services.now().toISOString() }).where('id', '=', user.id).execute();
      await changeKeysOnHub(
        services,
        () => rekey(services, (vault, keys) => vault.setUser({ userId: user.id, username: user.username, role: user.role as Role, secret: temporary.password, temporaryUntil: temporary.until }, keys)),
        [{ userId: user.id, username: user.username, password: temporary.password, until: temporary.until }],
      );
      ctx.audit('user', user.id);
      return answer(await getUser(state.db!, user.id), temporary);
    },

    /** The account can no longer log in, and its password opens nothing: its identity goes and the keys are replaced. */
    'users.deactivate': async (input, ctx) => {
      const session = requireSession(ctx);
      if (input.id === session.userId) throw new DomainError('CONFLICT', 'errors:cannot_deactivate_self');
      const user = await getUser(state.db!, input.id);
      // Refused before anything is written when this session could not change the key file (session/keys.ts).
      await keysStillHeld(services);
      // The account first: should the key change fail after it, the account is inactive (on the hub its login
      // ends with this write) and its slot goes at the next coordinator's login (scheduleKeyHousekeeping).
      await state.db!.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ active: 0, updated_at: services.now().toISOString() }).where('id', '=', user.id).execute();
        await trx.deleteFrom('drafts').where('user_id', '=', user.id).execute();
        // Unsaved case-note text of someone who left has no reader any more.
        if (state.caseworkReady) await trx.deleteFrom('casework.drafts').where('user_id', '=', user.id).execute();
      });
      // On the hub the account's database login ends too (and its open connections).
      await changeKeysOnHub(services, () => rekey(services, async (vault) => vault.remove((i) => i.kind === 'user' && i.userId === user.id)), [
        { userId: user.id, username: user.username, password: null },
      ]);
      ctx.audit('user', user.id);
      return toUser(await getUser(state.db!, user.id));
    },
  });
}
