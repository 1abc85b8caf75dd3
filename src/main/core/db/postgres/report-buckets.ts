/**
 * PostgreSQL's triggers for the report's buckets (migration 0016): every
 * insert, update and delete of a row the reach report counts raises the
 * version of its family's bucket, in the same transaction as the change.
 * The functions run as the hub's owner: no staff login writes the buckets.
 */
import { type Kysely, sql } from 'kysely';
import { REPORT_FAMILY_TABLES } from '../dialect';

export async function createReportBucketTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION public.report_bump(p_family text) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
      INSERT INTO public.report_buckets (bucket, version) VALUES (substr(p_family, 1, 2), 1)
      ON CONFLICT (bucket) DO UPDATE SET version = report_buckets.version + 1
    $f$`.execute(db);
  // The family's column is the trigger's argument (families: id; the rest: family_id).
  await sql`
    CREATE OR REPLACE FUNCTION public.report_touch() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
    DECLARE
      old_family text;
      new_family text;
    BEGIN
      IF TG_OP <> 'INSERT' THEN old_family := to_jsonb(OLD) ->> TG_ARGV[0]; PERFORM public.report_bump(old_family); END IF;
      IF TG_OP <> 'DELETE' THEN
        new_family := to_jsonb(NEW) ->> TG_ARGV[0];
        IF old_family IS NULL OR substr(old_family, 1, 2) <> substr(new_family, 1, 2) THEN PERFORM public.report_bump(new_family); END IF;
      END IF;
      RETURN NULL;
    END $f$`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION public.report_touch_event() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
    BEGIN
      INSERT INTO public.report_buckets (bucket, version)
        SELECT DISTINCT substr(family_id, 1, 2), 1 FROM public.checkins WHERE event_id = NEW.id ORDER BY 1
      ON CONFLICT (bucket) DO UPDATE SET version = report_buckets.version + 1;
      RETURN NULL;
    END $f$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION public.report_bump(text), public.report_touch(), public.report_touch_event() FROM PUBLIC`.execute(db);
  for (const [table, column] of Object.entries(REPORT_FAMILY_TABLES)) {
    await sql`CREATE TRIGGER ${sql.id(`report_${table}`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.id(table)} FOR EACH ROW EXECUTE FUNCTION public.report_touch(${sql.lit(column)})`.execute(db);
  }
  // An event's date, status, type or field changes how each of its check-ins counts.
  await sql`CREATE TRIGGER report_events AFTER UPDATE OF date, status, type, field_of_action ON events FOR EACH ROW EXECUTE FUNCTION public.report_touch_event()`.execute(db);
}
