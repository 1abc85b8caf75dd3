import type { Generated, Kysely, Transaction } from 'kysely';

/**
 * Every table's row type, in one place. Domain code sees only these types and
 * Kysely's query builder, never the SQLite driver, so the same code can later
 * runs against the office's PostgreSQL hub (DESIGN.md, "Office scale").
 * No column here belongs to one dialect only.
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
  /** Sequence number from the chain head. */
  id: number;
  at: string;
  user_id: string | null;
  method: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: string;
  prev_hash: string;
  hash: string;
}

/** One row (id 1): the newest entry's number and hash, locked while appending. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** The key file's identities as the core last wrote them (migration 0004). */
export interface KeyHoldersTable {
  identity_id: string;
  kind: string;
  user_id: string | null;
  role: string | null;
  recipient: string;
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

export interface DistrictsTable {
  id: string;
  name: string;
  active: number;
  sort: number;
}

export interface FamiliesTable {
  id: string;
  code: string;
  display_name: string;
  name_fold: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  district_id: string | null;
  phone: string | null;
  phone_key: string | null;
  email: string | null;
  /** JSON array of ISO 639 codes. */
  languages: string;
  preferred_language: string | null;
  interpreter_needed: number;
  interpreter_language: string | null;
  access_route: string;
  migration_background: string;
  status: string;
  /** Why a family was closed (moved away, no longer wished, …). */
  status_reason: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  /** The newest contact's time, kept here for the family list (migration 0005). */
  last_contact_at: string | null;
  version: Generated<number>;
}

export interface MembersTable {
  id: string;
  family_id: string;
  first_name: string;
  last_name: string;
  birth_year: number;
  birth_date: string | null;
  role: string;
  gender: string | null;
  school: string | null;
  sort: number;
  last_koeln: string;
  last_skeleton: string;
  /** The date the member left the household; kept for history and past statistics. */
  moved_out_at: string | null;
  /** Raised by every correction: a save from an older version is refused. */
  version: Generated<number>;
}

export interface ConsentsTable {
  id: string;
  family_id: string;
  purpose: string;
  given: number;
  date: string;
  form_version: string;
  form_language: string;
  recorded_by: string | null;
  recorded_at: string;
  withdrawn_at: string | null;
}

export interface ContactsTable {
  id: string;
  family_id: string;
  type: string;
  occurred_at: string;
  duration_min: number | null;
  /** JSON array of topic codes. */
  topics: string;
  field_of_action: number;
  note: string | null;
  staff_id: string | null;
  created_at: string;
}

export interface DB {
  users: UsersTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  drafts: DraftsTable;
  key_holders: KeyHoldersTable;
  schema_migrations: SchemaMigrationsTable;
  districts: DistrictsTable;
  families: FamiliesTable;
  members: MembersTable;
  consents: ConsentsTable;
  contacts: ContactsTable;
}

export type Db = Kysely<DB>;
export type Tx = Transaction<DB> | Kysely<DB>;
