/**
 * The counter when the office hub does not answer (a pulled cable, a hub PC
 * switched off): check-ins go on from this PC's snapshot of the event and are
 * written to its journal; when the hub is back, the journal is replayed with
 * the same unique key (event, person) as any check-in, so a person checked
 * in at two counters meanwhile is counted once — and named for the host.
 */
import { randomUUID } from 'node:crypto';
import { localDay } from '../../../shared/dates';
import { DomainError } from '../../../shared/errors';
import type { CounterHit, OfflineEvent } from '../../../shared/rpc/areas/events';
import { appendAudit } from '../audit/chain';
import { familiesWithConsent } from '../consents/rules';
import type { Db, Tx } from '../db/schema';
import { countsOf, findEvent } from '../events/rows';
import { nameWords } from '../families/normalize';
import type { CoreServices } from '../services';
import { parseKeyFile } from '../vault/keyfile';
import { OfflineFiles, type EventSnapshot, type JournalEntry } from './offline-files';

/**
 * A snapshot is renewed once the counter has been quiet this long — mostly
 * between two families at the desk, rather than beside a scan (its reads
 * slow the scan they run next to) — and during a queue that never pauses at
 * least this often. The first snapshot of an event is taken at once.
 */
const QUIET_MS = 300;
const MAX_WAIT_MS = 5_000;
/** Events whose counter was used this recently follow other PCs' check-ins. */
const ACTIVE_MS = 15 * 60_000;
/** After a snapshot failed, the next waits 1 s, then 2 s, 4 s … at most 30 s: a read that keeps failing does not run beside every scan. */
const RETRY_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** An event's list stays on the PC for a week after its day (a course's journal may wait that long for the hub). */
const KEEP_LISTS_MS = 7 * 24 * 60 * 60_000;

export interface ReplayReport {
  at: string;
  replayed: number;
  /** Persons whose event or family record was removed while they waited in the journal. */
  dropped: number;
  /** Persons another counter had checked in meanwhile: counted once, listed for the host. */
  alreadyIn: { eventId: string; familyName: string; names: string[] }[];
}

type Person = { personId: string; firstName: string; lastName: string };

export class OfflineCounter {
  readonly files: OfflineFiles;
  /** Events whose snapshot was taken in this session, when each counter was last used here, and a snapshot waiting to be taken (since when it waits). */
  private readonly taken = new Set<string>();
  private readonly used = new Map<string, number>();
  private readonly waiting = new Map<string, { timer: NodeJS.Timeout; since: number }>();
  /** Snapshots of an event that failed in a row, and when the next may be tried. */
  private readonly failures = new Map<string, { count: number; retryAt: number }>();
  lastReplay: ReplayReport | null = null;
  /** Counts the sessions ended: a read still running for the one before leaves nothing for the next. */
  round = 0;

  constructor(private readonly services: CoreServices) {
    this.files = new OfflineFiles(services.state.paths.dataDir);
  }

  /** From the audit key: a key change (a deactivation, a reset) replaces the office key but keeps this one, so a journal written before it is still read after it. */
  private key(): Buffer {
    const audit = this.services.state.keys?.audit;
    if (!audit) throw new DomainError('LOCKED');
    return OfflineFiles.keyFrom(audit);
  }

  /** The counter of this event was used here (online): its snapshot follows (plan). */
  schedule(eventId: string, take: (eventId: string) => void): void {
    this.used.set(eventId, Date.now());
    this.plan(eventId, take);
  }

  /**
   * The event's snapshot is taken again when its counter pauses (QUIET_MS),
   * at the latest MAX_WAIT_MS after the first call it has not seen; the
   * first one at once. It runs beside the core's call queue (hub/link.ts).
   */
  private plan(eventId: string, take: (eventId: string) => void): void {
    const now = Date.now();
    const waiting = this.waiting.get(eventId);
    if (waiting) clearTimeout(waiting.timer);
    const since = waiting?.since ?? now;
    const retryAt = this.failures.get(eventId)?.retryAt ?? 0;
    const delay = Math.max(this.taken.has(eventId) ? Math.min(QUIET_MS, since + MAX_WAIT_MS - now) : 0, retryAt - now, 0);
    const timer = setTimeout(() => {
      this.waiting.delete(eventId);
      // Planned while a read was under way that then failed: its back-off comes first.
      if (!this.due(eventId)) return this.plan(eventId, take);
      this.taken.add(eventId);
      take(eventId);
    }, delay);
    timer.unref();
    this.waiting.set(eventId, { timer, since });
  }

  /** No failed read of the event asks to wait (checked again when a planned snapshot's turn comes: a read before it may have failed meanwhile). */
  due(eventId: string): boolean {
    return (this.failures.get(eventId)?.retryAt ?? 0) <= Date.now();
  }

  /** A planned snapshot whose turn came too early after a failure: planned again for after the back-off. */
  later(eventId: string, take: (eventId: string) => void): void {
    this.taken.delete(eventId);
    this.plan(eventId, take);
  }

  /** A snapshot that could not be taken (hub gone, session ended): the next call takes it at once; after a failed read, a little later each time. */
  notTaken(eventId: string, failed = false, round = this.round): void {
    if (round !== this.round) return;
    this.taken.delete(eventId);
    if (!failed) {
      this.failures.delete(eventId);
      return;
    }
    const count = (this.failures.get(eventId)?.count ?? 0) + 1;
    this.failures.set(eventId, { count, retryAt: Date.now() + Math.min(RETRY_MS * 2 ** (count - 1), RETRY_MAX_MS) });
  }

  /** A new session follows no event of the one before, and is not shown its replay (names of families, for that host). */
  reset(): void {
    this.lastReplay = null;
    this.round += 1;
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    this.failures.clear();
    this.used.clear();
    this.taken.clear();
  }

  /** Another PC checked someone in, changed a registration, a household (a move-out) or a consent: the events whose counter was used here lately follow. */
  heard(entities: readonly string[], take: (eventId: string) => void): void {
    if (!entities.some((e) => e === 'checkin' || e === 'registration' || e === 'member' || e === 'consent' || e === '*')) return;
    const since = Date.now() - ACTIVE_MS;
    for (const [eventId, at] of this.used) {
      if (at < since) this.used.delete(eventId);
      else this.plan(eventId, take);
    }
  }

  /** While the hub answers: this PC's snapshot of the event (registrations, their members, who is in). */
  async remember(live: Db, eventId: string): Promise<void> {
    // One snapshot of the hub: its counts and its list of who is in agree (it runs beside the call queue).
    const snapshot = await live
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((db) => this.read(db, eventId));
    this.files.saveSnapshot(this.key(), snapshot);
    this.failures.delete(eventId);
  }

  private async read(db: Tx, eventId: string): Promise<EventSnapshot> {
    const event = await findEvent(db, eventId);
    const registrations = await db.selectFrom('registrations').select(['family_id', 'member_ids']).where('event_id', '=', eventId).where('status', '=', 'registered').execute();
    const checkins = await db.selectFrom('checkins').select(['person_id', 'family_id']).where('event_id', '=', eventId).execute();
    const familyIds = [...new Set([...registrations.map((r) => r.family_id), ...checkins.map((c) => c.family_id)])];
    const families = familyIds.length ? await db.selectFrom('families').select(['id', 'code', 'display_name']).where('id', 'in', familyIds).execute() : [];
    const members = familyIds.length
      ? await db.selectFrom('members').select(['id', 'family_id', 'first_name', 'last_name', 'birth_year', 'role', 'sort']).where('family_id', 'in', familyIds).where('moved_out_at', 'is', null).execute()
      : [];
    // Who moved out: chosen on a screen listed before the move, refused as moved out, as online (not taken for another family's).
    const movedOut = familyIds.length ? await db.selectFrom('members').select(['id', 'family_id']).where('family_id', 'in', familyIds).where('moved_out_at', 'is not', null).execute() : [];
    const storing = await familiesWithConsent(db, familyIds, 'data_storage');
    const photos = await familiesWithConsent(db, familyIds, 'photos');
    const named = new Map(registrations.map((r) => [r.family_id, JSON.parse(r.member_ids) as string[]]));
    const snapshot: EventSnapshot = {
      takenAt: new Date().toISOString(),
      event: { id: event.id, title: event.title, capacity: event.capacity, status: event.status, date: event.date, start: event.start_time, end: event.end_time, place: event.place },
      families: families.map((f) => ({ id: f.id, code: f.code, name: f.display_name, dataStorage: storing.has(f.id), photos: photos.has(f.id), named: named.get(f.id) ?? null })),
      members: members.map((m) => ({ id: m.id, familyId: m.family_id, firstName: m.first_name, lastName: m.last_name, birthYear: m.birth_year, role: m.role, sort: m.sort })),
      checkedIn: checkins.map((c) => c.person_id),
      movedOut: movedOut.map((m) => ({ id: m.id, familyId: m.family_id })),
      counts: await countsOf(db, event),
    };
    return snapshot;
  }

  private snapshot(eventId: string): EventSnapshot {
    const snapshot = this.files.snapshot(this.key(), eventId);
    if (!snapshot) throw new DomainError('CONFLICT', 'errors:offline_no_snapshot');
    return snapshot;
  }

  /** Persons of the event already in: at the snapshot, and from this PC's journal since. */
  private present(snapshot: EventSnapshot): { ids: Set<string>; journal: JournalEntry[] } {
    const journal = this.files.entries(this.key()).entries.filter((e) => e.eventId === snapshot.event.id);
    const ids = new Set(snapshot.checkedIn);
    for (const entry of journal) for (const p of entry.persons) ids.add(p.personId);
    return { ids, journal };
  }

  counts(eventId: string): EventSnapshot['counts'] {
    return this.countsOf(this.snapshot(eventId));
  }

  /** The snapshot's counts with this PC's journal since. */
  private countsOf(snapshot: EventSnapshot): EventSnapshot['counts'] {
    const { journal } = this.present(snapshot);
    const before = new Set(snapshot.checkedIn);
    let present = snapshot.counts.present;
    let walkIns = snapshot.counts.walkIns;
    for (const entry of journal) {
      for (const p of entry.persons) {
        if (before.has(p.personId)) continue;
        before.add(p.personId);
        present += 1;
        if (entry.named === null || (entry.named.length > 0 && !entry.named.includes(p.personId))) walkIns += 1;
      }
    }
    const { capacity } = snapshot.event;
    const { registered, anonymous } = snapshot.counts;
    return { ...snapshot.counts, present, walkIns, capacityLeft: capacity === null ? null : Math.max(0, capacity - registered - walkIns - anonymous.total) };
  }

  /** A check-in from the snapshot, written to the journal before it is confirmed. */
  checkIn(input: { eventId: string; code?: string | undefined; personIds?: string[] | undefined }, userId: string) {
    const snapshot = this.snapshot(input.eventId);
    if (snapshot.event.status === 'cancelled') throw new DomainError('CONFLICT', 'errors:event_cancelled');
    const movedOut = snapshot.movedOut ?? [];
    const familyOf = (personId: string) => (snapshot.members.find((m) => m.id === personId) ?? movedOut.find((m) => m.id === personId))?.familyId;
    const family =
      input.code !== undefined
        ? snapshot.families.find((f) => f.code === input.code!.trim().toUpperCase())
        : snapshot.families.find((f) => f.id === familyOf(input.personIds![0]!));
    if (!family) throw new DomainError('NOT_FOUND', 'errors:offline_family_unknown');
    const household = snapshot.members.filter((m) => m.familyId === family.id).sort((x, y) => x.sort - y.sort);
    let chosen = household;
    let left = 0;
    if (input.personIds) {
      const wanted = new Set(input.personIds);
      chosen = household.filter((m) => wanted.has(m.id));
      left = movedOut.filter((m) => m.familyId === family.id && wanted.has(m.id)).length;
      if (chosen.length + left !== wanted.size) {
        throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['personIds'], message: 'validation:persons_one_family' }] });
      }
    } else if (family.named && family.named.length > 0) chosen = household.filter((m) => family.named!.includes(m.id));
    // In the order of the check-in on the hub: consent, nobody left, someone who moved out.
    if (!family.dataStorage) throw new DomainError('CONFLICT', 'errors:consent_missing', { purpose: 'data_storage' });
    if (chosen.length + left === 0) throw new DomainError('CONFLICT', 'errors:checkin_nobody');
    if (left > 0) throw new DomainError('CONFLICT', 'errors:checkin_moved_out');
    const persons: Person[] = chosen.map((m) => ({ personId: m.id, firstName: m.firstName, lastName: m.lastName }));
    const { ids } = this.present(snapshot);
    const newly = persons.filter((p) => !ids.has(p.personId));
    if (newly.length > 0) {
      this.files.append(this.key(), {
        id: randomUUID(),
        eventId: snapshot.event.id,
        familyId: family.id,
        familyName: family.name,
        persons: newly,
        named: family.named,
        at: this.services.now().toISOString(),
        userId,
      });
    }
    return {
      familyId: family.id,
      familyName: family.name,
      checkedIn: newly,
      already: persons.filter((p) => ids.has(p.personId)),
      photoConsent: family.photos,
      counts: this.countsOf(snapshot),
    };
  }

  /** The counter's search, over the snapshot: families registered or already in, by name or code. */
  search(eventId: string, query: string, limit: number): CounterHit[] {
    const snapshot = this.snapshot(eventId);
    const { ids } = this.present(snapshot);
    const words = nameWords(query);
    const code = query.trim().toUpperCase();
    const hits = snapshot.families.filter((f) => {
      if (f.code === code) return true;
      const names = [f.name, ...snapshot.members.filter((m) => m.familyId === f.id).flatMap((m) => [m.firstName, m.lastName])].flatMap((n) => nameWords(n));
      return words.length > 0 && words.every((w) => names.some((n) => n.startsWith(w)));
    });
    return hits.slice(0, limit).map((f) => ({
      familyId: f.id,
      familyName: f.name,
      code: f.code,
      registered: f.named !== null,
      photoConsent: f.photos,
      members: snapshot.members
        .filter((m) => m.familyId === f.id)
        .sort((x, y) => x.sort - y.sort)
        .map((m) => ({
          personId: m.id,
          firstName: m.firstName,
          lastName: m.lastName,
          birthYear: m.birthYear,
          role: m.role as CounterHit['members'][number]['role'],
          registered: f.named !== null && (f.named.length === 0 || f.named.includes(m.id)),
          checkedIn: ids.has(m.id),
        })),
    }));
  }

  /**
   * Who may log in on this PC while the hub does not answer (OfflineStaff):
   * the hub's active accounts with their key slots as the hub has them now.
   */
  async rememberStaff(db: Tx): Promise<void> {
    const hub = this.services.state.dialect.hub;
    const file = hub ? await hub.keyFile(db) : null;
    if (!file) return;
    const users = await db.selectFrom('users').select(['id', 'role']).where('active', '=', 1).execute();
    // One slot per account, of the account's role (any staff login may write the key file: a slot added for
    // someone else's account, or with another role, makes no one listed).
    const slots = new Map<string, string | null>();
    const roles = new Map(users.map((u) => [u.id, u.role]));
    for (const i of parseKeyFile(file.data.toString('utf8')).identities) {
      if (i.kind !== 'user' || !i.userId) continue;
      slots.set(i.userId, slots.has(i.userId) || i.role !== roles.get(i.userId) ? null : i.recipient);
    }
    const settings = this.services.state.settings;
    this.files.saveStaff(this.key(), {
      at: this.services.now().toISOString(),
      staff: users.flatMap((u) => {
        const recipient = slots.get(u.id);
        return recipient ? [{ userId: u.id, role: u.role, recipient }] : [];
      }),
      autoLockMinutes: settings?.autoLockMinutes ?? null,
      officeName: settings?.officeName ?? null,
    });
  }

  /** Logins on this PC alone since the last login on the hub go into the audit log (each at its own time, never later than now). */
  async recordLogins(db: Db, auditKey: Buffer): Promise<void> {
    const key = this.key();
    const logins = this.files.logins(key);
    if (logins.length === 0) return;
    const now = this.services.now();
    await db.transaction().execute(async (trx) => {
      for (const login of logins) {
        const at = new Date(Math.min(Date.parse(login.at) || now.getTime(), now.getTime()));
        await appendAudit(trx, { method: 'session.login', userId: login.userId, entityType: null, entityId: null, outcome: 'OFFLINE' }, at, auditKey);
      }
    });
    this.files.clearLogins(key);
  }

  /** The events whose counter can run here without the hub (a snapshot of each), the newest event first; lists of events a week past go. */
  events(): OfflineEvent[] {
    const key = this.key();
    const weekAgo = localDay(new Date(this.services.now().getTime() - KEEP_LISTS_MS));
    const snapshots = this.files.snapshots(key).filter((snapshot) => {
      if (!snapshot.event.date || snapshot.event.date >= weekAgo) return true;
      this.files.forget(snapshot.event.id);
      return false;
    });
    return snapshots
      .map((snapshot) => ({
        eventId: snapshot.event.id,
        title: snapshot.event.title,
        date: snapshot.event.date ?? null,
        start: snapshot.event.start ?? null,
        end: snapshot.event.end ?? null,
        place: snapshot.event.place ?? null,
        status: snapshot.event.status,
        takenAt: snapshot.takenAt,
        counts: this.countsOf(snapshot),
      }))
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.takenAt.localeCompare(a.takenAt));
  }

  pending(): number {
    return this.files.pending();
  }

  /**
   * One journal entry into the hub, in its own transaction with its audit
   * entry (in the name of whoever is logged in; the check-in keeps who made
   * it): the persons newly in, 'before' when this entry went in already (its
   * id is the batch — a crash between its commit and the journal's rewrite),
   * 'gone' when its event or family was removed meanwhile.
   */
  private async replayOne(db: Db, entry: JournalEntry, auditKey: Buffer): Promise<Set<string> | 'before' | 'gone'> {
    const named = entry.named;
    const walkIn = (personId: string) => (named === null || (named.length > 0 && !named.includes(personId)) ? 1 : 0);
    const userId = this.services.state.session?.userId ?? entry.userId;
    try {
      return await db.transaction().execute(async (trx) => {
        if (await trx.selectFrom('checkins').select('id').where('event_id', '=', entry.eventId).where('batch', '=', entry.id).executeTakeFirst()) return 'before' as const;
        const rows = await trx
          .insertInto('checkins')
          .values(entry.persons.map((p) => ({ id: randomUUID(), event_id: entry.eventId, person_id: p.personId, family_id: entry.familyId, batch: entry.id, at: entry.at, by_user: entry.userId, walk_in: walkIn(p.personId), checked_out_at: null })))
          .onConflict((oc) => oc.columns(['event_id', 'person_id']).doNothing())
          .returning('person_id')
          .execute();
        await appendAudit(trx, { method: 'checkin.checkIn', userId, entityType: 'event', entityId: entry.eventId, outcome: 'ok' }, this.services.now(), auditKey);
        return new Set(rows.map((r) => r.person_id));
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23503') return 'gone';
      throw error;
    }
  }

  /**
   * The hub is back: every journal entry goes in with ON CONFLICT DO NOTHING
   * (replayOne); what is left when the hub goes away again stays for the next time.
   */
  async replay(db: Db, auditKey: Buffer): Promise<ReplayReport | null> {
    const key = this.key();
    const { entries } = this.files.entries(key);
    if (entries.length === 0) return null;
    const report: ReplayReport = { at: this.services.now().toISOString(), replayed: 0, dropped: 0, alreadyIn: [] };
    try {
      for (const [index, entry] of entries.entries()) {
        const inserted = await this.replayOne(db, entry, auditKey);
        if (inserted === 'gone') report.dropped += entry.persons.length;
        else if (inserted !== 'before') {
          report.replayed += inserted.size;
          const twice = entry.persons.filter((p) => !inserted.has(p.personId));
          if (twice.length > 0) report.alreadyIn.push({ eventId: entry.eventId, familyName: entry.familyName, names: twice.map((p) => `${p.firstName} ${p.lastName}`) });
        }
        // Each entry leaves the journal once it is in: a second replay never names its persons as checked in twice.
        this.files.keep(key, entries.slice(index + 1));
      }
    } finally {
      // Every snapshot is taken again: the journal's check-ins are in the hub now.
      for (const eventId of this.used.keys()) this.taken.delete(eventId);
    }
    this.lastReplay = report;
    return report;
  }
}
