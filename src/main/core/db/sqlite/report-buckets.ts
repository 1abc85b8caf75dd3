/**
 * SQLite's triggers for the report's buckets (migration 0016): an insert, a
 * delete, or an update of a column the reach report reads raises the version
 * of its family's bucket, in the same transaction as the change; a family's
 * deletion also removes its bucket's stored figures (nothing of it stays).
 */
import { type Kysely, sql } from 'kysely';
import { REPORT_BUCKET_CHARS, REPORT_EVENT_COLUMNS, REPORT_FAMILY_TABLES } from '../dialect';

const bucket = (family: string) => `substr(${family}, 1, ${REPORT_BUCKET_CHARS})`;
const bump = (family: string) => `INSERT INTO report_buckets (bucket, version) VALUES (${bucket(family)}, 1) ON CONFLICT (bucket) DO UPDATE SET version = version + 1;`;
const changed = (columns: readonly string[]) => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

export async function createReportBucketTriggers(db: Kysely<unknown>): Promise<void> {
  for (const [table, { family, counted }] of Object.entries(REPORT_FAMILY_TABLES)) {
    const erase = table === 'families' ? `DELETE FROM report_parts WHERE bucket = ${bucket('OLD.id')};` : '';
    await sql.raw(`CREATE TRIGGER report_${table}_insert AFTER INSERT ON ${table} BEGIN ${bump(`NEW.${family}`)} END`).execute(db);
    await sql.raw(`CREATE TRIGGER report_${table}_update AFTER UPDATE ON ${table} WHEN ${changed([family, ...counted])} BEGIN ${bump(`OLD.${family}`)} ${bump(`NEW.${family}`)} END`).execute(db);
    await sql.raw(`CREATE TRIGGER report_${table}_delete AFTER DELETE ON ${table} BEGIN ${bump(`OLD.${family}`)} ${erase} END`).execute(db);
  }
  await sql
    .raw(
      `CREATE TRIGGER report_events_update AFTER UPDATE ON events WHEN ${changed(REPORT_EVENT_COLUMNS)} BEGIN
        INSERT INTO report_buckets (bucket, version) SELECT DISTINCT ${bucket('family_id')}, 1 FROM checkins WHERE event_id = NEW.id
        ON CONFLICT (bucket) DO UPDATE SET version = version + 1; END`,
    )
    .execute(db);
}
