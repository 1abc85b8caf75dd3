/**
 * The rest of the single PC's metrics on the office hub, measured by the same
 * code through a PC that joined it (hub.ts has the hub, its seeded data and
 * the first twins): the login, the search's top-three rate, case work,
 * matching, the central export and a password reset. What only a single PC
 * has — its daily backup, FTS5, the file's encryption — has no twin: the hub
 * backs itself up on the hub PC, searches with pg_trgm, and lies on an
 * encrypted volume.
 */
import { sql } from 'kysely';
import { expectOk } from '../seed/folder';
import type { BenchContext } from './context';
import { measureNoteSave, measureNotesSearch, measureTimeline, type CaseworkData } from './casework';
import { measureRekey } from './families';
import { hubFixture } from './hub';
import type { Person } from './queries';
import { measureMatch } from './referrals';
import type { MetricResult } from './report';
import { measureExport } from './reports';
import { measureTop3 } from './search-top3';
import { measureLogins } from './unlock';

/** `session.login` on a PC of the hub: scrypt, the database login (TLS, SCRAM), the hub's key file, the session. */
export async function hubUnlockMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await hubFixture(ctx);
  await fixture.core.settled();
  await expectOk('session.lock', fixture.core.call('session.lock', {}));
  // Leaves the PC logged in, as the other hub metrics expect it.
  return measureLogins(ctx, 'hub_unlock_ms', fixture.core);
}

export async function hubSearchTop3Metric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await hubFixture(ctx);
  const people = await sql<Person>`SELECT first_name AS first, last_name AS last FROM members`.execute(fixture.owner);
  return measureTop3(ctx, 'hub_search_top3_rate', fixture.core, people.rows);
}

async function hubCasework(ctx: BenchContext): Promise<CaseworkData> {
  const fixture = await hubFixture(ctx);
  const rows = await sql<{ id: string }>`SELECT id FROM families ORDER BY id LIMIT 200 OFFSET 1000`.execute(fixture.owner);
  return { core: fixture.core, familyIds: rows.rows.map((r) => r.id), heavyFamilyId: fixture.heavyFamilyId, notes: fixture.notes };
}

export async function hubNotesSearchMetric(ctx: BenchContext): Promise<MetricResult> {
  return measureNotesSearch('hub_notes_search_p95_ms', await hubCasework(ctx));
}

export async function hubTimelineMetric(ctx: BenchContext): Promise<MetricResult> {
  return measureTimeline('hub_timeline_p95_ms', await hubCasework(ctx));
}

export async function hubNoteSaveMetric(ctx: BenchContext): Promise<MetricResult> {
  return measureNoteSave(ctx, 'hub_note_save_p95_ms', await hubCasework(ctx));
}

export async function hubMatchMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await hubFixture(ctx);
  return measureMatch(ctx, 'hub_match_p95_ms', fixture.core, fixture.volunteers, "PostgreSQL (owner's connection)", async (from, to) => {
    await sql`SELECT * FROM volunteers WHERE status = 'active'`.execute(fixture.owner);
    await sql`SELECT volunteer_id FROM volunteer_trainings WHERE qualification = 1`.execute(fixture.owner);
    await sql`SELECT id, volunteer_id, status, appointment_at, duration_min FROM referrals WHERE volunteer_id IS NOT NULL
      AND status IN ('offered','confirmed','done') AND appointment_at >= ${from} AND appointment_at < ${to}`.execute(fixture.owner);
  });
}

export async function hubExportYearMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await hubFixture(ctx);
  return measureExport('hub_export_year_ms', fixture.core);
}

/** A password reset on the hub: the shared key file rewritten and sent with the account's new database login. */
export async function hubRekeyMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await hubFixture(ctx);
  return measureRekey(ctx, 'hub_rekey_ms', fixture.core);
}
