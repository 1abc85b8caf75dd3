/**
 * PostgreSQL's triggers for the report's buckets (migration 0016): an
 * insert, a delete, or an update of a column the reach report reads raises
 * the version of its family's bucket, in the same transaction as the change;
 * a family's deletion also removes its bucket's stored figures. The
 * functions run as the database's owner (no staff login writes the buckets)
 * with nothing but pg_catalog on their path.
 */
import { type Kysely, sql } from 'kysely';
import { REPORT_BUCKET_CHARS, REPORT_EVENT_COLUMNS, REPORT_FAMILY_TABLES } from '../dialect';

const changed = (columns: readonly string[]) => columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');

export async function createReportBucketTriggers(db: Kysely<unknown>): Promise<void> {
  // Each login's parts are its own (the hub's row-level security reads only those: hub-rights.ts).
  await sql`ALTER TABLE public.report_parts ALTER COLUMN stored_by SET DEFAULT session_user`.execute(db);
  const functions: string[] = [];
  const bucket = (column: string) => `pg_catalog.substr(${column}, 1, ${REPORT_BUCKET_CHARS})`;
  const raise = (buckets: string) => `INSERT INTO public.report_buckets (bucket, version) SELECT DISTINCT b.bucket, 1 FROM (${buckets}) b ORDER BY 1
           ON CONFLICT (bucket) DO UPDATE SET version = public.report_buckets.version + 1;`;
  // Once per statement, each bucket once (a statement that writes many rows of one bucket raises it once), in order.
  for (const [table, { family, counted }] of Object.entries(REPORT_FAMILY_TABLES)) {
    const name = `public.report_touch_${table}`;
    const changed = [family, ...counted].map((c) => `o.${c} IS DISTINCT FROM n.${c}`).join(' OR ');
    const moved = `FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${changed}`;
    // A check-in holds its event against a change of date, status, type or field until it commits: the event's
    // trigger then sees the check-in and raises its bucket too (otherwise a part could be counted in between).
    const holdEvents = (rows: string) => (table === 'checkins' ? `PERFORM 1 FROM public.events e WHERE e.id IN (SELECT n.event_id ${rows}) ORDER BY e.id FOR SHARE;` : '');
    // After the bucket's version is raised (and held): a part stored meanwhile waits, then is refused (report_parts_current).
    const erase = table === 'families' ? `DELETE FROM public.report_parts p WHERE p.bucket IN (SELECT ${bucket('o.id')} FROM old_rows o);` : '';
    await sql
      .raw(
        `CREATE FUNCTION ${name}() RETURNS trigger
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
         BEGIN
           IF TG_OP = 'INSERT' THEN
             ${holdEvents('FROM new_rows n')}
             ${raise(`SELECT ${bucket(`n.${family}`)} AS bucket FROM new_rows n`)}
           ELSIF TG_OP = 'DELETE' THEN
             ${raise(`SELECT ${bucket(`o.${family}`)} AS bucket FROM old_rows o`)}
             ${erase}
           ELSE
             ${holdEvents(moved)}
             ${raise(`SELECT ${bucket(`o.${family}`)} AS bucket ${moved} UNION SELECT ${bucket(`n.${family}`)} ${moved}`)}
           END IF;
           RETURN NULL;
         END $f$`,
      )
      .execute(db);
    functions.push(`${name}()`);
    const on = `ON public.${table}`;
    await sql.raw(`CREATE TRIGGER report_${table}_insert AFTER INSERT ${on} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`).execute(db);
    await sql.raw(`CREATE TRIGGER report_${table}_update AFTER UPDATE ${on} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`).execute(db);
    await sql.raw(`CREATE TRIGGER report_${table}_delete AFTER DELETE ${on} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`).execute(db);
  }
  await sql
    .raw(
      `CREATE FUNCTION public.report_touch_event() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
       BEGIN
         INSERT INTO public.report_buckets (bucket, version)
           SELECT DISTINCT pg_catalog.substr(c.family_id, 1, ${REPORT_BUCKET_CHARS}), 1 FROM public.checkins c WHERE c.event_id = NEW.id ORDER BY 1
         ON CONFLICT (bucket) DO UPDATE SET version = public.report_buckets.version + 1;
         RETURN NULL;
       END $f$`,
    )
    .execute(db);
  functions.push('public.report_touch_event()');
  await sql.raw(`CREATE TRIGGER report_events_update AFTER UPDATE ON public.events FOR EACH ROW WHEN (${changed(REPORT_EVENT_COLUMNS)}) EXECUTE FUNCTION public.report_touch_event()`).execute(db);
  // A part is kept only at its bucket's current version, read under a share lock: a change of the bucket in flight
  // (a family's deletion above all) first commits, and the part counted before it is then not stored.
  await sql
    .raw(
      `CREATE FUNCTION public.report_parts_current() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
       BEGIN
         IF NEW.version IS DISTINCT FROM (SELECT b.version FROM public.report_buckets b WHERE b.bucket = NEW.bucket FOR SHARE) THEN RETURN NULL; END IF;
         RETURN NEW;
       END $f$`,
    )
    .execute(db);
  functions.push('public.report_parts_current()');
  await sql.raw(`CREATE TRIGGER report_parts_current BEFORE INSERT OR UPDATE ON public.report_parts FOR EACH ROW EXECUTE FUNCTION public.report_parts_current()`).execute(db);
  await sql.raw(`REVOKE ALL ON FUNCTION ${functions.join(', ')} FROM PUBLIC`).execute(db);
}
