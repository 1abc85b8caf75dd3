import type { Generated, Kysely, Transaction } from 'kysely';

/**
 * Every table's row type, in one place. Domain code sees only these types and
 * Kysely's query builder, never the SQLite driver, so the same code can later
 * run against the office's PostgreSQL hub (DESIGN.md, "Office scale").
 */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  active: number;
  must_change_password: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  version: Generated<number>;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: string | null;
  method: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: string;
  prev_hash: string;
  hash: string;
}

export interface DraftsTable {
  user_id: string;
  form_key: string;
  data: string;
  updated_at: string;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: string;
}

export interface DB {
  users: UsersTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  drafts: DraftsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Db = Kysely<DB>;
export type Tx = Transaction<DB> | Kysely<DB>;
