/**
 * Rights the hub's database enforces itself, so that a PC — even one running
 * a modified client — reads and writes no more than its user's role may
 * (DESIGN.md, "Office scale"). Each staff account logs in as a role of its
 * own (`m3u_<username>`) that is a member of one group role per app role;
 * grants per table and column follow the contract's rights, row-level
 * security keeps confidential notes to their author, and break-glass goes
 * through a SECURITY DEFINER function that records the reading.
 *
 * Run by the hub (as the owner) after every migration: idempotent, and new
 * tables get their grants.
 */
import type pg from 'pg';
import type { Role } from '../../../../shared/roles';
import { RECOVERY_LOGIN } from '../hub-types';

export const GROUP_OF: Record<Role, string> = {
  coordinator: 'm3_coordinator',
  caseworker: 'm3_caseworker',
  reception: 'm3_reception',
  host: 'm3_host',
};
export const STAFF_GROUP = 'm3_staff';
export const ENROL_ROLE = 'm3_enrol';
const CASEWORK_GROUPS = [GROUP_OF.coordinator, GROUP_OF.caseworker];

/** Settings rows only coordinators read (the export's pseudonym secret). */
const COORDINATOR_SETTINGS = ['pseudonymKey'];
/** Settings rows anyone's session writes (a password change marks keys for replacement; notices seen). */
const STAFF_SETTING_PATTERNS = ['keys.rekey_due', 'keys.casework_rekey_due'];

/** A SCRAM-SHA-256 secret as the PCs make it (login.ts), as a PostgreSQL regular expression literal. */
const SCRAM_VERIFIER = "'^SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$'";

const ROLE_SETUP = `
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['${STAFF_GROUP}', '${Object.values(GROUP_OF).join("', '")}'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN EXECUTE format('CREATE ROLE %I NOLOGIN', r); END IF;
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ENROL_ROLE}') THEN
    CREATE ROLE ${ENROL_ROLE} LOGIN NOINHERIT CONNECTION LIMIT 3 PASSWORD NULL;
  END IF;
  -- The recovery key's login: its password is sealed to the recovery key (m3hub.recovery_login).
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${RECOVERY_LOGIN}') THEN
    CREATE ROLE ${RECOVERY_LOGIN} LOGIN PASSWORD NULL;
  END IF;
END $$;
ALTER ROLE ${RECOVERY_LOGIN} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT 5;
${Object.values(GROUP_OF)
  .map((g) => `GRANT ${STAFF_GROUP} TO ${g};`)
  .join('\n')}
GRANT ${GROUP_OF.coordinator} TO ${RECOVERY_LOGIN};
`;

/** The hub's own tables and functions (schema m3hub), owned by the hub's owner. */
const HUB_SCHEMA = `
CREATE SCHEMA IF NOT EXISTS m3hub;
REVOKE ALL ON SCHEMA m3hub FROM PUBLIC;
CREATE TABLE IF NOT EXISTS m3hub.keyfile (
  id integer PRIMARY KEY CHECK (id = 1),
  data bytea NOT NULL,
  version integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Every key file the hub held: a damaged or hostile write can be undone by IT.
CREATE TABLE IF NOT EXISTS m3hub.keyfile_history (
  version integer PRIMARY KEY,
  data bytea NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now(),
  replaced_by name NOT NULL DEFAULT session_user
);
CREATE TABLE IF NOT EXISTS m3hub.enrolments (
  at timestamptz NOT NULL DEFAULT now(),
  client inet
);

-- The app account of the role this connection logged in as (m3u_<username>).
CREATE OR REPLACE FUNCTION m3hub.app_user_id() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
  SELECT id FROM public.users WHERE 'm3u_' || username = session_user AND active = 1
$f$;

-- The recovery key's login acts for the office as a coordinator does (it resets a forgotten password).
CREATE OR REPLACE FUNCTION m3hub.is_recovery() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $f$
  SELECT session_user = '${RECOVERY_LOGIN}'
$f$;

CREATE OR REPLACE FUNCTION m3hub.is_coordinator() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
  SELECT m3hub.is_recovery() OR EXISTS (SELECT 1 FROM public.users WHERE 'm3u_' || username = session_user AND active = 1 AND role = 'coordinator')
$f$;

-- The recovery login's password, sealed (age) to the office's recovery key: PCs keep a copy, which
-- opens only with the printed key. Readable before any login (by the enrolment) and by all staff.
CREATE TABLE IF NOT EXISTS m3hub.recovery_login (
  id integer PRIMARY KEY CHECK (id = 1),
  sealed text NOT NULL,
  -- The recovery key it is sealed to: a PC whose key file names another one seals anew.
  recipient text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Who sealed a new password when, for IT (nobody but the owner reads or changes it).
CREATE TABLE IF NOT EXISTS m3hub.recovery_login_history (
  at timestamptz NOT NULL DEFAULT now(),
  set_by name NOT NULL DEFAULT session_user,
  recipient text NOT NULL
);

-- A new PC with a valid enrolment token gets the office's key file (password-wrapped key slots).
CREATE OR REPLACE FUNCTION m3hub.enrol() RETURNS TABLE (keyfile bytea, version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
  IF session_user <> '${ENROL_ROLE}' THEN RAISE EXCEPTION 'enrolment only' USING ERRCODE = '42501'; END IF;
  INSERT INTO m3hub.enrolments (client) VALUES (inet_client_addr());
  RETURN QUERY SELECT k.data, k.version FROM m3hub.keyfile k WHERE k.id = 1;
END $f$;

-- The key file changes with accounts and passwords: written only over the version it replaces.
CREATE OR REPLACE FUNCTION m3hub.put_keyfile(p_data bytea, p_expected integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE v integer;
BEGIN
  IF m3hub.app_user_id() IS NULL AND NOT m3hub.is_recovery() AND NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user) THEN
    RAISE EXCEPTION 'no account' USING ERRCODE = '42501';
  END IF;
  -- Two PCs writing over the same version at once: the second's history row is already there, and its update
  -- below then finds a newer version and returns NULL (a CONFLICT the PC answers), not a unique violation.
  INSERT INTO m3hub.keyfile_history (version, data) SELECT k.version, k.data FROM m3hub.keyfile k WHERE k.id = 1 AND k.version = p_expected
    ON CONFLICT DO NOTHING;
  INSERT INTO m3hub.keyfile (id, data, version) VALUES (1, p_data, 1)
    ON CONFLICT (id) DO UPDATE SET data = excluded.data, version = m3hub.keyfile.version + 1, updated_at = now()
    WHERE m3hub.keyfile.version = p_expected
    RETURNING m3hub.keyfile.version INTO v;
  RETURN v;
END $f$;

-- An account's login role follows its row: the group of its role, LOGIN only while active (and a
-- deactivated account's connections end). Called by set_login and by a trigger on users, so a role
-- change or a deactivation takes effect in the database in the same transaction as in the app.
CREATE OR REPLACE FUNCTION m3hub.follow_account(p_user_id text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
  u record;
  login text;
  g text;
BEGIN
  SELECT username, role, active INTO u FROM public.users WHERE id = p_user_id;
  IF NOT FOUND THEN RETURN; END IF;
  login := 'm3u_' || u.username;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = login) THEN RETURN; END IF;
  EXECUTE format('ALTER ROLE %I %s', login, CASE WHEN u.active = 1 THEN 'LOGIN' ELSE 'NOLOGIN' END);
  FOREACH g IN ARRAY ARRAY[${Object.values(GROUP_OF)
    .map((g) => `'${g}'`)
    .join(', ')}] LOOP
    IF g = 'm3_' || u.role AND u.active = 1 THEN EXECUTE format('GRANT %I TO %I', g, login);
    ELSE EXECUTE format('REVOKE %I FROM %I', g, login);
    END IF;
  END LOOP;
  IF u.active <> 1 THEN PERFORM pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE usename = login; END IF;
END $f$;

CREATE OR REPLACE FUNCTION m3hub.users_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
  PERFORM m3hub.follow_account(NEW.id);
  RETURN NEW;
END $f$;
DROP TRIGGER IF EXISTS users_follow ON public.users;
CREATE TRIGGER users_follow AFTER UPDATE OF role, active ON public.users FOR EACH ROW EXECUTE FUNCTION m3hub.users_changed();
-- A username never changes: the login role is named after it.
CREATE OR REPLACE FUNCTION m3hub.username_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
  IF NEW.username IS DISTINCT FROM OLD.username THEN RAISE EXCEPTION 'username is fixed' USING ERRCODE = '42501'; END IF;
  RETURN NEW;
END $f$;
DROP TRIGGER IF EXISTS users_username_fixed ON public.users;
CREATE TRIGGER users_username_fixed BEFORE UPDATE OF username ON public.users FOR EACH ROW EXECUTE FUNCTION m3hub.username_fixed();

-- Creates or changes an account's login role: its group follows the account's role, a deactivated
-- account cannot log in. The verifier is a SCRAM secret made on the PC: the hub never sees a password.
-- Coordinators manage every account; everyone else only their own password.
DROP FUNCTION IF EXISTS m3hub.set_login(text, text);
CREATE OR REPLACE FUNCTION m3hub.set_login(p_user_id text, p_verifier text, p_until timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
  u record;
  login text;
BEGIN
  SELECT username, role, active INTO u FROM public.users WHERE id = p_user_id;
  IF NOT FOUND THEN RAISE EXCEPTION 'no such account' USING ERRCODE = '42704'; END IF;
  IF NOT (m3hub.is_coordinator() OR (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user)
          OR (m3hub.app_user_id() = p_user_id AND p_verifier IS NOT NULL)) THEN
    RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
  END IF;
  IF p_verifier IS NOT NULL AND p_verifier !~ ${SCRAM_VERIFIER} THEN
    RAISE EXCEPTION 'not a SCRAM verifier' USING ERRCODE = '22023';
  END IF;
  login := 'm3u_' || u.username;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = login) THEN
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT PASSWORD NULL', login);
  END IF;
  -- A temporary password's login ends with the temporary password; one's own chosen password does not.
  IF p_verifier IS NOT NULL THEN
    EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', login, p_verifier, coalesce(p_until::text, 'infinity'));
  END IF;
  PERFORM m3hub.follow_account(p_user_id);
END $f$;

-- A new recovery key, a new hub, a recovery used, a coordinator gone: the recovery login gets a new
-- password, sealed to the recovery key of the key file at p_version (a PC whose key file is older gets
-- false and changes nothing). Every connection on an earlier password ends.
DROP FUNCTION IF EXISTS m3hub.set_recovery_login(text, text, text);
CREATE OR REPLACE FUNCTION m3hub.set_recovery_login(p_verifier text, p_sealed text, p_recipient text, p_version integer) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
  IF NOT (m3hub.is_coordinator() OR (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user)) THEN
    RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
  END IF;
  IF p_verifier !~ ${SCRAM_VERIFIER} THEN RAISE EXCEPTION 'not a SCRAM verifier' USING ERRCODE = '22023'; END IF;
  IF (SELECT k.version FROM m3hub.keyfile k WHERE k.id = 1 FOR UPDATE) IS DISTINCT FROM p_version THEN RETURN false; END IF;
  EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', '${RECOVERY_LOGIN}', p_verifier);
  PERFORM pg_catalog.pg_terminate_backend(a.pid) FROM pg_catalog.pg_stat_activity a
    WHERE a.usename = '${RECOVERY_LOGIN}' AND a.pid <> pg_catalog.pg_backend_pid();
  INSERT INTO m3hub.recovery_login (id, sealed, recipient) VALUES (1, p_sealed, p_recipient)
    ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed, recipient = excluded.recipient, updated_at = now();
  INSERT INTO m3hub.recovery_login_history (recipient) VALUES (p_recipient);
  RETURN true;
END $f$;

-- Whether the family's row was written by this very transaction (a walk-in being recorded): its row's xmin is
-- the transaction's own id (the core uses no savepoints). A host cannot read families.created_by itself.
-- xmin has 32 bits: after 2^32 transactions an old row's matches again (a login burning billions of
-- transactions for days to hit one family's; a 64-bit mark per row would close it — noted in the README).
CREATE OR REPLACE FUNCTION m3hub.family_written_now(p_family_id text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
  SELECT EXISTS (SELECT 1 FROM public.families f
    WHERE f.id = p_family_id AND f.xmin::text::bigint = pg_catalog.pg_current_xact_id()::text::bigint % 4294967296)
$f$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA m3hub FROM PUBLIC;
GRANT USAGE ON SCHEMA m3hub TO ${STAFF_GROUP}, ${ENROL_ROLE};
GRANT EXECUTE ON FUNCTION m3hub.enrol() TO ${ENROL_ROLE};
GRANT EXECUTE ON FUNCTION m3hub.app_user_id(), m3hub.is_recovery(), m3hub.is_coordinator(), m3hub.family_written_now(text), m3hub.put_keyfile(bytea, integer), m3hub.set_login(text, text, timestamptz), m3hub.set_recovery_login(text, text, text, integer) TO ${STAFF_GROUP};
GRANT SELECT ON m3hub.keyfile TO ${STAFF_GROUP};
GRANT SELECT (id, sealed, recipient) ON m3hub.recovery_login TO ${STAFF_GROUP}, ${ENROL_ROLE};
`;

/** The office's groups: everything outside case work, as the contract lets reception, caseworkers and coordinators. */
const OFFICE_GROUPS = [GROUP_OF.coordinator, GROUP_OF.caseworker, GROUP_OF.reception];
/** Tables whose rows office staff delete in the course of their work (undo, release, a draft, a moved-out member …); the rest only coordinators. */
const OFFICE_DELETES = ['checkins', 'anonymous_attendance', 'case_assignments', 'drafts', 'event_volunteers', 'key_holders', 'member_engagements', 'members', 'registrations', 'volunteer_trainings', 'family_search', 'family_search_words'];
/**
 * What an event host's work touches (contract: the events, the counter with
 * its walk-ins, their own account): no contacts, referrals, volunteers, case
 * assignments or engagements, and of the audit log only the links a login checks.
 * Of a family only what check-in needs (RECORD_RULES.familyDetails: names,
 * members, the family code): never its address, phone, e-mail, languages or
 * notes, nor the search index's phone digits — a walk-in's are written, not read.
 */
const HOST_TABLES: Record<string, string> = {
  events: 'SELECT',
  registrations: 'SELECT',
  // A check-out sets the time of leaving, nothing else of a check-in.
  checkins: 'SELECT, INSERT, UPDATE (checked_out_at), DELETE',
  anonymous_attendance: 'SELECT, INSERT, DELETE',
  families: 'SELECT (id, code, display_name, name_fold, status), INSERT',
  members: 'SELECT (id, family_id, first_name, last_name, birth_year, role, sort, moved_out_at), INSERT',
  consents: 'SELECT (id, family_id, purpose, given, withdrawn_at, recorded_at), INSERT',
  family_search: 'SELECT (family_id, names, phonetic), INSERT',
  // A walk-in's name words are counted up; only a rename or removal (office staff) counts a word away.
  family_search_words: 'SELECT, INSERT, UPDATE (families)',
  districts: 'SELECT',
  users: 'SELECT',
  settings: 'SELECT, INSERT, UPDATE',
  drafts: 'SELECT, INSERT, UPDATE, DELETE',
  key_holders: 'SELECT, INSERT, DELETE',
  schema_migrations: 'SELECT',
  audit_head: 'SELECT, UPDATE',
  audit_log: 'INSERT',
};

/** The consents a host reads and records at the counter (checkin.ts). */
const HOST_CONSENTS = ['data_storage', 'photos'].map((p) => `'${p}'`).join(', ');

function tableGrants(database: string): string {
  const staff = STAFF_GROUP;
  const coord = GROUP_OF.coordinator;
  const host = GROUP_OF.host;
  const office = OFFICE_GROUPS.join(', ');
  const all = Object.values(GROUP_OF).join(', ');
  const casework = CASEWORK_GROUPS.join(', ');
  const coordinatorSettings = COORDINATOR_SETTINGS.map((k) => `'${k}'`).join(', ');
  const staffSettings = STAFF_SETTING_PATTERNS.map((k) => `'${k}'`).join(', ');
  const me = '(SELECT m3hub.app_user_id())';
  const isCoordinator = '(SELECT m3hub.is_coordinator())';
  return `
REVOKE ALL ON DATABASE "${database}" FROM PUBLIC;
GRANT CONNECT ON DATABASE "${database}" TO ${staff}, ${ENROL_ROLE};
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ${staff};
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${staff}, ${all};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${staff}, ${all};

-- Reception, caseworkers and coordinators: the office's records; deleting only what their work deletes.
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${office};
GRANT DELETE ON ${OFFICE_DELETES.join(', ')} TO ${office};
GRANT DELETE ON ALL TABLES IN SCHEMA public TO ${coord};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${staff};

-- Event hosts: the counter and its walk-ins, nothing else.
${Object.entries(HOST_TABLES)
  .map(([table, rights]) => `GRANT ${rights} ON ${table} TO ${host};`)
  .join('\n')}

-- The migration records are the hub's: PCs read them, only the hub migrates.
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${all};

-- The audit log: read by coordinators (contract: audit.*), appended by everyone in their own name
-- (failed logins are recorded in the name they were tried for), never changed; a login checks its links.
REVOKE SELECT, UPDATE, DELETE ON audit_log FROM ${all};
GRANT SELECT ON audit_log TO ${coord};
GRANT SELECT (id, hash) ON audit_log TO ${staff};
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS audit_read ON audit_log;
DROP POLICY IF EXISTS audit_append ON audit_log;
CREATE POLICY audit_read ON audit_log FOR SELECT TO ${staff} USING (true);
CREATE POLICY audit_append ON audit_log FOR INSERT TO ${staff}
  WITH CHECK (user_id IS NULL OR user_id = ${me} OR outcome <> 'ok' OR ((SELECT m3hub.is_recovery()) AND method = 'session.recover' AND entity_id = user_id));
REVOKE DELETE ON audit_head FROM ${all};

-- The reach report's parts (reports/parts.ts) are for those who run reports (contract: reports.*);
-- a bucket's version only the triggers raise (SECURITY DEFINER, as the owner).
REVOKE ALL ON report_buckets, report_parts FROM ${all};
GRANT SELECT ON report_buckets TO ${casework};
GRANT SELECT, INSERT, UPDATE, DELETE ON report_parts TO ${casework};
-- Each login reads and writes only the parts its own reports counted: nobody's figures rest on another's writing.
ALTER TABLE report_parts ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS report_parts_own ON report_parts;
CREATE POLICY report_parts_own ON report_parts FOR ALL TO ${staff} USING (stored_by = session_user) WITH CHECK (stored_by = session_user);

-- Exports are the coordinators' (contract: export.*), and so is the office's private signing key.
REVOKE ALL ON exports, office_keys FROM ${all};
GRANT SELECT, INSERT, UPDATE, DELETE ON exports, office_keys TO ${coord};
GRANT SELECT (purpose, public_key) ON office_keys TO ${staff};

-- Accounts: coordinators manage them; each person updates only their own login fields.
REVOKE INSERT, UPDATE, DELETE ON users FROM ${all};
GRANT INSERT, UPDATE, DELETE ON users TO ${coord};
GRANT UPDATE (last_login_at, must_change_password, updated_at) ON users TO ${staff};
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS users_read ON users;
DROP POLICY IF EXISTS users_write ON users;
CREATE POLICY users_read ON users FOR SELECT TO ${staff} USING (true);
CREATE POLICY users_write ON users FOR ALL TO ${staff}
  USING (${isCoordinator} OR id = ${me})
  WITH CHECK (${isCoordinator} OR id = ${me});

-- Settings: coordinators write them (contract: settings.update); the pseudonym secret is theirs alone.
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS settings_read ON settings;
DROP POLICY IF EXISTS settings_write ON settings;
CREATE POLICY settings_read ON settings FOR SELECT TO ${staff}
  USING (key NOT IN (${coordinatorSettings}) OR ${isCoordinator});
CREATE POLICY settings_write ON settings FOR ALL TO ${staff}
  USING (${isCoordinator} OR key IN (${staffSettings}) OR key = 'notice_seen.' || ${me})
  WITH CHECK (${isCoordinator} OR key IN (${staffSettings}) OR key = 'notice_seen.' || ${me});

-- A family's consents are office staff's (RECORD_RULES.familyDetails); a host reads only the two a check-in
-- needs (storing the family's data, photos: the host must know), and records them, in their own name, only
-- for the walk-in family written in the same transaction — never a newer answer for a family already there.
ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS consents_office ON consents;
DROP POLICY IF EXISTS consents_host_read ON consents;
DROP POLICY IF EXISTS consents_host_write ON consents;
CREATE POLICY consents_office ON consents FOR ALL TO ${office} USING (true) WITH CHECK (true);
CREATE POLICY consents_host_read ON consents FOR SELECT TO ${host} USING (purpose IN (${HOST_CONSENTS}));
CREATE POLICY consents_host_write ON consents FOR INSERT TO ${host}
  WITH CHECK (purpose IN (${HOST_CONSENTS}) AND recorded_by = ${me} AND m3hub.family_written_now(family_id));
-- Members likewise: a host adds the people of a walk-in family, to no family already there.
ALTER TABLE members ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS members_office ON members;
DROP POLICY IF EXISTS members_host_read ON members;
DROP POLICY IF EXISTS members_host_write ON members;
CREATE POLICY members_office ON members FOR ALL TO ${office} USING (true) WITH CHECK (true);
CREATE POLICY members_host_read ON members FOR SELECT TO ${host} USING (true);
CREATE POLICY members_host_write ON members FOR INSERT TO ${host} WITH CHECK (m3hub.family_written_now(family_id));

-- Unsaved input is its writer's alone (a coordinator clears a departed person's).
ALTER TABLE drafts ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS drafts_own ON drafts;
DROP POLICY IF EXISTS drafts_clear ON drafts;
CREATE POLICY drafts_own ON drafts FOR ALL TO ${staff} USING (user_id = ${me}) WITH CHECK (user_id = ${me});
CREATE POLICY drafts_clear ON drafts FOR DELETE TO ${coord} USING (${isCoordinator});

-- Case work: only coordinators and caseworkers reach the schema at all.
REVOKE ALL ON SCHEMA casework FROM PUBLIC;
REVOKE ALL ON SCHEMA casework FROM ${staff};
REVOKE ALL ON ALL TABLES IN SCHEMA casework FROM ${staff}, ${all};
GRANT USAGE ON SCHEMA casework TO ${casework};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA casework TO ${casework};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA casework TO ${casework};
REVOKE INSERT, UPDATE, DELETE ON casework.schema_migrations FROM ${casework};
-- A break-glass reading stays recorded: written only by casework.break_glass, its author marks it seen.
REVOKE INSERT, UPDATE, DELETE ON casework.note_access FROM ${casework};
GRANT UPDATE (seen_at) ON casework.note_access TO ${casework};
ALTER TABLE casework.note_access ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS note_access_read ON casework.note_access;
DROP POLICY IF EXISTS note_access_seen ON casework.note_access;
CREATE POLICY note_access_read ON casework.note_access FOR SELECT TO ${staff} USING (true);
CREATE POLICY note_access_seen ON casework.note_access FOR UPDATE TO ${staff}
  USING (EXISTS (SELECT 1 FROM casework.notes n WHERE n.id = note_id AND n.author_id = ${me}));
ALTER TABLE casework.drafts ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS drafts_own ON casework.drafts;
DROP POLICY IF EXISTS drafts_clear ON casework.drafts;
CREATE POLICY drafts_own ON casework.drafts FOR ALL TO ${staff} USING (user_id = ${me}) WITH CHECK (user_id = ${me});
CREATE POLICY drafts_clear ON casework.drafts FOR DELETE TO ${coord} USING (${isCoordinator});
`;
}

/**
 * Row-level security on confidential notes: a confidential note (and its
 * versions) is its author's; anyone else reaches its content only through
 * casework.break_glass, which records the reading first.
 */
const NOTE_SECURITY = `
ALTER TABLE casework.notes ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS notes_open ON casework.notes;
DROP POLICY IF EXISTS notes_read ON casework.notes;
DROP POLICY IF EXISTS notes_write ON casework.notes;
DROP POLICY IF EXISTS notes_change ON casework.notes;
-- Read: open notes and one's own. Write: in one's own name. Change: one's own note (it stays one's own);
-- a coordinator deletes an open note (contract: notes.delete). Nobody removes a row.
CREATE POLICY notes_read ON casework.notes FOR SELECT TO ${STAFF_GROUP}
  USING (confidential = 0 OR author_id = (SELECT m3hub.app_user_id()));
CREATE POLICY notes_write ON casework.notes FOR INSERT TO ${STAFF_GROUP}
  WITH CHECK (author_id = (SELECT m3hub.app_user_id()));
CREATE POLICY notes_change ON casework.notes FOR UPDATE TO ${STAFF_GROUP}
  USING (author_id = (SELECT m3hub.app_user_id()) OR (confidential = 0 AND (SELECT m3hub.is_coordinator())))
  WITH CHECK (author_id = (SELECT m3hub.app_user_id()) OR (confidential = 0 AND (SELECT m3hub.is_coordinator())));
REVOKE DELETE ON casework.notes FROM ${CASEWORK_GROUPS.join(', ')};
-- A note's history: read with the note; written only by its author's edit (the version it replaces); never
-- changed; removed only with the note's deletion (coordinators, notes.delete).
REVOKE UPDATE ON casework.note_versions FROM ${CASEWORK_GROUPS.join(', ')};
REVOKE DELETE ON casework.note_versions FROM ${GROUP_OF.caseworker};
ALTER TABLE casework.note_versions ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS note_versions_open ON casework.note_versions;
DROP POLICY IF EXISTS note_versions_read ON casework.note_versions;
DROP POLICY IF EXISTS note_versions_write ON casework.note_versions;
DROP POLICY IF EXISTS note_versions_remove ON casework.note_versions;
CREATE POLICY note_versions_read ON casework.note_versions FOR SELECT TO ${STAFF_GROUP}
  USING (EXISTS (SELECT 1 FROM casework.notes n WHERE n.id = note_id));
CREATE POLICY note_versions_write ON casework.note_versions FOR INSERT TO ${STAFF_GROUP}
  WITH CHECK (EXISTS (SELECT 1 FROM casework.notes n WHERE n.id = note_id AND n.deleted_at IS NULL AND n.author_id = (SELECT m3hub.app_user_id())));
CREATE POLICY note_versions_remove ON casework.note_versions FOR DELETE TO ${STAFF_GROUP}
  USING (EXISTS (SELECT 1 FROM casework.notes n WHERE n.id = note_id AND n.deleted_at IS NOT NULL));

-- The notes' search words: no staff login reads or writes them directly (not even through row-level security:
-- EXPLAIN ANALYZE would count the rows a policy removed after the index found them, word by word). These
-- wrappers are the only way: the search answers with the caller's readable notes, the words follow the note's author.
REVOKE ALL ON casework.note_search_words FROM ${STAFF_GROUP}, ${CASEWORK_GROUPS.join(', ')};
ALTER TABLE casework.note_search_words ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS note_search_words_open ON casework.note_search_words;
CREATE OR REPLACE FUNCTION casework.search_my_notes(p_words text[], p_limit integer) RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE me text := m3hub.app_user_id();
BEGIN
  IF me IS NULL OR NOT EXISTS (SELECT 1 FROM public.users WHERE id = me AND role IN ('coordinator', 'caseworker')) THEN
    RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY SELECT s.id FROM casework.note_words_search(p_words, me, least(greatest(p_limit, 0), 100)) AS s(id);
END $f$;
CREATE OR REPLACE FUNCTION casework.index_note(p_note_id text, p_words text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
  -- Only the author writes a note's text (notes.create, notes.update).
  IF NOT EXISTS (SELECT 1 FROM casework.notes WHERE id = p_note_id AND author_id = m3hub.app_user_id() AND deleted_at IS NULL) THEN
    RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
  END IF;
  PERFORM casework.note_words_set(p_note_id, p_words);
END $f$;
CREATE OR REPLACE FUNCTION casework.unindex_note(p_note_id text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
  -- Only for a note just deleted (notes.delete: coordinators; an open note, or one's own).
  IF NOT EXISTS (SELECT 1 FROM casework.notes WHERE id = p_note_id AND deleted_at IS NOT NULL
      AND m3hub.app_user_id() IS NOT NULL AND m3hub.is_coordinator() AND (confidential = 0 OR author_id = m3hub.app_user_id())) THEN
    RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
  END IF;
  PERFORM casework.note_words_remove(p_note_id);
END $f$;
REVOKE ALL ON FUNCTION casework.search_my_notes(text[], integer), casework.index_note(text, text[]), casework.unindex_note(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION casework.search_my_notes(text[], integer), casework.index_note(text, text[]), casework.unindex_note(text) TO ${CASEWORK_GROUPS.join(', ')};

-- Others' confidential notes: that they exist, who wrote them and when (lists), never their content.
CREATE OR REPLACE FUNCTION casework.hidden_notes(p_family_id text, p_note_id text)
RETURNS TABLE (id text, family_id text, author_id text, occurred_on text, deleted_at text, version integer, created_at text, updated_at text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
  SELECT n.id, n.family_id, n.author_id, n.occurred_on, n.deleted_at, n.version, n.created_at, n.updated_at
  FROM casework.notes n
  WHERE n.confidential = 1 AND n.author_id IS DISTINCT FROM m3hub.app_user_id()
    AND EXISTS (SELECT 1 FROM public.users u WHERE u.id = m3hub.app_user_id() AND u.role IN ('coordinator', 'caseworker'))
    AND (n.family_id = p_family_id OR n.id = p_note_id)
$f$;
REVOKE ALL ON FUNCTION casework.hidden_notes(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION casework.hidden_notes(text, text) TO ${CASEWORK_GROUPS.join(', ')};

-- Break-glass: the reading is recorded (note_access) before the note is returned, in the caller's transaction.
CREATE OR REPLACE FUNCTION casework.break_glass(p_note_id text, p_reason text)
RETURNS SETOF casework.notes
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE me text := m3hub.app_user_id();
BEGIN
  IF me IS NULL OR NOT EXISTS (SELECT 1 FROM public.users WHERE id = me AND role IN ('coordinator', 'caseworker')) THEN
    RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
  END IF;
  IF length(coalesce(trim(p_reason), '')) < 10 THEN RAISE EXCEPTION 'reason required' USING ERRCODE = '22023'; END IF;
  -- The time and the id are the hub's own: a reading cannot be dated back.
  INSERT INTO casework.note_access (id, note_id, user_id, at, reason)
    SELECT gen_random_uuid()::text, n.id, me, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), p_reason
    FROM casework.notes n WHERE n.id = p_note_id AND n.deleted_at IS NULL AND n.confidential = 1 AND n.author_id <> me;
  RETURN QUERY SELECT * FROM casework.notes n WHERE n.id = p_note_id AND n.deleted_at IS NULL;
END $f$;
DROP FUNCTION IF EXISTS casework.break_glass(text, text, text, text);
REVOKE ALL ON FUNCTION casework.break_glass(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION casework.break_glass(text, text) TO ${CASEWORK_GROUPS.join(', ')};
`;

/** Applies roles, grants, policies and the hub's functions (as the database's owner). */
export async function applyHubRights(client: pg.ClientBase, database: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(ROLE_SETUP);
    await client.query(HUB_SCHEMA);
    await client.query(tableGrants(database));
    await client.query(NOTE_SECURITY);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
