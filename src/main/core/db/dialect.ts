/**
 * What the core needs from a database, whichever it is: the encrypted SQLite
 * file of a single PC, or the office hub's PostgreSQL (DESIGN.md, "Office
 * scale"). Domain code sees only Kysely (`Db`) and these small interfaces;
 * each dialect's own SQL lives in db/sqlite/ or db/postgres/.
 */
import type { Kysely } from 'kysely';
import type { AuditWriter } from '../audit/chain';
import type { NoteSearchIndex } from '../casework/search-index';
import type { FamilySearchIndex } from '../families/search-index';
import type { ReadTask } from '../reports/tasks';
import type { HubAccess } from './hub-types';
import type { Db, NotesTable } from './schema';

export interface PostgresConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** TLS settings for node-postgres (the office hub verifies against its own CA). */
  ssl?: { ca: string; servername?: string } | false;
}

/**
 * Where the core's data lives: the PC's own file (default) or a PostgreSQL
 * server. `hub`: the office hub, where each staff member logs in as a
 * database role of their own (the connection's user and password are unused).
 */
export type DatabaseConfig = { dialect: 'sqlite' } | { dialect: 'postgres'; connection: PostgresConnection; hub?: boolean };

/**
 * The rows the reach report counts per family (reports/parts.ts), for 0016's
 * triggers: per table the column naming the family and the columns the
 * report reads (an update of other columns changes no figure).
 */
export const REPORT_FAMILY_TABLES: Readonly<Record<string, { family: string; counted: readonly string[] }>> = {
  families: { family: 'id', counted: ['created_at', 'district_id', 'languages', 'migration_background', 'immigration_history'] },
  members: { family: 'family_id', counted: ['id', 'birth_year', 'gender', 'migration_background', 'immigration_history', 'moved_out_at'] },
  contacts: { family: 'family_id', counted: ['occurred_at', 'type', 'field_of_action', 'topics'] },
  checkins: { family: 'family_id', counted: ['person_id', 'event_id'] },
  referrals: { family: 'family_id', counted: ['member_ids', 'kind', 'language', 'reason', 'status', 'appointment_at'] },
};
/** An event's columns that change how each of its check-ins counts. */
export const REPORT_EVENT_COLUMNS: readonly string[] = ['date', 'status', 'type', 'field_of_action'];
/** A bucket: the first characters of a family's id (random UUIDs: 16³ buckets of about equal size). */
export const REPORT_BUCKET_CHARS = 3;

/** Objects a numbered migration creates that only one dialect can express. */
export interface DialectMigrations {
  /** 0002: the family search index (FTS5 tables / trigram indexes). */
  familySearch(db: Kysely<unknown>): Promise<void>;
  /** 0015: an index for the family search's sound-alike keys as whole words (PostgreSQL; FTS5 has them already). */
  familySearchKeys(db: Kysely<unknown>): Promise<void>;
  /** 0003: brings a data folder of the first development versions to the current schema (SQLite only). */
  upgradeEarlySchema(db: Kysely<unknown>): Promise<void>;
  /** Before the case-work track: the schema `casework` (PostgreSQL); on SQLite it is the attached file. */
  caseworkSchema(db: Kysely<unknown>): Promise<void>;
  /** An index on a case-work table (SQLite wants the schema on the index name, not on the table). */
  caseworkIndex(db: Kysely<unknown>, name: string, table: string, columns: string[], unique?: boolean): Promise<void>;
  /** Case-work 0001: the note search index over the plain-text copy (FTS5 / trigram). */
  noteSearch(db: Kysely<unknown>): Promise<void>;
  /** Case-work 0002: PostgreSQL's word table for note search in place of 0001's trigrams (SQLite keeps FTS5: nothing to do). */
  noteSearchWords(db: Kysely<unknown>): Promise<void>;
  /** 0016: triggers that raise a report bucket's version with every change to its families' report rows. */
  reportBuckets(db: Kysely<unknown>): Promise<void>;
}

/** An open database for one session. Locking closes it. */
export interface Store {
  readonly db: Db;
  /** Idle maintenance no call should wait for (SQLite: fold the WAL into the file); false: not done, try again. */
  maintain(): boolean | void;
  /** Folds every WAL into its file and empties it (SQLite): after a deletion, no old page stays in a WAL. */
  flush?(): void;
  /** A flush could not empty the WAL yet (a reader held it): idle maintenance tries again. */
  readonly flushPending?: boolean;
  close(): Promise<void>;
  /**
   * A consistent copy of the live database, encrypted under `key` (file-based
   * dialects only): backups under a key of their own, rekeying by swapping a
   * copy in. Made by a reader of its own (a worker thread), which sees the
   * WAL's committed pages too: writes may go on meanwhile and are not in the copy.
   */
  copyTo?(target: string, key: Buffer): Promise<void>;
  /**
   * Runs a long read (a report, an export's data) on a read-only connection
   * of its own in a worker thread (SQLite), off the core's connection and
   * write queue. Absent where the database serves many connections anyway
   * (PostgreSQL): the task then runs on `db`.
   */
  read?<T>(task: ReadTask, input: unknown): Promise<T>;
  /** Reads every page of the file and checks its structure (SQLite quick_check), beside the live work. */
  checkPages?(): Promise<boolean>;
  /** Damage was found while open: the next open checks every page before anyone works on the file. */
  markSuspect?(): void;
  /** This open read every page already (after an unclean shutdown): no second check needed. */
  checkedOnOpen?: boolean;
  /**
   * Opens the case-work tables under the schema `casework`: on SQLite the
   * case-work file of this key generation, attached with its own key (throws
   * StoreOpenError); on PostgreSQL a schema of the same database. Only a
   * session holding the casework key calls it.
   */
  attachCasework(key: Buffer, generation: number, options: { create: boolean }): Promise<void>;
  /** The office hub: tells the other PCs which kinds of records a committed write changed. */
  announce?(entities: readonly string[]): void;
  /** The office hub: hears what other PCs changed (`*` after a lost connection came back). */
  subscribe?(listener: (entities: string[]) => void): void;
  /** The office hub: told when the hub stops or starts answering. */
  onLink?(listener: (online: boolean) => void): void;
  /** The office hub: told when the hub refuses this session's login (deactivated, password changed elsewhere). */
  onRevoked?(listener: () => void): void;
  /** The office hub stopped answering: connections waiting on it end now, so every call answers at once. */
  interrupt?(): void;
  /** attachCasework has run on this store. */
  readonly caseworkAttached: boolean;
  /**
   * A consistent copy of the attached case-work file under `key` (file-based
   * dialects): the case-work file of the next key generation at a rekey, the
   * case-work part of a backup.
   */
  copyCaseworkTo?(target: string, key: Buffer): Promise<void>;
}

export interface CopyCheck {
  integrityOk: boolean;
  migrations: string[];
}

/** Checking and reading encrypted database copies (backups) without opening them as live. */
export interface DatabaseFiles {
  /** Opens a copy read-only with the key and runs the full integrity check; throws StoreOpenError. */
  check(file: string, key: Buffer): CopyCheck;
  /** Reads from a copy without restoring it (e.g. who may restore it). */
  read<T>(file: string, key: Buffer, read: (db: Db) => Promise<T>): Promise<T>;
  /** Re-encrypts a file nothing has open (a copy) from one key to another. */
  rekey(file: string, from: Buffer, to: Buffer): void;
  /** Writes into a copy nothing else has open (before it is swapped in), in one transaction. */
  write(file: string, key: Buffer, write: (db: Db) => Promise<void>): Promise<void>;
  /** The case-work file of one key generation copied to the next under its new key (a restore, nothing open). */
  copyCasework(from: { generation: number; key: Buffer }, to: { generation: number; key: Buffer }): Promise<void>;
  /** Removes case-work files of other generations (left by a finished or an interrupted key change). */
  sweepCasework(keep: number): void;
  /** The case-work file of a key generation. */
  caseworkFile(generation: number): string;
  /** Keeps a case-work file (and its WAL) aside under a name no sweep removes (what a restore replaces unbacked). */
  keepCaseworkAside(generation: number): void;
}

export interface StoreOpenOptions {
  /** Setup creates the database; unlock requires it to exist. */
  create: boolean;
  /** Run the cheap structural check after opening (SQLite: quick_check). */
  check: boolean;
  /** On the office hub: the staff member's own database login (asked at each new connection: a password change takes effect). */
  login?: (() => { user: string; password: string } | null) | null;
}

/**
 * Tables made from the rows, never carried where an office goes
 * (`Dialect.tableNames` leaves them out): the search index (each dialect's
 * kind, rebuilt) and the report's stored parts (counted again).
 */
export const DERIVED_TABLE = /^(casework\.)?(family_search|note_search)(_|$)|^report_parts$/;

export interface Dialect {
  readonly migrations: DialectMigrations;
  readonly familySearch: FamilySearchIndex;
  readonly noteSearch: NoteSearchIndex;
  /**
   * Writes audit links in fewer round trips than the portable writer
   * (PostgreSQL). A read's entry ("lazy") may then commit without waiting for
   * the disk: on the hub a crash of the server can lose the last fraction of a
   * second of such entries — as a power cut can on a PC, whose commits never
   * wait for the disk (SQLite synchronous NORMAL, safe from a crash of the app).
   */
  readonly auditWriter?: AuditWriter;
  /** Present where backups are file copies (SQLite); the hub backs up with pg_dump. */
  readonly files: DatabaseFiles | null;
  /** Opens the database; the key decrypts it where the dialect encrypts (SQLite). */
  open(key: Buffer, options: StoreOpenOptions): Promise<Store>;
  /** Whether an error means the storage is full or cannot be written (else null). */
  storageFailure(error: unknown): StorageFailure | null;
  /**
   * The office's tables as `table` or `casework.table`, without the dialect's
   * own search index (rebuilt from the rows): what moving an office to another
   * database must carry.
   */
  tableNames(db: Db): Promise<string[]>;
  /** Ends background helpers (the file worker) when the core closes. */
  close?(): Promise<void>;
  /** Present on a PC joined to the office hub. */
  readonly hub?: HubAccess;
  /** The office hub: whether an error means the hub did not answer (the network, a stopped server). */
  unreachable?(error: unknown): boolean;
  /** Whether a transaction was rolled back only for meeting another at the same moment (deadlock, serialization): worth running again. */
  transient?(error: unknown): boolean;
  /** Present where the database itself hides others' confidential notes (the hub's row-level security). */
  readonly hiddenNotes?: HiddenNotes;
}

/** What a session may know of a note the database hides from it: that it exists, who wrote it and when. */
export interface HiddenNoteHeader {
  id: string;
  family_id: string;
  author_id: string;
  occurred_on: string;
  deleted_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/**
 * On the hub, row-level security keeps others' confidential notes from a
 * session altogether; lists still show that they exist (as on a single PC),
 * and break-glass is the database's own function, which records the reading.
 */
export interface HiddenNotes {
  /** Headers of the hidden notes of a family, or the one note `noteId`. */
  headers(db: Db, filter: { familyId: string } | { noteId: string }): Promise<HiddenNoteHeader[]>;
  /** Records the reading (note_access, with the hub's own time) and returns the note; undefined when there is no such note. */
  breakGlass(db: Db, noteId: string, reason: string): Promise<NotesTable | undefined>;
}

export type StorageFailure = 'full' | 'readonly';

/** The same for the files the core writes itself (key file, backups, drafts of the log). */
export function fileStorageFailure(error: unknown): StorageFailure | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  // Not EPERM: on Windows a file held by a virus scanner says so too, and "call IT" would mislead.
  if (code === 'EROFS' || code === 'EACCES') return 'readonly';
  return null;
}

/** A full or read-only store as the database or the file system reports it. */
export function storageFailureOf(dialect: Pick<Dialect, 'storageFailure'>, error: unknown): StorageFailure | null {
  return dialect.storageFailure(error) ?? fileStorageFailure(error);
}

/**
 * Opening failed: a wrong key or foreign file, a damaged file, an I/O or
 * connection problem, or a database server set up in a way the core cannot
 * rely on (no TLS to another host, a sort order other than "C").
 */
export class StoreOpenError extends Error {
  constructor(
    readonly kind: 'wrong_key_or_foreign' | 'damaged' | 'io' | 'unsupported',
    readonly code?: string,
  ) {
    super(kind);
    this.name = 'StoreOpenError';
  }
}
