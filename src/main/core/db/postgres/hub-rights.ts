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
END $$;
${Object.values(GROUP_OF)
  .map((g) => `GRANT ${STAFF_GROUP} TO ${g};`)
  .join('\n')}
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
CREATE TABLE IF NOT EXISTS m3hub.enrolments (
  at timestamptz NOT NULL DEFAULT now(),
  client inet
);

-- The app account of the role this connection logged in as (m3u_<username>).
CREATE OR REPLACE FUNCTION m3hub.app_user_id() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
  SELECT id FROM public.users WHERE 'm3u_' || username = session_user AND active = 1
$f$;

CREATE OR REPLACE FUNCTION m3hub.is_coordinator() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
  SELECT EXISTS (SELECT 1 FROM public.users WHERE 'm3u_' || username = session_user AND active = 1 AND role = 'coordinator')
$f$;

-- A new PC with a valid enrolment token gets the office's key file (password-wrapped key slots).
CREATE OR REPLACE FUNCTION m3hub.enrol() RETURNS TABLE (keyfile bytea, version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $f$
BEGIN
  IF session_user <> '${ENROL_ROLE}' THEN RAISE EXCEPTION 'enrolment only' USING ERRCODE = '42501'; END IF;
  INSERT INTO m3hub.enrolments (client) VALUES (inet_client_addr());
  RETURN QUERY SELECT k.data, k.version FROM m3hub.keyfile k WHERE k.id = 1;
END $f$;

-- The key file changes with accounts and passwords: written only over the version it replaces.
CREATE OR REPLACE FUNCTION m3hub.put_keyfile(p_data bytea, p_expected integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $f$
DECLARE v integer;
BEGIN
  IF m3hub.app_user_id() IS NULL AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
    RAISE EXCEPTION 'no account' USING ERRCODE = '42501';
  END IF;
  INSERT INTO m3hub.keyfile (id, data, version) VALUES (1, p_data, 1)
    ON CONFLICT (id) DO UPDATE SET data = excluded.data, version = m3hub.keyfile.version + 1, updated_at = now()
    WHERE m3hub.keyfile.version = p_expected
    RETURNING m3hub.keyfile.version INTO v;
  RETURN v;
END $f$;

-- Creates or changes an account's login role: its group follows the account's role, a deactivated
-- account cannot log in. The verifier is a SCRAM secret made on the PC: the hub never sees a password.
-- Coordinators manage every account; everyone else only their own password.
CREATE OR REPLACE FUNCTION m3hub.set_login(p_user_id text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $f$
DECLARE
  u record;
  login text;
  grp text;
  g text;
BEGIN
  SELECT username, role, active INTO u FROM public.users WHERE id = p_user_id;
  IF NOT FOUND THEN RAISE EXCEPTION 'no such account' USING ERRCODE = '42704'; END IF;
  IF NOT (m3hub.is_coordinator() OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
          OR (m3hub.app_user_id() = p_user_id AND p_verifier IS NOT NULL)) THEN
    RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
  END IF;
  IF p_verifier IS NOT NULL AND p_verifier !~ '^SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
    RAISE EXCEPTION 'not a SCRAM verifier' USING ERRCODE = '22023';
  END IF;
  login := 'm3u_' || u.username;
  grp := 'm3_' || u.role;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT PASSWORD NULL', login);
  END IF;
  IF p_verifier IS NOT NULL THEN EXECUTE format('ALTER ROLE %I PASSWORD %L', login, p_verifier); END IF;
  EXECUTE format('ALTER ROLE %I %s', login, CASE WHEN u.active = 1 THEN 'LOGIN' ELSE 'NOLOGIN' END);
  -- A deactivated account's open connections end now, not when they next reconnect.
  IF u.active <> 1 THEN PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = login; END IF;
  FOREACH g IN ARRAY ARRAY[${Object.values(GROUP_OF)
    .map((g) => `'${g}'`)
    .join(', ')}] LOOP
    IF g = grp AND u.active = 1 THEN EXECUTE format('GRANT %I TO %I', g, login);
    ELSE EXECUTE format('REVOKE %I FROM %I', g, login);
    END IF;
  END LOOP;
END $f$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA m3hub FROM PUBLIC;
GRANT USAGE ON SCHEMA m3hub TO ${STAFF_GROUP}, ${ENROL_ROLE};
GRANT EXECUTE ON FUNCTION m3hub.enrol() TO ${ENROL_ROLE};
GRANT EXECUTE ON FUNCTION m3hub.app_user_id(), m3hub.is_coordinator(), m3hub.put_keyfile(bytea, integer), m3hub.set_login(text, text) TO ${STAFF_GROUP};
GRANT SELECT ON m3hub.keyfile TO ${STAFF_GROUP};
`;

function tableGrants(database: string): string {
  const staff = STAFF_GROUP;
  const coord = GROUP_OF.coordinator;
  const casework = CASEWORK_GROUPS.join(', ');
  const coordinatorSettings = COORDINATOR_SETTINGS.map((k) => `'${k}'`).join(', ');
  const staffSettings = STAFF_SETTING_PATTERNS.map((k) => `'${k}'`).join(', ');
  return `
REVOKE ALL ON DATABASE "${database}" FROM PUBLIC;
GRANT CONNECT ON DATABASE "${database}" TO ${staff}, ${ENROL_ROLE};
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ${staff};
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${staff}, ${Object.values(GROUP_OF).join(', ')};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${staff};
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${staff};

-- The migration records are the hub's: PCs read them, only the hub migrates.
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${staff};

-- The audit log is append-only for everyone.
REVOKE UPDATE, DELETE ON audit_log FROM ${staff};

-- Exports are the coordinators' (contract: export.*), and so is the office's private signing key.
REVOKE ALL ON exports, office_keys FROM ${staff};
GRANT SELECT, INSERT, UPDATE, DELETE ON exports, office_keys TO ${coord};
GRANT SELECT (purpose, public_key) ON office_keys TO ${staff};

-- Accounts: coordinators manage them; each person updates only their own login fields.
REVOKE INSERT, UPDATE, DELETE ON users FROM ${staff};
GRANT INSERT, UPDATE, DELETE ON users TO ${coord};
GRANT UPDATE (last_login_at, must_change_password, updated_at) ON users TO ${staff};
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS users_read ON users;
DROP POLICY IF EXISTS users_write ON users;
CREATE POLICY users_read ON users FOR SELECT TO ${staff} USING (true);
CREATE POLICY users_write ON users FOR ALL TO ${staff}
  USING (m3hub.is_coordinator() OR id = m3hub.app_user_id())
  WITH CHECK (m3hub.is_coordinator() OR id = m3hub.app_user_id());

-- Settings: coordinators write them (contract: settings.update); the pseudonym secret is theirs alone.
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS settings_read ON settings;
DROP POLICY IF EXISTS settings_write ON settings;
CREATE POLICY settings_read ON settings FOR SELECT TO ${staff}
  USING (key NOT IN (${coordinatorSettings}) OR m3hub.is_coordinator());
CREATE POLICY settings_write ON settings FOR ALL TO ${staff}
  USING (m3hub.is_coordinator() OR key IN (${staffSettings}) OR key = 'notice_seen.' || m3hub.app_user_id())
  WITH CHECK (m3hub.is_coordinator() OR key IN (${staffSettings}) OR key = 'notice_seen.' || m3hub.app_user_id());

-- Case work: only coordinators and caseworkers reach the schema at all.
REVOKE ALL ON SCHEMA casework FROM PUBLIC;
REVOKE ALL ON SCHEMA casework FROM ${staff};
REVOKE ALL ON ALL TABLES IN SCHEMA casework FROM ${staff}, ${Object.values(GROUP_OF).join(', ')};
GRANT USAGE ON SCHEMA casework TO ${casework};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA casework TO ${casework};
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA casework TO ${casework};
REVOKE INSERT, UPDATE, DELETE ON casework.schema_migrations FROM ${casework};
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
CREATE POLICY notes_open ON casework.notes FOR ALL TO ${STAFF_GROUP}
  USING (confidential = 0 OR author_id = m3hub.app_user_id())
  WITH CHECK (confidential = 0 OR author_id = m3hub.app_user_id());
ALTER TABLE casework.note_versions ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS note_versions_open ON casework.note_versions;
CREATE POLICY note_versions_open ON casework.note_versions FOR ALL TO ${STAFF_GROUP}
  USING (EXISTS (SELECT 1 FROM casework.notes n WHERE n.id = note_id))
  WITH CHECK (EXISTS (SELECT 1 FROM casework.notes n WHERE n.id = note_id));

ALTER TABLE casework.note_search ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS note_search_open ON casework.note_search;
CREATE POLICY note_search_open ON casework.note_search FOR ALL TO ${STAFF_GROUP}
  USING (EXISTS (SELECT 1 FROM casework.notes n WHERE n.id = note_id))
  WITH CHECK (EXISTS (SELECT 1 FROM casework.notes n WHERE n.id = note_id));

-- Others' confidential notes: that they exist, who wrote them and when (lists), never their content.
CREATE OR REPLACE FUNCTION casework.hidden_notes(p_family_id text, p_note_id text)
RETURNS TABLE (id text, family_id text, author_id text, occurred_on text, deleted_at text, version integer, created_at text, updated_at text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $f$
  SELECT n.id, n.family_id, n.author_id, n.occurred_on, n.deleted_at, n.version, n.created_at, n.updated_at
  FROM casework.notes n
  WHERE n.confidential = 1 AND n.author_id IS DISTINCT FROM m3hub.app_user_id()
    AND EXISTS (SELECT 1 FROM public.users u WHERE u.id = m3hub.app_user_id() AND u.role IN ('coordinator', 'caseworker'))
    AND (n.family_id = p_family_id OR n.id = p_note_id)
$f$;
REVOKE ALL ON FUNCTION casework.hidden_notes(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION casework.hidden_notes(text, text) TO ${CASEWORK_GROUPS.join(', ')};

-- Break-glass: the reading is recorded (note_access) before the note is returned, in the caller's transaction.
CREATE OR REPLACE FUNCTION casework.break_glass(p_note_id text, p_access_id text, p_at text, p_reason text)
RETURNS SETOF casework.notes
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $f$
DECLARE me text := m3hub.app_user_id();
BEGIN
  IF me IS NULL OR NOT EXISTS (SELECT 1 FROM public.users WHERE id = me AND role IN ('coordinator', 'caseworker')) THEN
    RAISE EXCEPTION 'not allowed' USING ERRCODE = '42501';
  END IF;
  IF length(coalesce(trim(p_reason), '')) < 10 THEN RAISE EXCEPTION 'reason required' USING ERRCODE = '22023'; END IF;
  INSERT INTO casework.note_access (id, note_id, user_id, at, reason)
    SELECT p_access_id, n.id, me, p_at, p_reason
    FROM casework.notes n WHERE n.id = p_note_id AND n.deleted_at IS NULL AND n.confidential = 1 AND n.author_id <> me;
  RETURN QUERY SELECT * FROM casework.notes n WHERE n.id = p_note_id AND n.deleted_at IS NULL;
END $f$;
REVOKE ALL ON FUNCTION casework.break_glass(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION casework.break_glass(text, text, text, text) TO ${CASEWORK_GROUPS.join(', ')};
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
