import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import { appendAudit } from '../audit/chain';
import { BackupError } from '../backup/service';
import { appliedMigrations, migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { StoreOpenError } from '../db/dialect';
import type { UsersTable } from '../db/schema';
import type { CoreServices } from '../services';
import { readSettings } from '../settings/store';

export const KNOWN_MIGRATIONS = MIGRATIONS.map(([name]) => name);

/** What a user is told when the database does not open. */
export function openError(services: CoreServices, error: unknown): unknown {
  if (!(error instanceof StoreOpenError)) return error;
  if (error.kind === 'unsupported') return new DomainError('INTERNAL', error.code === 'collation' ? 'errors:db_collation' : 'errors:db_tls_required');
  if (error.kind === 'io') return new DomainError('INTERNAL', 'errors:db_unavailable');
  return damagedError(services);
}

/** A damaged or foreign database file: the message offers the newest backup when there is one. */
export function damagedError(services: CoreServices): DomainError {
  const restorable = services.backups.list().length > 0;
  return new DomainError('INTERNAL', 'errors:db_damaged', { restorable });
}

/**
 * Opens the live database with the unwrapped master key, checks it, and
 * applies pending migrations (each after a backup). Anything wrong closes
 * it again and ends in a clear error; nothing is overwritten.
 */
export async function openLive(services: CoreServices, key: Buffer): Promise<void> {
  const { state } = services;
  try {
    await state.open(key, false);
  } catch (error) {
    throw openError(services, error);
  }
  try {
    // An empty database is not this office's: never build a fresh one on unlock.
    if ((await appliedMigrations(state.db!)).length === 0) throw new DomainError('CONFLICT', 'errors:db_empty');
    await migrate(state.db!, {
      dialect: state.dialect.migrations,
      beforeMigration: async () => {
        if (!services.backups.available) return;
        const settings = await readSettings(state.db!);
        services.backups.create(state.store!, 'migration', settings.backupKeep);
      },
    });
    state.settings = await readSettings(state.db!);
  } catch (error) {
    state.close();
    if (error instanceof BackupError) throw new DomainError('INTERNAL', 'errors:backup_failed');
    throw error;
  }
}

export function sessionFromRow(row: Pick<UsersTable, 'id' | 'username' | 'display_name' | 'role' | 'must_change_password'>) {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    mustChangePassword: row.must_change_password === 1,
  };
}

/** Makes the user the session's owner: audit entry, last login, daily backup. */
export async function beginSession(services: CoreServices, userId: string, method: string): Promise<void> {
  const { state } = services;
  const db = state.db!;
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).where('active', '=', 1).executeTakeFirst();
  if (!row) {
    state.close();
    throw new DomainError('AUTH_FAILED');
  }
  const now = services.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ last_login_at: now }).where('id', '=', userId).execute();
    await appendAudit(trx, { method, userId, entityType: 'user', entityId: userId, outcome: 'ok' }, services.now());
  });
  state.session = sessionFromRow(row);
  state.lastActivity = Date.now();
  services.emit('unlocked');
  services.defer(() => dailyBackup(services));
}

/** The first unlock of a (local) day makes a backup. */
export function dailyBackup(services: CoreServices): void {
  const { state, backups } = services;
  if (!state.store || !state.settings || !backups.available) return;
  const today = services.now().toDateString();
  if (backups.list().some((b) => new Date(b.createdAt).toDateString() === today)) return;
  try {
    backups.create(state.store, 'daily', state.settings.backupKeep);
    services.emit('backup-created');
  } catch {
    services.log.error('daily_backup_failed');
  }
}

export function newUserId(): string {
  return randomUUID();
}
