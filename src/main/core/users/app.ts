import { DomainError } from '../../../shared/errors';
import { passwordDiffersFromUsername } from '../../../shared/passwords';
import type { User } from '../../../shared/rpc/areas/users';
import type { Contract } from '../../../shared/rpc/contract';
import type { Role } from '../../../shared/roles';
import { requireDb, requireSession } from '../db/require';
import type { Tx, UsersTable } from '../db/schema';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { newUserId } from '../session/unlock';

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

/** At least one active coordinator must always remain, or nobody could administer the office. */
async function assertAnotherCoordinator(db: Tx, exceptId: string): Promise<void> {
  const other = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'coordinator')
    .where('active', '=', 1)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  if (!other) throw new DomainError('CONFLICT', 'errors:last_coordinator');
}

/** The `users.*` area: staff accounts, for coordinators. */
export function registerUsersApp(registry: Registry<Contract>, services: CoreServices): void {
  const { state } = services;
  const masterKey = () => {
    if (!state.masterKey) throw new DomainError('LOCKED');
    return state.masterKey;
  };

  registry.register('users', {
    'users.list': async (input, ctx) => {
      let query = requireDb(ctx).selectFrom('users').selectAll().orderBy('display_name');
      if (!input?.includeInactive) query = query.where('active', '=', 1);
      return { items: (await query.execute()).map(toUser) };
    },

    'users.me': async (_input, ctx) => toUser(await getUser(requireDb(ctx), requireSession(ctx).userId)),

    'users.create': async (input, ctx) => {
      const db = requireDb(ctx);
      const id = newUserId();
      const now = services.now().toISOString();
      // The username is a unique key: a name taken meanwhile, even by another PC, inserts nothing.
      const inserted = await db
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
      const vault = state.loadVault();
      await vault.setUserSlot(id, input.username, input.temporaryPassword, masterKey());
      vault.save();
      ctx.audit('user', id);
      return toUser(await getUser(db, id));
    },

    'users.update': async (input, ctx) => {
      const db = requireDb(ctx);
      const user = await getUser(db, input.id);
      if (input.role && input.role !== 'coordinator' && user.role === 'coordinator' && user.active === 1) {
        await assertAnotherCoordinator(db, user.id);
      }
      await db
        .updateTable('users')
        .set({
          ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
          ...(input.role !== undefined ? { role: input.role } : {}),
          updated_at: services.now().toISOString(),
          version: user.version + 1,
        })
        .where('id', '=', user.id)
        .execute();
      ctx.audit('user', user.id);
      if (state.session?.userId === user.id) {
        state.session = { ...state.session, displayName: input.displayName ?? state.session.displayName, role: (input.role ?? state.session.role) as Role };
      }
      return toUser(await getUser(db, user.id));
    },

    'users.resetPassword': async (input, ctx) => {
      const db = requireDb(ctx);
      const user = await getUser(db, input.id);
      if (user.active !== 1) throw new DomainError('CONFLICT', 'errors:user_inactive');
      if (!passwordDiffersFromUsername(input.temporaryPassword, user.username)) {
        throw new DomainError('VALIDATION', 'errors:VALIDATION', {
          issues: [{ path: ['temporaryPassword'], message: 'validation:password_contains_username' }],
        });
      }
      const vault = state.loadVault();
      await vault.setUserSlot(user.id, user.username, input.temporaryPassword, masterKey());
      vault.save();
      await db.updateTable('users').set({ must_change_password: 1, updated_at: services.now().toISOString() }).where('id', '=', user.id).execute();
      ctx.audit('user', user.id);
      return toUser(await getUser(db, user.id));
    },

    'users.deactivate': async (input, ctx) => {
      const db = requireDb(ctx);
      const session = requireSession(ctx);
      if (input.id === session.userId) throw new DomainError('CONFLICT', 'errors:cannot_deactivate_self');
      const user = await getUser(db, input.id);
      if (user.role === 'coordinator') await assertAnotherCoordinator(db, user.id);
      await db.updateTable('users').set({ active: 0, updated_at: services.now().toISOString() }).where('id', '=', user.id).execute();
      await db.deleteFrom('drafts').where('user_id', '=', user.id).execute();
      // Without its slot the account can no longer unwrap the database key.
      const vault = state.loadVault();
      vault.removeUserSlot(user.id);
      vault.save();
      ctx.audit('user', user.id);
      return toUser(await getUser(db, user.id));
    },
  });
}
