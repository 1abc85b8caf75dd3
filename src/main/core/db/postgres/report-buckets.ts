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
  await sql
    .raw(
      `CREATE FUNCTION public.report_bump(p_family text) RETURNS void
       LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
         INSERT INTO public.report_buckets (bucket, version) VALUES (pg_catalog.substr(p_family, 1, ${REPORT_BUCKET_CHARS}), 1)
         ON CONFLICT (bucket) DO UPDATE SET version = public.report_buckets.version + 1
       $f$`,
    )
    .execute(db);
  const functions = ['public.report_bump(text)'];
  for (const [table, { family, counted }] of Object.entries(REPORT_FAMILY_TABLES)) {
    const name = `public.report_touch_${table}`;
    // A check-in holds its event against a change of date, status, type or field until it commits: the event's
    // trigger then sees the check-in and raises its bucket too (otherwise a part could be counted in between).
    const holdEvent = table === 'checkins' ? `IF TG_OP = 'INSERT' THEN PERFORM 1 FROM public.events WHERE id = NEW.event_id FOR SHARE; END IF;` : '';
    const erase = table === 'families' ? `IF TG_OP = 'DELETE' THEN DELETE FROM public.report_parts WHERE bucket = pg_catalog.substr(OLD.id, 1, ${REPORT_BUCKET_CHARS}); END IF;` : '';
    await sql
      .raw(
        `CREATE FUNCTION ${name}() RETURNS trigger
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
         BEGIN
           ${holdEvent}
           ${erase}
           IF TG_OP <> 'INSERT' THEN PERFORM public.report_bump(OLD.${family}); END IF;
           IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND pg_catalog.substr(OLD.${family}, 1, ${REPORT_BUCKET_CHARS}) <> pg_catalog.substr(NEW.${family}, 1, ${REPORT_BUCKET_CHARS})) THEN
             PERFORM public.report_bump(NEW.${family});
           END IF;
           RETURN NULL;
         END $f$`,
      )
      .execute(db);
    functions.push(`${name}()`);
    await sql.raw(`CREATE TRIGGER report_${table}_change AFTER INSERT OR DELETE ON public.${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`).execute(db);
    await sql.raw(`CREATE TRIGGER report_${table}_update AFTER UPDATE ON public.${table} FOR EACH ROW WHEN (${changed([family, ...counted])}) EXECUTE FUNCTION ${name}()`).execute(db);
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
  await sql.raw(`REVOKE ALL ON FUNCTION ${functions.join(', ')} FROM PUBLIC`).execute(db);
}
