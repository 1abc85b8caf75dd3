import type { EntityKind } from '../../../shared/rpc/events';
import type { Tx } from '../db/schema';
import { nameWords } from '../families/normalize';

/**
 * Changes after which an event's list of registered names may differ (a
 * check-in marks its event changed too, and changes none of it; events are
 * cancelled, never deleted).
 */
const AFFECTS: ReadonlySet<EntityKind | '*'> = new Set(['registration', 'family', 'member', '*']);
/** A change announced by another PC of the hub may be missed (a dropped connection): no list is kept longer. */
const MAX_AGE_MS = 60_000;
/** The counter has one event open; a few are kept for a PC that switches between two. */
const MAX_EVENTS = 4;

interface Registered {
  familyId: string;
  code: string;
  /** Folded words of the family's name and of its present members' names. */
  words: string[];
}

interface Kept {
  owner: object;
  at: number;
  families: Registered[];
}

/**
 * The families registered for an event with their name words, kept between
 * keystrokes at the counter: every keystroke matched them again, and on the
 * office hub reading them took a round trip and a join over the whole list.
 * The list only orders the hits (registered families first); whether a family
 * is registered and who is in is read fresh for the hits themselves, so a list
 * a moment old never shows a wrong state. Forgotten after any change to
 * registrations, families or members (this PC's own and those the hub
 * announces), after a minute, and with the session it was read in.
 */
export class RegisteredNames {
  private readonly kept = new Map<string, Kept>();
  /** Counts the changes heard, so that a list read while one was heard is not kept. */
  private changes = 0;

  constructor(private readonly clock: () => number) {}

  /** Ids of the event's registered families (in order of registration) whose name starts with every word typed, or whose code it is. */
  async matching(db: Tx, owner: object, eventId: string, query: string): Promise<string[]> {
    const typed = nameWords(query);
    if (typed.length === 0) return [];
    const code = query.trim().toUpperCase();
    const families = await this.of(db, owner, eventId);
    return families.filter((f) => f.code === code || typed.every((t) => f.words.some((w) => w.startsWith(t)))).map((f) => f.familyId);
  }

  /** Whether this event's list is kept for this session (then the event existed a moment ago). */
  has(owner: object, eventId: string): boolean {
    const kept = this.kept.get(eventId);
    if (!kept) return false;
    if (kept.owner === owner && this.clock() - kept.at < MAX_AGE_MS) return true;
    // Of another session, or too old: not kept any longer than it is of use.
    this.kept.delete(eventId);
    return false;
  }

  forget(entities: readonly (EntityKind | '*')[]): void {
    if (!entities.some((entity) => AFFECTS.has(entity))) return;
    this.changes += 1;
    this.kept.clear();
  }

  clear(): void {
    this.kept.clear();
  }

  private async of(db: Tx, owner: object, eventId: string): Promise<Registered[]> {
    if (this.has(owner, eventId)) return this.kept.get(eventId)!.families;
    const at = this.clock();
    const changes = this.changes;
    const rows = await db
      .selectFrom('registrations as r')
      .innerJoin('families as f', 'f.id', 'r.family_id')
      .innerJoin('members as m', 'm.family_id', 'r.family_id')
      .select(['r.family_id', 'f.display_name', 'f.code', 'm.first_name', 'm.last_name'])
      .where('r.event_id', '=', eventId)
      .where('r.status', '=', 'registered')
      .where('m.moved_out_at', 'is', null)
      .orderBy('r.created_at')
      .orderBy('r.family_id')
      .execute();
    const byFamily = new Map<string, Registered>();
    for (const row of rows) {
      let family = byFamily.get(row.family_id);
      if (!family) {
        family = { familyId: row.family_id, code: row.code, words: nameWords(row.display_name) };
        byFamily.set(row.family_id, family);
      }
      family.words.push(...nameWords(row.first_name), ...nameWords(row.last_name));
    }
    const families = [...byFamily.values()];
    // A change heard while reading may not be in what was read: then nothing is kept.
    if (changes !== this.changes) return families;
    // Lists of an earlier session go with the first list of this one.
    for (const [id, kept] of this.kept) if (kept.owner !== owner) this.kept.delete(id);
    if (this.kept.size >= MAX_EVENTS) this.kept.clear();
    this.kept.set(eventId, { owner, at, families });
    return families;
  }
}
