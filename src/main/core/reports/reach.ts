/**
 * The reach report (Reichweite) of a period. Definitions, as the screen
 * writes them next to the figures:
 * - A family is reached when it had a contact, a family member checked in
 *   at an event, or it had a referral appointment in the period.
 * - A person is reached when they checked in at an event, were named in a
 *   referral, or belong to a reached family's household through a contact
 *   or a referral for the whole family (members who moved out before the
 *   period do not count). Each family and person counts once per period,
 *   however often they came; participations count every time.
 * - Anonymous counts at the counter are never persons: shown apart.
 */
import { CONTACT_TOPICS, CONTACT_TYPES, type ENGAGEMENT_KINDS, EVENT_TYPES, GENDERS, REFERRAL_KINDS, REFERRAL_REASONS, REFERRAL_STATUS } from '../../../shared/domain/lists';
import { AGE_BANDS, CONTACT_CHANNELS, type Figure, type ReachReport, type ReportFilters, type ReportTable } from '../../../shared/rpc/areas/reports';
import type { Tx } from '../db/schema';
import { kyselyReportReads, type ReportReads } from './reads';
import * as facts from './facts';
import type { CheckinRow, ContactFamilyRow, ContactKindRow, FamilyRow, FieldFamiliesRow, PersonRow } from './reads';
import { ageBand, monthOfInstant, monthsOf, periodOf, type Period } from './period';

const MH = ['yes', 'no', 'not_stated'] as const;
const MH_COLUMNS = MH.map((m) => `mh_${m}`);

/** How a contact type reaches the family (Bavaria's statistics count channels apart from events). */
export const CHANNEL_OF_TYPE: Record<string, (typeof CONTACT_CHANNELS)[number]> = {
  walk_in: 'in_person',
  home_visit: 'in_person',
  accompaniment: 'in_person',
  phone: 'phone',
  email: 'email',
  digital: 'digital',
  other: 'other',
};

/** Referrals that fell through reach nobody. */
const NOT_REACHING = new Set(['cancelled', 'withdrawn', 'no_show']);

/** Participation outcomes (Mitmachen) and the engagement kinds behind them. */
const OUTCOMES = ['volunteering', 'interpreter_qualification', 'council_committee', 'event_speaker'] as const;
const OUTCOME_OF_KIND: Record<(typeof ENGAGEMENT_KINDS)[number], (typeof OUTCOMES)[number]> = {
  office_volunteering: 'volunteering',
  interpreter_qualification: 'interpreter_qualification',
  parents_council: 'council_committee',
  school_committee: 'council_committee',
  event_speaker: 'event_speaker',
};

/** What the report counted, for the drill-down and the export's records. */
export interface Reached {
  period: Period;
  /** Reached family → its participations (contacts + check-ins + referrals). */
  reachedFamilies: Map<string, number>;
  /** A family's facts by id (built on demand: most reports never ask). */
  family(id: string): facts.FamilyFacts | undefined;
  referrals: facts.ReferralFacts[];
  /** The referrals that count as reach (not fallen through, appointment come). */
  reachingReferrals: facts.ReferralFacts[];
}

class Grid {
  private readonly values: number[][];
  private readonly rowIndex: Map<string, number>;
  private readonly columnIndex: Map<string, number>;
  constructor(
    readonly rows: readonly string[],
    readonly columns: readonly string[],
  ) {
    this.values = rows.map(() => columns.map(() => 0));
    this.rowIndex = new Map(rows.map((r, i) => [r, i]));
    this.columnIndex = new Map(columns.map((c, i) => [c, i]));
  }
  add(row: string, column: string, by = 1): void {
    const r = this.rowIndex.get(row);
    const c = this.columnIndex.get(column);
    if (r !== undefined && c !== undefined) this.values[r]![c]! += by;
  }
  /** Totals: given, else the column sums where the rows add up, else none (a sum would count someone twice). */
  table(id: string, rowKind: string, rowsAdd: boolean, columnsAdd: boolean, totals?: number[]): ReportTable {
    const sums = rowsAdd ? this.columns.map((_, c) => this.values.reduce((a, row) => a + row[c]!, 0)) : [];
    return {
      id,
      rowKind,
      columns: [...this.columns],
      rowsAdd,
      columnsAdd,
      rows: this.rows.map((key, r) => ({ key, values: this.values[r]!.map((v) => Math.round(v * 100) / 100) })),
      totals: totals ?? sums,
    };
  }
}

/** Keeps the ids one figure counts (drill-down): a no-op unless that figure was asked for. */
class Drill {
  readonly hits = new Map<string, number>();
  constructor(private readonly figure: Figure | null) {}
  get active(): boolean {
    return this.figure !== null;
  }
  wants(table: string, row: string, column?: string): boolean {
    const f = this.figure;
    return !!f && f.table === table && f.row === row && (f.column === undefined || column === undefined || f.column === column);
  }
  note(table: string, row: string, column: string | undefined, id: string, times = 1): void {
    if (this.wants(table, row, column)) this.hits.set(id, (this.hits.get(id) ?? 0) + times);
  }
}

export interface ReachResult {
  report: Omit<ReachReport, 'tookMs'>;
  reached: Reached;
  drill: Map<string, number>;
}

/** What the counting takes: the rows the report reads for one period and its filters. */
export interface ReachRows {
  familyRows: FamilyRow[];
  personRows: PersonRow[];
  contactFamilies: ContactFamilyRow[];
  contactMonthTotals: number[];
  contactKinds: ContactKindRow[];
  contactFieldFams: FieldFamiliesRow[];
  checkins: CheckinRow[];
  eventGroups: Awaited<ReturnType<typeof facts.eventGroups>>;
  anonymous: Awaited<ReturnType<typeof facts.anonymousCounts>>;
  referralRows: facts.ReferralFacts[];
  hours: number;
  trainings: Awaited<ReturnType<typeof facts.trainings>>;
  starts: Awaited<ReturnType<typeof facts.participationStarts>>;
}

/** Everything the report reads from the database for one period and its filters. */
async function loadReachRows(db: Tx, reads: ReportReads, period: Period, filters: ReportFilters): Promise<ReachRows> {
  const months = monthsOf(period);
  const withContacts = facts.countsContacts(filters);
  const [familyRows, personRows, contactFamilies, contactMonthTotals, contactKinds, contactFieldFams, checkins, eventGroups, anonymous, referralRows, hours, trainings, starts] = await Promise.all([
    reads.families(),
    reads.persons(),
    withContacts ? reads.contactFamilies(period, months, filters) : Promise.resolve([]),
    withContacts ? reads.contactMonthTotals(period, months, filters) : Promise.resolve(months.map(() => 0)),
    withContacts ? reads.contactKinds(period, filters) : Promise.resolve([]),
    withContacts ? reads.contactFieldFamilies(period, filters) : Promise.resolve([]),
    reads.checkins(period, filters),
    facts.eventGroups(db, period, filters),
    facts.anonymousCounts(db, period, filters),
    facts.referrals(db, period, filters),
    facts.volunteerHours(db, period, filters),
    facts.trainings(db, period, filters),
    facts.participationStarts(db, period),
  ]);
  return { familyRows, personRows, contactFamilies, contactMonthTotals, contactKinds, contactFieldFams, checkins, eventGroups, anonymous, referralRows, hours, trainings, starts };
}

/** The rows with their ids turned into positions once: the counting works on typed arrays, not on maps of strings. */
export function indexRows(period: Period, rows: ReachRows) {
  const months = monthsOf(period);
  const { familyRows, personRows, contactKinds } = rows;
  const contactGroups = contactKinds.map(([type, field, topics, count]) => ({ type, field: Number(field), topics: JSON.parse(topics) as string[], count: Number(count) }));
  const familyIndex = new Map<string, number>();
  familyRows.forEach((r, i) => familyIndex.set(r[0], i));
  const personIndex = new Map<string, number>();
  const personFamily = new Int32Array(personRows.length);
  personRows.forEach((r, i) => {
    personIndex.set(r[0], i);
    personFamily[i] = familyIndex.get(r[1]) ?? -1;
  });
  return { ...rows, months, familyIndex, personIndex, personFamily, contactGroups };
}
export type ReachFacts = ReturnType<typeof indexRows>;

async function loadReachFacts(db: Tx, reads: ReportReads, period: Period, filters: ReportFilters): Promise<ReachFacts> {
  return indexRows(period, await loadReachRows(db, reads, period, filters));
}

/**
 * The last reads, kept while nothing was written since (`version`: the
 * core's count of committed writes): opening a second figure, a filtered
 * report's other definition, or building the package after its preview
 * reads nothing again. (An unfiltered report comes from its parts, parts.ts,
 * and leaves nothing here: its first figure opened reads the period.) Only
 * where one core is the only writer (a PC's own file); on the office hub
 * other PCs write too.
 */
const cache: { key: string; facts: ReachFacts }[] = [];
const CACHED = 3;

async function reachFacts(db: Tx, reads: ReportReads, period: Period, filters: ReportFilters, version: number | undefined): Promise<ReachFacts> {
  // The definition only changes how the facts are counted, not what is read.
  const { definition: _definition, ...read } = filters;
  const key = JSON.stringify([period.from, period.to, read, version]);
  const hit = version === undefined ? undefined : cache.find((c) => c.key === key);
  if (hit) return hit.facts;
  const loaded = await loadReachFacts(db, reads, period, filters);
  if (version !== undefined) {
    cache.unshift({ key, facts: loaded });
    cache.length = Math.min(cache.length, CACHED);
  }
  return loaded;
}

const familyFacts = (r: FamilyRow): facts.FamilyFacts => ({ createdAt: r[1], districtId: r[2], languages: JSON.parse(r[3]) as string[], background: r[4], history: r[5] });

export async function computeReach(db: Tx, from: string, to: string, filters: ReportFilters, figure: Figure | null = null, version?: number, reads: ReportReads = kyselyReportReads(db)): Promise<ReachResult> {
  const period = periodOf(from, to);
  return countReach(await reachFacts(db, reads, period, filters, version), period, filters, figure);
}

/** Counts the report from its facts (pure: the office's parts are counted the same way, see parts.ts). */
export function countReach(reachFacts: ReachFacts, period: Period, filters: ReportFilters, figure: Figure | null = null, now = new Date().toISOString()): ReachResult {
  const { from, to } = period;
  const definition = filters.definition ?? 'background';
  const drill = new Drill(figure);
  const { months, familyRows, familyIndex, personRows, personIndex, personFamily, contactFamilies, contactMonthTotals, contactGroups, contactFieldFams, checkins, eventGroups, anonymous, referralRows, hours, trainings, starts } = reachFacts;
  const F = familyRows.length;
  const P = personRows.length;
  const M = months.length;

  // The district and language filters, once per family (a language is a quoted code in the JSON array).
  const passes = new Uint8Array(F);
  const quoted = filters.language ? `"${filters.language}"` : null;
  familyRows.forEach((r, i) => {
    passes[i] = (!filters.districtId || r[2] === filters.districtId) && (!quoted || r[3].includes(quoted)) ? 1 : 0;
  });
  const familyOf = (id: string) => {
    const i = familyIndex.get(id);
    return i !== undefined && passes[i] ? i : -1;
  };

  /** Participations per family; -1 where not reached. */
  const familyTimes = new Int32Array(F).fill(-1);
  /** 1 where the whole household counts (a contact or a referral for the family). */
  const household = new Uint8Array(F);
  /** Own participations per person (check-ins, named referrals); -1 where none. */
  const personTimes = new Int32Array(P).fill(-1);
  const monthSeen = new Uint8Array(F * M);
  const monthFamilies = new Array<number>(M).fill(0);
  const monthParticipations = new Array<number>(M).fill(0);
  const seeMonth = (f: number, m: number) => {
    if (monthSeen[f * M + m]) return;
    monthSeen[f * M + m] = 1;
    monthFamilies[m]! += 1;
  };
  const touchFamily = (f: number, times: number, m: number) => {
    familyTimes[f] = Math.max(familyTimes[f]!, 0) + times;
    monthParticipations[m]! += times;
    seeMonth(f, m);
  };
  const touchPerson = (p: number, times: number) => {
    personTimes[p] = Math.max(personTimes[p]!, 0) + times;
  };
  const monthOfDay = (day: string) => {
    let i = M - 1;
    while (i > 0 && day < months[i]!.from) i -= 1;
    return i;
  };

  let contacts = 0;
  for (const [familyId, count, inMonths] of contactFamilies) {
    const f = familyOf(familyId);
    if (f < 0) continue;
    const n = Number(count);
    contacts += n;
    household[f] = 1;
    familyTimes[f] = Math.max(familyTimes[f]!, 0) + n;
    for (const m of inMonths) seeMonth(f, m);
  }
  // The district and language filters are in the contact reads already.
  contactMonthTotals.forEach((n, m) => (monthParticipations[m]! += n));

  let attendances = 0;
  const eventGrid = new Grid(EVENT_TYPES, ['events', 'attendances', 'attendees']);
  const fieldGrid = new Grid(['1', '2', '3'], ['contacts', 'contactFamilies', 'events', 'attendances', 'attendees']);
  const attendeesByType = new Map<string, Set<number>>();
  const attendeesByField = new Map<string, Set<number>>();
  const attendees = new Set<number>();
  const addTo = (map: Map<string, Set<number>>, key: string, p: number) => (map.get(key) ?? map.set(key, new Set()).get(key)!).add(p);
  for (const [personId, familyId, type, fieldOfAction, date] of checkins) {
    const f = familyOf(familyId);
    const p = personIndex.get(personId);
    if (f < 0 || p === undefined) continue;
    const field = String(fieldOfAction);
    attendances += 1;
    touchFamily(f, 1, monthOfDay(date));
    touchPerson(p, 1);
    eventGrid.add(type, 'attendances');
    fieldGrid.add(field, 'attendances');
    addTo(attendeesByType, type, p);
    addTo(attendeesByField, field, p);
    attendees.add(p);
    if (drill.active) {
      // Attendees and attendances are the same persons and visits: noted once, whichever column was opened.
      drill.note('eventType', type, undefined, personId);
      drill.note('fieldOfAction', field, undefined, personId);
      drill.note('summary', 'attendances', undefined, familyId);
    }
  }
  for (const [type, ids] of attendeesByType) eventGrid.add(type, 'attendees', ids.size);
  for (const [field, ids] of attendeesByField) fieldGrid.add(field, 'attendees', ids.size);
  for (const g of eventGroups) {
    eventGrid.add(g.type, 'events', g.events);
    fieldGrid.add(String(g.field), 'events', g.events);
  }

  const kindGrid = new Grid(REFERRAL_KINDS, ['referrals', 'done']);
  const reasonGrid = new Grid(REFERRAL_REASONS, ['referrals', 'done']);
  const outcomeGrid = new Grid(REFERRAL_STATUS, ['referrals']);
  const languageCounts = new Map<string, number>();
  const referrals = referralRows.filter((r) => familyOf(r.familyId) >= 0);
  // A referral reaches the family once its appointment has come (or it is done), unless it fell through
  // (cancelled, withdrawn, not attended); the referral tables count every one.
  const reaching = referrals.filter((r) => !NOT_REACHING.has(r.status) && (r.status === 'done' || r.appointmentAt <= now));
  for (const r of reaching) {
    const f = familyOf(r.familyId);
    touchFamily(f, 1, monthOfInstant(months, r.appointmentAt));
    if (r.memberIds.length === 0) household[f] = 1;
    for (const m of r.memberIds) {
      const p = personIndex.get(m);
      if (p !== undefined) touchPerson(p, 1);
    }
  }
  for (const r of referrals) {
    kindGrid.add(r.kind, 'referrals');
    reasonGrid.add(r.reason, 'referrals');
    outcomeGrid.add(r.status, 'referrals');
    if (r.status === 'done') {
      kindGrid.add(r.kind, 'done');
      reasonGrid.add(r.reason, 'done');
    }
    const lang = r.language ?? 'none';
    languageCounts.set(lang, (languageCounts.get(lang) ?? 0) + 1);
    if (drill.active) {
      drill.note('referralKind', r.kind, undefined, r.familyId);
      drill.note('referralReason', r.reason, undefined, r.familyId);
      drill.note('referralOutcome', r.status, undefined, r.familyId);
      drill.note('referralLanguage', lang, undefined, r.familyId);
      if (reaching.includes(r)) drill.note('summary', 'referrals', undefined, r.familyId);
    }
  }

  // Persons: age band, gender and migration background (per person, else the family's answer).
  const mhColumn = (own: string | null, f: number) => `mh_${own ?? familyRows[f]![definition === 'history' ? 5 : 4]}`;
  const ownAnswer = (r: PersonRow) => (definition === 'history' ? r[5] : r[4]);
  const ageGrid = new Grid(AGE_BANDS, MH_COLUMNS);
  const genderGrid = new Grid(GENDERS, MH_COLUMNS);
  const migrationGrid = new Grid(['persons', 'families'], MH_COLUMNS);
  let persons = 0;
  for (let p = 0; p < P; p += 1) {
    const f = personFamily[p]!;
    if (f < 0 || !passes[f]) continue;
    const r = personRows[p]!;
    // Reached on their own, or as the household of a family with a contact or a family referral (still living there).
    // Nobody born after the period: a newborn does not change last year's report.
    const inHousehold = household[f] === 1 && !(r[6] && r[6] < period.from) && !(r[2] && r[2] > Number(period.to.slice(0, 4)));
    if (personTimes[p]! < 0 && !inHousehold) continue;
    persons += 1;
    const mh = mhColumn(ownAnswer(r), f);
    const band = ageBand(r[2], period.to);
    const gender = r[3] ?? 'not_stated';
    ageGrid.add(band, mh);
    genderGrid.add(gender, mh);
    migrationGrid.add('persons', mh);
    if (drill.active) {
      // A person's own visits (0 when reached through the household's contact).
      const times = Math.max(personTimes[p]!, 0);
      drill.note('ageBand', band, mh, r[0], times);
      drill.note('gender', gender, mh, r[0], times);
      drill.note('migration', 'persons', mh, r[0], times);
      drill.note('summary', 'persons', undefined, r[0], times);
    }
  }
  const statusGrid = new Grid(['new', 'returning'], MH_COLUMNS);
  const reachedFamilies = new Map<string, number>();
  let newFamilies = 0;
  for (let f = 0; f < F; f += 1) {
    const times = familyTimes[f]!;
    if (times < 0) continue;
    const r = familyRows[f]!;
    reachedFamilies.set(r[0], times);
    const mh = mhColumn(null, f);
    const status = r[1] >= period.start && r[1] < period.end ? 'new' : 'returning';
    if (status === 'new') newFamilies += 1;
    statusGrid.add(status, mh);
    migrationGrid.add('families', mh);
    if (drill.active) {
      drill.note('familyStatus', status, mh, r[0]);
      drill.note('migration', 'families', mh, r[0]);
      drill.note('summary', 'families', undefined, r[0], times);
      drill.note('summary', 'participations', undefined, r[0], times);
      drill.note('summary', status === 'new' ? 'newFamilies' : 'returningFamilies', undefined, r[0], times);
    }
  }

  // Contacts by channel, type, topic and field (grouped in the database, with the district and language filters).
  const channelGrid = new Grid(CONTACT_CHANNELS, ['contacts']);
  const typeGrid = new Grid(CONTACT_TYPES, ['contacts']);
  const topicGrid = new Grid(CONTACT_TOPICS, ['contacts']);
  const filteredByFamily = !!(filters.districtId || filters.language);
  for (const g of contactGroups) {
    channelGrid.add(CHANNEL_OF_TYPE[g.type] ?? 'other', 'contacts', g.count);
    typeGrid.add(g.type, 'contacts', g.count);
    fieldGrid.add(String(g.field), 'contacts', g.count);
    for (const topic of g.topics) topicGrid.add(topic, 'contacts', g.count);
  }
  for (const [field, count] of contactFieldFams) fieldGrid.add(String(field), 'contactFamilies', Number(count));

  // Participation outcomes: who started taking part in the period, by migration background.
  const outcomeGridMh = new Grid(OUTCOMES, MH_COLUMNS);
  const started = new Map<string, Set<string>>(OUTCOMES.map((o) => [o, new Set<string>()]));
  for (const e of starts.engagements) started.get(OUTCOME_OF_KIND[e.kind as keyof typeof OUTCOME_OF_KIND] ?? 'volunteering')?.add(e.member_id);
  for (const m of starts.volunteers) started.get('volunteering')!.add(m);
  for (const m of starts.qualified) started.get('interpreter_qualification')!.add(m);
  for (const [outcome, ids] of started) {
    for (const id of ids) {
      const p = personIndex.get(id);
      if (p === undefined || personFamily[p]! < 0 || !passes[personFamily[p]!]) continue;
      const mh = mhColumn(ownAnswer(personRows[p]!), personFamily[p]!);
      outcomeGridMh.add(outcome, mh);
      drill.note('participation', outcome, mh, id);
    }
  }

  const languages = [...languageCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const languageGrid = new Grid(
    languages.map(([l]) => l),
    ['referrals'],
  );
  for (const [l, count] of languages) languageGrid.add(l, 'referrals', count);

  const tables: ReportTable[] = [
    migrationGrid.table('migration', 'reachUnit', false, true),
    ageGrid.table('ageBand', 'ageBand', true, true),
    genderGrid.table('gender', 'gender', true, true),
    statusGrid.table('familyStatus', 'familyStatus', true, true),
    fieldGrid.table('fieldOfAction', 'fieldOfAction', false, false),
    channelGrid.table('contactChannel', 'contactChannel', true, false),
    typeGrid.table('contactType', 'contactType', true, false),
    topicGrid.table('contactTopic', 'contactTopic', false, false, [contactGroups.reduce((a, g) => a + g.count, 0)]),
    eventGrid.table('eventType', 'eventType', false, false, [eventGroups.reduce((a, g) => a + g.events, 0), attendances, attendees.size]),
    kindGrid.table('referralKind', 'referralKind', true, false),
    languageGrid.table('referralLanguage', 'language', true, false),
    reasonGrid.table('referralReason', 'referralReason', true, false),
    outcomeGrid.table('referralOutcome', 'referralStatus', true, false),
    outcomeGridMh.table('participation', 'participation', false, true),
  ];

  return {
    report: {
      from,
      to,
      filters,
      summary: {
        families: reachedFamilies.size,
        persons,
        participations: contacts + attendances + reaching.length,
        contacts,
        attendances,
        referrals: reaching.length,
        anonymousAdults: filteredByFamily ? 0 : anonymous.adults,
        anonymousChildren: filteredByFamily ? 0 : anonymous.children,
        newFamilies,
        returningFamilies: reachedFamilies.size - newFamilies,
        volunteerHours: filteredByFamily ? 0 : hours,
        trainingsHeld: trainings.held,
        volunteersTrained: trainings.trained,
      },
      tables,
      months: months.map((m, i) => ({ month: m.from.slice(0, 7), families: monthFamilies[i]!, participations: monthParticipations[i]! })),
    },
    reached: {
      period,
      reachedFamilies,
      family: (id) => {
        const i = familyIndex.get(id);
        return i === undefined ? undefined : familyFacts(familyRows[i]!);
      },
      referrals,
      reachingReferrals: reaching,
    },
    drill: drill.hits,
  };
}
