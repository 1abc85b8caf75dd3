/**
 * The reach report of a whole office, kept in parts. Nearly every figure is a
 * sum over families (a person, a contact, a check-in and a referral belong to
 * one family), so the office's families fall into buckets by the first three
 * characters of their id (random UUIDs: 4,096 buckets of about equal size) and
 * each bucket's figures are counted once and stored (`report_parts`). Every
 * change to a family's report rows raises its bucket's version (triggers of
 * migration 0016), so a stored part holds while its bucket's version stays;
 * a report reads the stored parts, counts again only the buckets that
 * changed and adds what belongs to no family (events held, anonymous counts,
 * volunteer hours, trainings, who started taking part) from the database.
 * The counting is reach.ts's own, so a report from parts is the same report.
 *
 * Only reports without filters (the definition may differ) use parts: a
 * filter counts from the rows, as before. On the hub each login reads only
 * the parts its own reports stored (row-level security): nobody's figures
 * rest on what another login wrote.
 */
import type { ReachReport, ReportFilters } from '../../../shared/rpc/areas/reports';
import { REPORT_BUCKET_CHARS } from '../db/dialect';
import type { Db, Tx } from '../db/schema';
import * as facts from './facts';
import { monthOfInstant, monthsOf, type Period } from './period';
import { countReach, indexRows, type ReachRows } from './reach';
import { type CheckinRow, type ContactFamilyRow, eventsIn, FAMILY_COLUMNS, type FamilyRow, familyRow, PERSON_COLUMNS, personRow } from './reads';

/** Raised whenever the counting (reach.ts) or a part's form changes: parts of an earlier counting are never read again. */
const FORMAT = 2;
const DEFINITIONS = ['background', 'history'] as const;
/** Periods whose parts are kept per login (the most recently counted ones): about 6 MB each at 50,000 families. */
const KEEP_PERIODS = 4;
/** Ids per `IN` list (SQLite and PostgreSQL both take far more; the lists stay readable in a plan). */
const CHUNK = 1000;
/** Bucket ranges per read of their families. */
const BUCKETS_PER_READ = 200;
/** From this many buckets to count on, the rows are read whole and sorted into buckets here. */
const READ_ALL_FROM = 1024;

type Report = Omit<ReachReport, 'tookMs'>;

/** A bucket's figures: the report's numbers without its shape, zeros left out (summary, table rows, table totals, months by index). */
export interface PartFigures {
  s: Record<string, number>;
  t: Record<string, Record<string, number[]>>;
  tt: Record<string, number[]>;
  m: Record<string, [families: number, participations: number]>;
}

export interface FreshPart {
  period: string;
  definition: string;
  bucket: string;
  version: number;
  validUntil: string | null;
  /** The moment it was counted at (a referral counts once its appointment is past). */
  countedAt: string;
  part: string;
}

export interface PartsResult {
  report: Report;
  /** Parts counted anew, for the caller to store (the read itself writes nothing). */
  fresh: FreshPart[];
  /** How many buckets were counted anew (of `buckets`). */
  counted: number;
  buckets: number;
}

export const bucketOf = (familyId: string) => familyId.slice(0, REPORT_BUCKET_CHARS);

/** A report that parts can answer: no filter but the definition. */
export function partsAnswer(filters: ReportFilters): boolean {
  return Object.entries(filters).every(([key, value]) => key === 'definition' || value === undefined || value === null || value === '');
}

/** The period as stored, with the instants (a period's days start at the office's local midnight) and the counting's format. */
const keyOf = (p: Period) => `${FORMAT}:${p.from}/${p.to}:${p.start}/${p.end}`;

function emptyRows(): ReachRows {
  return {
    familyRows: [],
    personRows: [],
    contactFamilies: [],
    contactMonthTotals: [],
    contactKinds: [],
    contactFieldFams: [],
    checkins: [],
    eventGroups: [],
    anonymous: { adults: 0, children: 0 },
    referralRows: [],
    hours: 0,
    trainings: { held: 0, trained: 0 },
    starts: { engagements: [], volunteers: [], qualified: [] },
  };
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Rows of `read` for the given families (all of them when `ids` is null), chunk by chunk. */
async function forFamilies<T>(ids: string[] | null, read: (chunk: string[] | null) => Promise<T[]>): Promise<T[]> {
  if (!ids) return read(null);
  let out: T[] = [];
  // concat, not push(...rows): a chunk of families may have hundreds of thousands of rows.
  for (const chunk of chunks(ids)) out = out.concat(await read(chunk));
  return out;
}

/** The report's rows of the families in `buckets` (all of them when null), sorted into their buckets. */
async function bucketRows(db: Tx, period: Period, buckets: string[] | null): Promise<Map<string, ReachRows>> {
  const months = monthsOf(period);
  const families = db.selectFrom('families').select(FAMILY_COLUMNS);
  // A bucket is a range of ids (both databases compare text by code point: the hub refuses another collation),
  // a few hundred ranges per statement (SQLite's expressions nest at most 1,000 deep).
  const after = (bucket: string) => bucket.slice(0, -1) + String.fromCharCode(bucket.charCodeAt(bucket.length - 1) + 1);
  let familyRows: FamilyRow[] = [];
  if (!buckets) familyRows = (await families.execute()).map(familyRow);
  for (let i = 0; buckets && i < buckets.length; i += BUCKETS_PER_READ) {
    const some = buckets.slice(i, i + BUCKETS_PER_READ);
    familyRows = familyRows.concat((await families.where((eb) => eb.or(some.map((b) => eb.and([eb('id', '>=', b), eb('id', '<', after(b))])))).execute()).map(familyRow));
  }
  const ids = buckets ? familyRows.map((r) => r[0]) : null;
  const byBucket = new Map<string, ReachRows>();
  const rowsOf = (familyId: string) => {
    const bucket = bucketOf(familyId);
    return byBucket.get(bucket) ?? byBucket.set(bucket, { ...emptyRows(), contactMonthTotals: months.map(() => 0) }).get(bucket)!;
  };
  for (const r of familyRows) rowsOf(r[0]).familyRows.push(r);
  if (ids?.length === 0) return byBucket;

  const persons = await forFamilies(ids, (chunk) => {
    const q = db.selectFrom('members').select(PERSON_COLUMNS);
    return (chunk ? q.where('family_id', 'in', chunk) : q).execute();
  });
  for (const r of persons) rowsOf(r.family_id).personRows.push(personRow(r));

  const contacts = await forFamilies(ids, (chunk) => {
    const q = db.selectFrom('contacts').where('occurred_at', '>=', period.start).where('occurred_at', '<', period.end).select(['family_id', 'occurred_at', 'type', 'field_of_action', 'topics']);
    return (chunk ? q.where('family_id', 'in', chunk) : q).execute();
  });
  // As the generic reads group them (reads.ts), per bucket.
  const perFamily = new Map<string, ContactFamilyRow>();
  const kinds = new Map<string, Map<string, number>>();
  const fieldFamilies = new Map<string, Map<number, Set<string>>>();
  for (const c of contacts) {
    const bucket = bucketOf(c.family_id);
    const rows = rowsOf(c.family_id);
    const m = monthOfInstant(months, c.occurred_at);
    const family = perFamily.get(c.family_id) ?? perFamily.set(c.family_id, [c.family_id, 0, []]).get(c.family_id)!;
    family[1] += 1;
    if (!family[2].includes(m)) family[2].push(m);
    rows.contactMonthTotals[m]! += 1;
    const kindKey = `${c.type}\u0001${c.field_of_action}\u0001${c.topics}`;
    const bucketKinds = kinds.get(bucket) ?? kinds.set(bucket, new Map()).get(bucket)!;
    bucketKinds.set(kindKey, (bucketKinds.get(kindKey) ?? 0) + 1);
    const fields = fieldFamilies.get(bucket) ?? fieldFamilies.set(bucket, new Map()).get(bucket)!;
    (fields.get(c.field_of_action) ?? fields.set(c.field_of_action, new Set()).get(c.field_of_action)!).add(c.family_id);
  }
  for (const row of perFamily.values()) rowsOf(row[0]).contactFamilies.push(row);
  for (const [bucket, counts] of kinds) {
    const rows = byBucket.get(bucket)!;
    for (const [key, n] of counts) {
      const [type, field, topics] = key.split('\u0001') as [string, string, string];
      rows.contactKinds.push([type, Number(field), topics, n]);
    }
  }
  for (const [bucket, fields] of fieldFamilies) byBucket.get(bucket)!.contactFieldFams.push(...[...fields].map(([field, set]) => [field, set.size] as [number, number]));

  const checkins = await forFamilies(ids, (chunk) => {
    const q = eventsIn(db, period, {}).innerJoin('checkins as c', 'c.event_id', 'e.id').select(['c.person_id', 'c.family_id', 'e.type', 'e.field_of_action', 'e.date']);
    return (chunk ? q.where('c.family_id', 'in', chunk) : q).execute();
  });
  for (const r of checkins) rowsOf(r.family_id).checkins.push([r.person_id, r.family_id, r.type, r.field_of_action, r.date] satisfies CheckinRow);

  // A period's referrals are few (a read by time): all of them, each to its bucket.
  const wanted = buckets ? new Set(buckets) : null;
  for (const r of await facts.referrals(db, period, {})) if (!wanted || wanted.has(bucketOf(r.familyId))) rowsOf(r.familyId).referralRows.push(r);
  return byBucket;
}

/** What belongs to no family: events held, anonymous counts, hours, trainings, and who started taking part (with their rows, for the migration background). */
async function officeRows(db: Tx, period: Period): Promise<ReachRows> {
  const [eventGroups, anonymous, hours, trainings, starts] = await Promise.all([
    facts.eventGroups(db, period, {}),
    facts.anonymousCounts(db, period, {}),
    facts.volunteerHours(db, period, {}),
    facts.trainings(db, period, {}),
    facts.participationStarts(db, period),
  ]);
  const memberIds = [...new Set([...starts.engagements.map((e) => e.member_id), ...starts.volunteers, ...starts.qualified])];
  const persons = await forFamilies(memberIds, async (chunk) => db.selectFrom('members').select(PERSON_COLUMNS).where('id', 'in', chunk!).execute());
  const familyIds = [...new Set(persons.map((p) => p.family_id))];
  const families = await forFamilies(familyIds, async (chunk) => db.selectFrom('families').select(FAMILY_COLUMNS).where('id', 'in', chunk!).execute());
  return {
    ...emptyRows(),
    contactMonthTotals: monthsOf(period).map(() => 0),
    familyRows: families.map(familyRow),
    // Counted for their start only: no contact, check-in or referral here reaches them.
    personRows: persons.map(personRow),
    eventGroups,
    anonymous,
    hours,
    trainings,
    starts,
  };
}

const nonZero = (values: readonly number[]) => values.some((v) => v !== 0);

function figuresOf(report: Report): PartFigures {
  const figures: PartFigures = { s: {}, t: {}, tt: {}, m: {} };
  for (const [key, value] of Object.entries(report.summary)) if (value) figures.s[key] = value;
  for (const table of report.tables) {
    const rows: Record<string, number[]> = {};
    for (const row of table.rows) if (nonZero(row.values)) rows[row.key] = row.values;
    if (Object.keys(rows).length) figures.t[table.id] = rows;
    if (nonZero(table.totals)) figures.tt[table.id] = table.totals;
  }
  report.months.forEach((m, i) => {
    if (m.families || m.participations) figures.m[i] = [m.families, m.participations];
  });
  return figures;
}

/** A stored part as written by figuresOf; anything else (a damaged row) is null and counted again. */
function parsePart(text: string): PartFigures | null {
  try {
    const part = JSON.parse(text) as Partial<PartFigures> | null;
    return part && typeof part === 'object' && part.s && part.t && part.tt && part.m ? (part as PartFigures) : null;
  } catch {
    return null;
  }
}

/** Adds a part's figures to a report (in place). */
function addFigures(report: Report, figures: PartFigures): void {
  const summary = report.summary as unknown as Record<string, number>;
  for (const [key, value] of Object.entries(figures.s)) if (key in summary) summary[key]! += value;
  for (const table of report.tables) {
    for (const [key, values] of Object.entries(figures.t[table.id] ?? {})) {
      let row = table.rows.find((r) => r.key === key);
      if (!row) table.rows.push((row = { key, values: table.columns.map(() => 0) }));
      values.forEach((v, i) => (row.values[i] = (row.values[i] ?? 0) + v));
    }
    figures.tt[table.id]?.forEach((v, i) => (table.totals[i] = (table.totals[i] ?? 0) + v));
  }
  for (const [i, [families, participations]] of Object.entries(figures.m)) {
    const month = report.months[Number(i)];
    if (!month) continue;
    month.families += families;
    month.participations += participations;
  }
}

/** Adds (sign 1) or takes away (sign -1) a part's figures to a running sum, dropping what comes to zero (a language nobody asked for is no row). */
function accumulate(sum: PartFigures, figures: PartFigures, sign: 1 | -1): void {
  const addInto = (into: Record<string, number[]>, key: string, values: readonly number[]) => {
    const target = (into[key] ??= values.map(() => 0));
    values.forEach((v, i) => (target[i] = (target[i] ?? 0) + sign * v));
    if (!nonZero(target)) delete into[key];
  };
  for (const [key, value] of Object.entries(figures.s)) {
    sum.s[key] = (sum.s[key] ?? 0) + sign * value;
    if (!sum.s[key]) delete sum.s[key];
  }
  for (const [table, rows] of Object.entries(figures.t)) {
    const into = (sum.t[table] ??= {});
    for (const [key, values] of Object.entries(rows)) addInto(into, key, values);
  }
  for (const [table, totals] of Object.entries(figures.tt)) addInto(sum.tt, table, totals);
  for (const [month, values] of Object.entries(figures.m)) addInto(sum.m as Record<string, number[]>, month, values);
}

/** A stored part as the running sum holds it. */
interface HeldPart {
  version: number;
  storedAt: string;
  validUntil: string | null;
  figures: PartFigures;
}

/**
 * The stored parts last read and their sum, per period, definition and
 * viewer (on the hub each login has parts of its own): a report then reads
 * the parts' versions and times, and the figures only of parts that changed
 * since. In the process that runs the reports (SQLite: the reader worker).
 */
const held: { key: string; parts: Map<string, HeldPart>; sum: PartFigures }[] = [];
const HELD = 2;

/** Forgets every held sum (the store closes: the next report reads its parts again). */
export function forgetHeldParts(): void {
  held.length = 0;
}

function heldFor(key: string): { parts: Map<string, HeldPart>; sum: PartFigures } {
  const found = held.find((h) => h.key === key);
  if (found) return found;
  const made = { key, parts: new Map<string, HeldPart>(), sum: { s: {}, t: {}, tt: {}, m: {} } };
  held.unshift(made);
  held.length = Math.min(held.length, HELD);
  return made;
}

function hold(entry: { parts: Map<string, HeldPart>; sum: PartFigures }, bucket: string, part: HeldPart | null): void {
  const before = entry.parts.get(bucket);
  if (before) accumulate(entry.sum, before.figures, -1);
  if (part) {
    accumulate(entry.sum, part.figures, 1);
    entry.parts.set(bucket, part);
  } else entry.parts.delete(bucket);
}

/** The earliest referral appointment still to come in these rows: until then the part holds. */
function validUntil(rows: ReachRows, now: string): string | null {
  let next: string | null = null;
  for (const r of rows.referralRows) if (r.appointmentAt > now && (next === null || r.appointmentAt < next)) next = r.appointmentAt;
  return next;
}

/**
 * The report of an unfiltered period from the stored parts, counting anew the
 * buckets that changed (one snapshot: `db` is the read's transaction).
 * `viewer`: whose parts these are (the hub's logins each read their own).
 */
export async function reachFromParts(db: Tx, period: Period, definition: (typeof DEFINITIONS)[number], now = new Date().toISOString(), viewer = ''): Promise<PartsResult> {
  const key = keyOf(period);
  const [versions, stored] = await Promise.all([
    db.selectFrom('report_buckets').select(['bucket', 'version']).execute(),
    db.selectFrom('report_parts').select(['bucket', 'version', 'valid_until', 'stored_at']).where('period', '=', key).where('definition', '=', definition).execute(),
  ]);
  // What is held in memory follows what is stored: parts stored since (by this viewer on another PC, or by the last
  // report here) are read, parts gone are dropped.
  const entry = heldFor(JSON.stringify([key, definition, viewer]));
  const storedNow = new Map(stored.map((s) => [s.bucket, s]));
  for (const bucket of [...entry.parts.keys()]) if (!storedNow.has(bucket)) hold(entry, bucket, null);
  const changed = stored.filter((s) => {
    const h = entry.parts.get(s.bucket);
    return !h || h.version !== s.version || h.storedAt !== s.stored_at || h.validUntil !== s.valid_until;
  });
  for (const chunk of chunks(changed.map((s) => s.bucket))) {
    const rows = await db.selectFrom('report_parts').select(['bucket', 'part']).where('period', '=', key).where('definition', '=', definition).where('bucket', 'in', chunk).execute();
    for (const r of rows) {
      const s = storedNow.get(r.bucket)!;
      const figures = parsePart(r.part);
      hold(entry, r.bucket, figures ? { version: s.version, storedAt: s.stored_at, validUntil: s.valid_until, figures } : null);
    }
  }
  const current = new Map(versions.map((v) => [v.bucket, v.version]));
  // Counted again: a bucket whose version moved, whose next appointment has come, whose part is damaged or was counted
  // at a later moment than now (a clock set back); a stored part without its bucket's version counts for nothing.
  const stale = [...new Set([...current.keys(), ...entry.parts.keys()])]
    .filter((bucket) => {
      const h = entry.parts.get(bucket);
      return !h || h.version !== current.get(bucket) || (h.validUntil !== null && h.validUntil <= now) || h.storedAt > now;
    })
    .map((bucket) => ({ bucket, version: current.get(bucket) ?? -1 }));
  const fresh: FreshPart[] = [];
  /** Figures of buckets without a version (never made by this app's triggers): counted into this report, never kept. */
  const unkept: PartFigures[] = [];
  if (stale.length) {
    const rows = await bucketRows(db, period, stale.length >= READ_ALL_FROM ? null : stale.map((v) => v.bucket));
    for (const { bucket, version } of stale) {
      const bucketRows = rows.get(bucket) ?? { ...emptyRows(), contactMonthTotals: monthsOf(period).map(() => 0) };
      const indexed = indexRows(period, bucketRows);
      const until = validUntil(bucketRows, now);
      // Both definitions at once: switching between them on screen counts nothing again.
      for (const d of DEFINITIONS) {
        const figures = figuresOf(countReach(indexed, period, { definition: d }, null, now).report);
        const part = JSON.stringify(figures);
        // Held as it will be stored; should the store not keep it, the next report finds it missing and counts again.
        if (d === definition && version < 0) {
          hold(entry, bucket, null);
          unkept.push(figures);
        } else if (d === definition) hold(entry, bucket, { version, storedAt: now, validUntil: until, figures });
        fresh.push({ period: key, definition: d, bucket, version, validUntil: until, countedAt: now, part });
      }
    }
  }
  // What belongs to no family, counted as reach.ts counts it, is the report's shape; the parts' sum adds into it.
  const report = countReach(indexRows(period, await officeRows(db, period)), period, { definition }, null, now).report;
  addFigures(report, entry.sum);
  for (const figures of unkept) addFigures(report, figures);
  const languages = report.tables.find((t) => t.id === 'referralLanguage');
  languages?.rows.sort((a, b) => b.values[0]! - a.values[0]! || a.key.localeCompare(b.key));
  return { report, fresh, counted: stale.length, buckets: versions.length };
}

/**
 * Stores parts counted by a report (its own short transaction) where their
 * bucket's version is still the one they were counted at — a part of a
 * moment since undone (a restore took the versions back) is never kept —
 * and forgets the parts of the periods counted longest ago.
 */
export async function storeParts(db: Db, fresh: readonly FreshPart[], now = new Date().toISOString()): Promise<void> {
  if (!fresh.length) return;
  await db.transaction().execute(async (trx) => {
    const current = new Map<string, number>();
    for (const chunk of chunks([...new Set(fresh.map((p) => p.bucket))])) {
      for (const v of await trx.selectFrom('report_buckets').select(['bucket', 'version']).where('bucket', 'in', chunk).execute()) current.set(v.bucket, v.version);
    }
    // In one order everywhere: two reports storing the same parts wait for each other instead of deadlocking.
    const kept = fresh.filter((p) => current.get(p.bucket) === p.version).sort((a, b) => a.definition.localeCompare(b.definition) || a.bucket.localeCompare(b.bucket));
    for (let i = 0; i < kept.length; i += 200) {
      await trx
        .insertInto('report_parts')
        .values(kept.slice(i, i + 200).map((p) => ({ period: p.period, definition: p.definition, bucket: p.bucket, version: p.version, valid_until: p.validUntil, stored_at: p.countedAt, part: p.part })))
        .onConflict((oc) =>
          oc.columns(['stored_by', 'period', 'definition', 'bucket']).doUpdateSet((eb) => ({
            version: eb.ref('excluded.version'),
            valid_until: eb.ref('excluded.valid_until'),
            stored_at: eb.ref('excluded.stored_at'),
            part: eb.ref('excluded.part'),
          })),
        )
        .execute();
    }
    const periods = await trx.selectFrom('report_parts').select((eb) => ['period', eb.fn.max('stored_at').as('last')]).groupBy('period').execute();
    // A period stamped by a clock that ran ahead does not outrank the one just counted.
    const when = (p: { last: unknown }) => (String(p.last) > now ? now : String(p.last));
    const old = periods
      .sort((a, b) => when(b).localeCompare(when(a)))
      .slice(KEEP_PERIODS)
      .map((p) => p.period);
    if (old.length) await trx.deleteFrom('report_parts').where('period', 'in', old).execute();
  });
}
