/**
 * Reports on the 50,000-family data with more than 500,000 contacts (most
 * in the last twelve months) and about 200,000 attendances:
 * - report_year_ms: this calendar year's reach report through the core (its
 *   reader worker with a warm page cache), each run after colleagues' work:
 *   a contact logged for each of 20 families picked at random, so the parts
 *   of their buckets (reports/parts.ts) are counted again; beside it the
 *   first call (every part counted) and runs after 1 and after 100 families;
 * - export_year_ms: the central package of the same year, built, signed and
 *   encrypted and written to the data folder.
 * The bare baseline is one GROUP BY over the year's contacts joined to the
 * persons (persons by gender and migration background), on the bench's own
 * read-only connection, from the same run.
 */
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { Core } from '../core';
import { expectOk } from '../seed/folder';
import type { BenchContext } from './context';
import { familyFixture } from './fixture';
import { median, timeAsync } from './measure';
import type { MetricResult } from './report';

const RUNS = 5;

/** This calendar year, as the report's "this year" shows it (the seeded contacts fill its months up to today). */
function yearPeriod() {
  const year = new Date().getFullYear();
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** A write between runs, so the reader's kept reads (reach.ts) never answer: every run reads the year again. */
async function touch(core: Core, i: number): Promise<void> {
  await expectOk('settings.update', core.call('settings.update', { officeLocation: `Kaufbeuren ${i}` }));
}

/** Families changed between runs of the report. */
export const CHANGED_PER_RUN = 20;

/** A contact for each of `count` families picked at random: their buckets' parts no longer hold (and the reader keeps nothing). */
export async function touchFamilies(core: Core, familyIds: readonly string[], count: number, rng: () => number = Math.random): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const familyId = familyIds[Math.floor(rng() * familyIds.length)]!;
    await expectOk('contacts.log', core.call('contacts.log', { familyId, type: 'phone', topics: [], fieldOfAction: 1 }));
  }
}

/** The report's time after `changed` families had a contact (median of `runs`), and what the last run counted. */
export async function timeReportAfter(core: Core, period: { from: string; to: string }, familyIds: readonly string[], changed: number, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    await touchFamilies(core, familyIds, changed);
    const { ms, result } = await timeAsync(() => core.call('reports.reach', period));
    await expectOk('reports.reach', Promise.resolve(result));
    times.push(ms);
  }
  return median(times);
}

export async function reportYearMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await familyFixture(ctx);
  await fixture.core.settled();
  const period = yearPeriod();
  const cold = await timeAsync(() => fixture.core.call('reports.reach', period));
  const report: { summary: { families: number; persons: number; contacts: number; attendances: number } } = await expectOk('reports.reach', Promise.resolve(cold.result));
  ctx.progress(`report_year_ms: ${report.summary.contacts} contacts and ${report.summary.attendances} attendances in the year, ${fixture.contacts} contacts in all`);
  const familyIds = (fixture.bare.prepare('SELECT id FROM families').all() as { id: string }[]).map((r) => r.id);
  const value = await timeReportAfter(fixture.core, period, familyIds, CHANGED_PER_RUN, RUNS);
  const afterOne = await timeReportAfter(fixture.core, period, familyIds, 1, 3);
  const afterHundred = await timeReportAfter(fixture.core, period, familyIds, 100, 1);
  const start = new Date(`${period.from}T00:00:00`).toISOString();
  const end = new Date(new Date(`${period.to}T00:00:00`).getTime() + 86_400_000).toISOString();
  const bare = fixture.bare.prepare(
    `SELECT m.gender, f.migration_background, count(DISTINCT m.id) AS n FROM contacts c
     JOIN members m ON m.family_id = c.family_id JOIN families f ON f.id = c.family_id
     WHERE c.occurred_at >= ? AND c.occurred_at < ? GROUP BY m.gender, f.migration_background`,
  );
  // And the plain one: the year's contacts grouped by type and field, families counted once per group.
  const plain = fixture.bare.prepare('SELECT type, field_of_action, count(*), count(DISTINCT family_id) FROM contacts WHERE occurred_at >= ? AND occurred_at < ? GROUP BY type, field_of_action');
  const bareTimes: number[] = [];
  const plainTimes: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    let started = performance.now();
    bare.all(start, end);
    bareTimes.push(performance.now() - started);
    started = performance.now();
    plain.all(start, end);
    plainTimes.push(performance.now() - started);
  }
  return {
    name: 'report_year_ms',
    value,
    unit: 'ms',
    target: 500,
    better: 'lower',
    details: [
      `median of ${RUNS}, each after a contact for ${CHANGED_PER_RUN} families at random; after 1 family ${afterOne.toFixed(0)} ms, after 100 families ${afterHundred.toFixed(0)} ms; first call ${cold.ms.toFixed(0)} ms (starts the reader, counts and stores every part)`,
      `${report.summary.families} families, ${report.summary.persons} persons, ${report.summary.contacts} contacts, ${report.summary.attendances} attendances`,
      `bare GROUP BY of the year's contacts by type and field ${median(plainTimes).toFixed(0)} ms, of its contacts × persons by gender and migration ${median(bareTimes).toFixed(0)} ms`,
    ],
  };
}

export async function exportYearMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await familyFixture(ctx);
  await fixture.core.settled();
  return measureExport('export_year_ms', fixture.core);
}

/** This year's central package through `core`, median of 3, each after a write. */
export async function measureExport(name: string, core: Core): Promise<MetricResult> {
  const period = yearPeriod();
  const recipient = await identityToRecipient(await generateX25519Identity());
  await expectOk('settings.update', core.call('settings.update', { centralRecipient: recipient, pseudonymKey: 'c0'.repeat(32) }));
  const times: number[] = [];
  let built = { bytes: 0, records: 0 };
  for (let i = 0; i < 3; i += 1) {
    await touch(core, 10 + i);
    const { ms, result } = await timeAsync(() => core.call('export.build', period));
    built = await expectOk('export.build', Promise.resolve(result));
    times.push(ms);
  }
  return {
    name,
    value: median(times),
    unit: 'ms',
    target: 3000,
    better: 'lower',
    details: [`median of 3, each after a write`, `${built.records} pseudonymised records, package ${(built.bytes / 1024).toFixed(0)} KiB`],
  };
}
