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
  /** Destatis's Einwanderungsgeschichte (0014): the person or both parents immigrated since 1950. */
  immigration_history: Generated<string>;
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
  /** The person's own answers (0014); null: the family's. */
  migration_background: string | null;
  immigration_history: string | null;
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

/** Which staff member works with a family (main database: reception sees "open case, caseworker X", never content). */
export interface CaseAssignmentsTable {
  family_id: string;
  user_id: string;
  /** 1 for the lead caseworker (one per family), 0 for those who help. */
  lead: number;
  since: string;
}

/*
 * Case work lives under the schema `casework`: on a single PC a file of its own
 * with its own key (attached only for caseworkers and coordinators), on the
 * office hub a schema of the same database.
 */

export interface NotesTable {
  id: string;
  family_id: string;
  author_id: string;
  occurred_on: string;
  kind: string;
  field_of_action: number;
  /** JSON array of topic codes. */
  topics: string;
  /** JSON array of participants. */
  participants: string;
  confidential: number;
  /** The editor's JSON document; null once the note was deleted. */
  body: string | null;
  /** The first words of the body's plain text (lists, timeline); null once deleted. */
  excerpt: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
  deleted_by: string | null;
  delete_reason: string | null;
}

/** A superseded version of a note (the current one is the note's row): nothing is silently overwritten. */
export interface NoteVersionsTable {
  note_id: string;
  version: number;
  /** The note's fields and body as they were saved in this version (JSON). */
  content: string;
  edited_by: string;
  edited_at: string;
}

/** A reading of someone else's confidential note through break-glass: its reason stays in the encrypted case-work store. */
export interface NoteAccessTable {
  id: string;
  note_id: string;
  user_id: string;
  at: string;
  reason: string;
  /** When the note's author saw it on their start screen. */
  seen_at: string | null;
}

export interface PlansTable {
  id: string;
  family_id: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

export interface PlanGoalsTable {
  id: string;
  plan_id: string;
  sort: number;
  field_of_action: number;
  description: string;
  start_on: string;
  target_on: string | null;
  status: string;
}

export interface PlanMeasuresTable {
  id: string;
  goal_id: string;
  plan_id: string;
  sort: number;
  description: string;
  owner_kind: string;
  owner_user_id: string | null;
  owner_name: string | null;
  due_on: string | null;
  status: string;
}

export interface PlanReviewsTable {
  id: string;
  plan_id: string;
  held_on: string;
  outcome: string;
  next_review_on: string | null;
  created_by: string;
  created_at: string;
}

/** What changed in a plan, for the family timeline. */
export interface PlanEventsTable {
  id: string;
  plan_id: string;
  family_id: string;
  at: string;
  user_id: string;
  kind: string;
  field_of_action: number | null;
  /** The goal's or measure's description, or the review's outcome (short). */
  summary: string;
}

export interface VolunteersTable {
  id: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  email: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  /** JSON arrays: roles, languages [{code, level}], district ids, availability [{weekday, from, to}], absences [{from, to}]. */
  roles: string;
  languages: string;
  district_ids: string;
  availability: string;
  absences: string;
  confidentiality_on: string | null;
  status: string;
  member_id: string | null;
  notes: string | null;
  /** JSON [{purpose, given, date}]: the volunteer's own consents (0012). */
  consents: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface VolunteerTrainingsTable {
  id: string;
  volunteer_id: string;
  title: string;
  date: string;
  hours: number;
  certificate: number;
  qualification: number;
}

export interface ReferralsTable {
  id: string;
  family_id: string;
  /** JSON array of member ids (empty: the family). */
  member_ids: string;
  kind: string;
  language: string | null;
  reason: string;
  external_service: string | null;
  appointment_at: string;
  place: string;
  duration_min: number;
  /** 1: the appointment is at the family's home (only then does the assignment sheet carry the address). */
  at_home: number;
  helped: number | null;
  follow_up: number | null;
  status: string;
  volunteer_id: string | null;
  hours: number | null;
  feedback: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

export interface MemberEngagementsTable {
  id: string;
  family_id: string;
  member_id: string;
  kind: string;
  started_on: string;
  ended_on: string | null;
  note: string | null;
  created_at: string;
}

export interface EventVolunteersTable {
  event_id: string;
  volunteer_id: string;
  attended: number;
  training_id: string | null;
  created_at: string;
}

export interface OfficeKeysTable {
  purpose: string;
  public_key: string;
  private_key: string;
  created_at: string;
}

export interface ReferralStepsTable {
  id: string;
  referral_id: string;
  from_status: string | null;
  to_status: string;
  at: string;
  by_user: string | null;
  volunteer_id: string | null;
  comment: string | null;
  hours: number | null;
}

export interface EventsTable {
  id: string;
  series_id: string | null;
  title: string;
  /** Who hosts it, as written (0009). */
  hosts: string | null;
  type: string;
  field_of_action: number;
  date: string;
  start_time: string;
  end_time: string;
  place: string;
  capacity: number | null;
  /** JSON array of language codes offered. */
  languages: string;
  interpreter: number;
  description: string | null;
  status: string;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  version: number;
}

export interface RegistrationsTable {
  id: string;
  event_id: string;
  family_id: string;
  member_ids: string;
  persons: number;
  status: string;
  created_at: string;
  created_by: string | null;
  cancelled_at: string | null;
}

export interface CheckinsTable {
  id: string;
  event_id: string;
  person_id: string;
  family_id: string;
  batch: string;
  at: string;
  by_user: string | null;
  walk_in: number;
  checked_out_at: string | null;
}

export interface AnonymousAttendanceTable {
  id: string;
  event_id: string;
  adults: number;
  children: number;
  migration_background: string;
  batch: string;
  at: string;
  by_user: string | null;
}

export interface ExportsTable {
  id: string;
  at: string;
  period_from: string;
  period_to: string;
  by_user: string | null;
  families: number | null;
  records: number;
  checksum: string;
  destination: string;
}

/** A report bucket's version (0016): raised by triggers with every change to its families' report rows. */
export interface ReportBucketsTable {
  bucket: string;
  version: number;
}

/** A bucket's figures for one period and definition, counted at the bucket's version (reports/parts.ts). */
export interface ReportPartsTable {
  period: string;
  definition: string;
  bucket: string;
  version: number;
  valid_until: string | null;
  stored_at: string;
  part: string;
  stored_by: Generated<string>;
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
  case_assignments: CaseAssignmentsTable;
  events: EventsTable;
  registrations: RegistrationsTable;
  checkins: CheckinsTable;
  volunteers: VolunteersTable;
  volunteer_trainings: VolunteerTrainingsTable;
  referrals: ReferralsTable;
  referral_steps: ReferralStepsTable;
  member_engagements: MemberEngagementsTable;
  event_volunteers: EventVolunteersTable;
  office_keys: OfficeKeysTable;
  exports: ExportsTable;
  anonymous_attendance: AnonymousAttendanceTable;
  report_buckets: ReportBucketsTable;
  report_parts: ReportPartsTable;
  'casework.schema_migrations': SchemaMigrationsTable;
  'casework.notes': NotesTable;
  'casework.note_versions': NoteVersionsTable;
  'casework.note_access': NoteAccessTable;
  'casework.drafts': DraftsTable;
  'casework.plans': PlansTable;
  'casework.plan_goals': PlanGoalsTable;
  'casework.plan_measures': PlanMeasuresTable;
  'casework.plan_reviews': PlanReviewsTable;
  'casework.plan_events': PlanEventsTable;
}

export type Db = Kysely<DB>;
export type Tx = Transaction<DB> | Kysely<DB>;
