/**
 * SQLite's triggers for the report's buckets (migration 0016): every insert,
 * update and delete of a row the reach report counts raises the version of
 * its family's bucket, in the same transaction as the change.
 */
import { type Kysely, sql } from 'kysely';
import { REPORT_FAMILY_TABLES } from '../dialect';

const bump = (family: string) =>
  `INSERT INTO report_buckets (bucket, version) VALUES (substr(${family}, 1, 2), 1) ON CONFLICT (bucket) DO UPDATE SET version = version + 1;`;

export async function createReportBucketTriggers(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of Object.entries(REPORT_FAMILY_TABLES)) {
    await sql.raw(`CREATE TRIGGER report_${table}_insert AFTER INSERT ON ${table} BEGIN ${bump(`NEW.${column}`)} END`).execute(db);
    await sql.raw(`CREATE TRIGGER report_${table}_update AFTER UPDATE ON ${table} BEGIN ${bump(`OLD.${column}`)} ${bump(`NEW.${column}`)} END`).execute(db);
    await sql.raw(`CREATE TRIGGER report_${table}_delete AFTER DELETE ON ${table} BEGIN ${bump(`OLD.${column}`)} END`).execute(db);
  }
  // An event's date, status, type or field changes how each of its check-ins counts.
  await sql
    .raw(
      `CREATE TRIGGER report_events_update AFTER UPDATE OF date, status, type, field_of_action ON events BEGIN
        INSERT INTO report_buckets (bucket, version) SELECT DISTINCT substr(family_id, 1, 2), 1 FROM checkins WHERE event_id = NEW.id
        ON CONFLICT (bucket) DO UPDATE SET version = version + 1; END`,
    )
    .execute(db);
}
