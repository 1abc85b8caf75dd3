/**
 * The counter's files for a hub outage, on this PC: a snapshot of each
 * event's registrations and members (taken while the hub answers), and an
 * append-only journal of the check-ins made while it does not; the list of
 * who may log in here without the hub, and the logins made so. All are
 * encrypted (AES-256-GCM) under a key derived from the audit key, which every
 * staff member's slot opens and a key change keeps (a journal written before
 * it is still read after it).
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic';

/** One person checked in at the counter while the hub did not answer. */
export interface JournalEntry {
  id: string;
  eventId: string;
  familyId: string;
  familyName: string;
  persons: { personId: string; firstName: string; lastName: string }[];
  /** Persons the family's registration names (walk-ins are the others); null without registration. */
  named: string[] | null;
  at: string;
  userId: string;
}

export interface SnapshotFamily {
  id: string;
  code: string;
  name: string;
  dataStorage: boolean;
  photos: boolean;
  /** The registered members of its registration for the event; [] registered without names; null not registered. */
  named: string[] | null;
}

export interface EventSnapshot {
  takenAt: string;
  /** date, start, end, place: absent from snapshots taken before an offline session could open the counter. */
  event: { id: string; title: string; capacity: number | null; status: string; date?: string; start?: string; end?: string; place?: string };
  families: SnapshotFamily[];
  members: { id: string; familyId: string; firstName: string; lastName: string; birthYear: number; role: string; sort: number }[];
  /** Persons checked in when the snapshot was taken. */
  checkedIn: string[];
  /** Members of these families who moved out (absent from snapshots taken before this was kept). */
  movedOut?: { id: string; familyId: string }[];
  counts: { present: number; registered: number; waiting: number; walkIns: number; anonymous: { adults: number; children: number; total: number }; capacityLeft: number | null };
}

/**
 * Who may log in on this PC while the hub does not answer, as the hub had it
 * last (written at each login on the hub and after each account change this
 * PC made or heard of): active
 * accounts with the public key of their key slot then — so a slot added to
 * this PC's copy by hand, or one the hub has replaced or dropped since, opens
 * nothing here — and the office's settings such a session needs.
 */
export interface OfflineStaff {
  at: string;
  staff: { userId: string; role: string; recipient: string }[];
  autoLockMinutes: number | null;
  officeName: string | null;
}

/** A login on this PC alone, for the audit log at the next login on the hub (sealed: a file anyone could edit would let them add or drop one). */
export interface OfflineLogin {
  userId: string;
  at: string;
}

const IV = 12;
const TAG = 16;

function seal(key: Buffer, data: unknown): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function open<T>(key: Buffer, sealed: Buffer): T {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(IV, sealed.length - TAG)), decipher.final()]).toString('utf8')) as T;
}

/** A sealed file's content, or null (no such file, or not this key's, or damaged). */
function openFile<T>(key: Buffer, file: string): T | null {
  if (!existsSync(file)) return null;
  try {
    return open<T>(key, readFileSync(file));
  } catch {
    return null;
  }
}

export class OfflineFiles {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'offline');
  }

  /** The files' key, from the audit key of the session. */
  static keyFrom(auditKey: Buffer): Buffer {
    return Buffer.from(hkdfSync('sha256', auditKey, 'm3desk-offline-counter', 'snapshot+journal', 32));
  }

  private ensureDir(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  private snapshotFile(eventId: string): string {
    return join(this.dir, `event-${createHash('sha256').update(eventId).digest('hex').slice(0, 24)}.snap`);
  }

  private get journalFile(): string {
    return join(this.dir, 'journal');
  }

  private get staffFile(): string {
    return join(this.dir, 'staff');
  }

  private get loginsFile(): string {
    return join(this.dir, 'logins');
  }

  saveStaff(key: Buffer, staff: OfflineStaff): void {
    this.ensureDir();
    writeFileAtomic(this.staffFile, seal(key, staff));
  }

  /** The list of who may log in without the hub, or null (none written, or not this key's). */
  staff(key: Buffer): OfflineStaff | null {
    return openFile<OfflineStaff>(key, this.staffFile);
  }

  /** A login without the hub, kept (synced) until the next login on the hub writes it to the audit log. */
  addLogin(key: Buffer, login: OfflineLogin): void {
    this.appendSealed(this.loginsFile, key, login);
  }

  /** The logins this key opens; `clear` once they are in the audit log (lines of another key stay). */
  logins(key: Buffer): OfflineLogin[] {
    return this.readSealed<OfflineLogin>(this.loginsFile, key).entries;
  }

  clearLogins(key: Buffer): void {
    this.rewrite(this.loginsFile, key, []);
  }

  saveSnapshot(key: Buffer, snapshot: EventSnapshot): void {
    this.ensureDir();
    writeFileAtomic(this.snapshotFile(snapshot.event.id), seal(key, snapshot));
  }

  /** The event's snapshot, or null (none taken, or not readable with this key). */
  snapshot(key: Buffer, eventId: string): EventSnapshot | null {
    return openFile<EventSnapshot>(key, this.snapshotFile(eventId));
  }

  /** Every snapshot on this PC this key opens (one per event). */
  snapshots(key: Buffer): EventSnapshot[] {
    if (!existsSync(this.dir)) return [];
    // One another office key sealed, or a damaged one, is not this session's to show.
    return readdirSync(this.dir).flatMap((name) => (name.endsWith('.snap') ? (openFile<EventSnapshot>(key, join(this.dir, name)) ?? []) : []));
  }

  /** An event's snapshot goes (its day is long past). */
  forget(eventId: string): void {
    rmSync(this.snapshotFile(eventId), { force: true });
  }

  /** Whether any event's snapshot lies on this PC (before a login: nothing is opened). */
  hasSnapshots(): boolean {
    return existsSync(this.dir) && readdirSync(this.dir).some((name) => name.endsWith('.snap'));
  }

  /** Appends one entry and syncs it to the disk before the counter confirms it. */
  append(key: Buffer, entry: JournalEntry): void {
    this.appendSealed(this.journalFile, key, entry);
  }

  /** The journal's entries in order; a line this key does not open (another office key) is kept, not read. */
  entries(key: Buffer): { entries: JournalEntry[]; unreadable: number } {
    return this.readSealed<JournalEntry>(this.journalFile, key);
  }

  private appendSealed(file: string, key: Buffer, entry: unknown): void {
    this.ensureDir();
    const fd = openSync(file, 'a', 0o600);
    try {
      appendFileSync(fd, `${seal(key, entry).toString('base64')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private readSealed<T>(file: string, key: Buffer): { entries: T[]; unreadable: number } {
    if (!existsSync(file)) return { entries: [], unreadable: 0 };
    const entries: T[] = [];
    let unreadable = 0;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        entries.push(open<T>(key, Buffer.from(line, 'base64')));
      } catch {
        unreadable += 1;
      }
    }
    return { entries, unreadable };
  }

  /** Pending entries (for the banner): lines in the journal. */
  pending(): number {
    if (!existsSync(this.journalFile)) return 0;
    return readFileSync(this.journalFile, 'utf8').split('\n').filter(Boolean).length;
  }

  /** After a replay: the journal keeps only what was not replayed (kept: lines this key did not open). */
  keep(key: Buffer, remaining: JournalEntry[]): void {
    this.rewrite(this.journalFile, key, remaining);
  }

  private rewrite(file: string, key: Buffer, remaining: unknown[]): void {
    const unread = existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => {
            if (!line) return false;
            try {
              open(key, Buffer.from(line, 'base64'));
              return false;
            } catch {
              return true;
            }
          })
      : [];
    const lines = [...unread, ...remaining.map((e) => seal(key, e).toString('base64'))];
    if (lines.length === 0) rmSync(file, { force: true });
    else writeFileAtomic(file, `${lines.join('\n')}\n`);
  }
}
