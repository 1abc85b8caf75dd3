/**
 * Case work on the 50,000-family data with about 100,000 seeded notes (one
 * in 50 of 2,000 words) in the case-work file, through the logged-in core:
 * - note_save_p95_ms: a 2,000-word note saved with its version and search words (new notes and edits);
 * - timeline_p95_ms: the first page of the timeline of a family with 500 notes and its contacts;
 * - notes_search_p95_ms: searches for common and rare words and prefixes.
 */
import { localDay } from '../../../shared/dates';
import type { Core } from '../core';
import { expectOk } from '../seed/folder';
import { noteDoc } from '../seed/notes';
import { Rng } from '../seed/random';
import type { BenchContext } from './context';
import { familyFixture } from './fixture';
import { timeAsync } from './measure';
import { p95Metric, type MetricResult } from './report';

const ROUNDS = 40;

/** Where case work is measured: a logged-in core and the seeded families and notes behind it. */
export interface CaseworkData {
  core: Core;
  /** Families without many notes, where new notes are written. */
  familyIds: readonly string[];
  /** The family with 500 notes. */
  heavyFamilyId: string;
  notes: number;
}

async function singlePc(ctx: BenchContext): Promise<CaseworkData> {
  const fixture = await familyFixture(ctx);
  const rows = fixture.bare.prepare('SELECT id FROM families ORDER BY id LIMIT 200 OFFSET 1000').all() as { id: string }[];
  return { core: fixture.core, familyIds: rows.map((r) => r.id), heavyFamilyId: fixture.heavyFamilyId, notes: fixture.notes };
}

export async function noteSaveMetric(ctx: BenchContext): Promise<MetricResult> {
  return measureNoteSave(ctx, 'note_save_p95_ms', await singlePc(ctx));
}

export async function timelineMetric(ctx: BenchContext): Promise<MetricResult> {
  return measureTimeline('timeline_p95_ms', await singlePc(ctx));
}

export async function notesSearchMetric(ctx: BenchContext): Promise<MetricResult> {
  return measureNotesSearch('notes_search_p95_ms', await singlePc(ctx));
}

export async function measureNoteSave(ctx: BenchContext, name: string, data: CaseworkData): Promise<MetricResult> {
  const rng = new Rng(0x0b0d);
  const times: number[] = [];
  ctx.progress(`${name}: ${ROUNDS} saves of a 2,000-word note (${data.notes} notes seeded)`);
  let lastId = '';
  let lastVersion = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const body = noteDoc(rng, 2000);
    // Every other save edits the note saved before (a new version), the others write a new one.
    const edit = i % 2 === 1;
    const method = edit ? 'notes.update' : 'notes.create';
    const input: Record<string, unknown> = edit
      ? { id: lastId, version: lastVersion, body }
      : { familyId: data.familyIds[i], occurredOn: localDay(), kind: 'office', fieldOfAction: 2, topics: [], participants: [], confidential: false, body };
    const timed = await timeAsync(() => data.core.call(method, input));
    const saved: { id: string; version: number } = await expectOk('notes save', Promise.resolve(timed.result));
    lastId = saved.id;
    lastVersion = saved.version;
    times.push(timed.ms);
  }
  return p95Metric(name, times, 20, [`${ROUNDS} saves (new notes and edits) of 2,000 words with version and search words`, `${data.notes} notes seeded`]);
}

export async function measureTimeline(name: string, data: CaseworkData): Promise<MetricResult> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const { ms, result } = await timeAsync(() => data.core.call('timeline.list', { familyId: data.heavyFamilyId }));
    await expectOk('timeline.list', Promise.resolve(result));
    times.push(ms);
  }
  return p95Metric(name, times, 30, [`first page of 30, family with 500 notes and its contacts and consents, x ${ROUNDS}`]);
}

const QUERIES = ['Kita', 'Jobcenter Termin', 'Ausländerbehörde', 'Widerspruch Frist', 'Dolm', 'Hausbesuch Mutter', 'Anerkennung Zeugnis', 'Vrexomantik', 'schu', 'Elternabend Lehrerin'];

export async function measureNotesSearch(name: string, data: CaseworkData): Promise<MetricResult> {
  const times: number[] = [];
  for (let round = 0; round < 4; round++) {
    for (const query of QUERIES) {
      const { ms, result } = await timeAsync(() => data.core.call('notes.search', { query }));
      await expectOk('notes.search', Promise.resolve(result));
      times.push(ms);
    }
  }
  return p95Metric(name, times, 20, [`${QUERIES.length} queries (common, rare, prefixes, two words) x 4 over ${data.notes} notes`]);
}
