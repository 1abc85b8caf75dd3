/**
 * Case notes for seeded families (the bench): about two per family, a few of
 * 2,000 words, plain paragraphs of everyday case-work words, and one family
 * with a long history (500 notes) for the timeline.
 */
import { randomUUID } from 'node:crypto';
import { CONTACT_TOPICS, NOTE_KINDS } from '../../../shared/domain/lists';
import type { NoteDoc } from '../../../shared/domain/note-doc';
import type { NoteSearchIndex } from '../casework/search-index';
import type { Db, NotesTable } from '../db/schema';
import { insertNote, textOf } from '../notes/rows';
import type { Rng } from './random';

const WORDS = (
  'Gespräch Mutter Vater Kind Schule Kita Anmeldung Termin Jobcenter Ausländerbehörde Wohnung Miete Arzt Kinderarzt Impfung Deutschkurs ' +
  'Integrationskurs Sprachmittlung Dolmetscherin Lotse Unterlagen Antrag Kindergeld Elterngeld Bescheid Widerspruch Frist Begleitung Hausbesuch ' +
  'Hausaufgaben Lehrerin Elternabend Sportverein Ferienprogramm Nachbarschaft Arbeit Praktikum Bewerbung Lebenslauf Zeugnis Anerkennung ' +
  'Beratung vereinbart besprochen erklärt übersetzt ausgefüllt weitergeleitet nachgefragt angerufen abgesagt verschoben erledigt offen ' +
  'Familie wünscht braucht Unterstützung beim bei der mit dem für den nächste Woche morgen heute gut schwierig wichtig zusätzlich'
).split(' ');

export function noteDoc(rng: Rng, words: number): NoteDoc {
  const paragraphs: NoteDoc['content'] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, rng.int(20, 60));
    const text = Array.from({ length: n }, () => rng.pick(WORDS)).join(' ');
    paragraphs.push({ type: 'paragraph', content: [{ type: 'text', text: `${text}.` }] });
    left -= n;
  }
  return { type: 'doc', content: paragraphs };
}

export interface NoteSeedOptions {
  authorId: string;
  perFamily: number;
  /** Every how many notes one has 2,000 words. */
  longEvery: number;
  /** A family with this many notes (the timeline's long history). */
  heavy?: { familyId: string; notes: number };
  onProgress?: (done: number, total: number) => void;
}

function noteRow(rng: Rng, familyId: string, authorId: string, words: number, now: Date, daysBack: number): { row: NotesTable; words: string[] } {
  const body = noteDoc(rng, words);
  const { excerpt, words: index } = textOf(body);
  const at = new Date(now.getTime() - daysBack * 86_400_000).toISOString();
  return {
    row: {
      id: randomUUID(),
      family_id: familyId,
      author_id: authorId,
      occurred_on: at.slice(0, 10),
      kind: rng.pick(NOTE_KINDS),
      field_of_action: rng.int(1, 3),
      topics: JSON.stringify([rng.pick(CONTACT_TOPICS)]),
      participants: '[]',
      confidential: rng.chance(0.1) ? 1 : 0,
      body: JSON.stringify(body),
      excerpt,
      version: 1,
      created_at: at,
      updated_at: at,
      updated_by: authorId,
      deleted_at: null,
      deleted_by: null,
      delete_reason: null,
    },
    words: index,
  };
}

/** Writes the notes in transactions of a few thousand; answers how many. */
export async function seedNotes(db: Db, search: NoteSearchIndex, familyIds: string[], rng: Rng, now: Date, options: NoteSeedOptions): Promise<number> {
  const jobs: { familyId: string; daysBack: number }[] = [];
  for (const familyId of familyIds) {
    for (let i = 0; i < options.perFamily; i++) jobs.push({ familyId, daysBack: rng.int(0, 5 * 365) });
  }
  if (options.heavy) for (let i = 0; i < options.heavy.notes; i++) jobs.push({ familyId: options.heavy.familyId, daysBack: i * 3 });
  const BATCH = 2000;
  for (let start = 0; start < jobs.length; start += BATCH) {
    await db.transaction().execute(async (trx) => {
      for (const [i, job] of jobs.slice(start, start + BATCH).entries()) {
        const words = (start + i) % options.longEvery === 0 ? 2000 : rng.int(30, 150);
        const { row, words: index } = noteRow(rng, job.familyId, options.authorId, words, now, job.daysBack);
        await insertNote(trx, search, row, index);
      }
    });
    options.onProgress?.(Math.min(start + BATCH, jobs.length), jobs.length);
  }
  return jobs.length;
}
