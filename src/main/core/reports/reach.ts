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
import * as facts from './facts';
import { ageBand, monthsOf, periodOf, type Period } from './period';

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

/** Participation outcomes (Mitmachen) and the engagement kinds behind them. */
const OUTCOMES = ['volunteering', 'interpreter_qualification', 'council_committee', 'event_speaker'] as const;
const OUTCOME_OF_KIND: Record<(typeof ENGAGEMENT_KINDS)[number], (typeof OUTCOMES)[number]> = {
  office_volunteering: 'volunteering',
  interpreter_qualification: 'interpreter_qualification',
  parents_council: 'council_committee',
  school_committee: 'council_committee',
  event_speaker: 'event_speaker',
};

/** Everything the report counted, kept while computing so one figure can be opened (drill-down). */
export interface Reached {
  period: Period;
  families: Map<string, facts.FamilyFacts>;
  persons: Map<string, facts.PersonFacts>;
  /** Reached family → its participations (contacts + check-ins + referrals). */
  reachedFamilies: Map<string, number>;
  /** Reached person → their own participations (check-ins, named referrals; 0 when reached through the household). */
  reachedPersons: Map<string, number>;
  /** Per table, row and column: the ids counted there (only for the figure asked for). */
  cell: Map<string, number> | null;
  referrals: facts.ReferralFacts[];
}

class Grid {
  private readonly values: number[][];
  constructor(
    readonly rows: readonly string[],
    readonly columns: readonly string[],
  ) {
    this.values = rows.map(() => columns.map(() => 0));
  }
  add(row: string, column: string, by = 1): void {
    const r = this.rows.indexOf(row);
    const c = this.columns.indexOf(column);
    if (r >= 0 && c >= 0) this.values[r]![c]! += by;
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

const mhOf = (definition: 'background' | 'history', person: facts.PersonFacts | null, family: facts.FamilyFacts): string =>
  definition === 'history' ? (person?.history ?? family.history) : (person?.background ?? family.background);

/** A family passes the report's district and language filters. */
function familyPasses(family: facts.FamilyFacts | undefined, f: ReportFilters): family is facts.FamilyFacts {
  if (!family) return false;
  if (f.districtId && family.districtId !== f.districtId) return false;
  if (f.language && !family.languages.includes(f.language)) return false;
  return true;
}

/** Keeps the ids one figure counts (drill-down): a no-op unless that figure was asked for. */
class Drill {
  readonly hits = new Map<string, number>();
  constructor(private readonly figure: Figure | null) {}
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

/** Everything the report reads from the database for one period and its filters. */
async function loadReachFacts(db: Tx, period: Period, filters: ReportFilters) {
  const [families, persons, contactFams, contactGroups, contactFieldFams, attended, eventGroups, anonymous, referralRows, hours, trainings, starts, months] = await Promise.all([
    facts.loadFamilies(db),
    facts.loadPersons(db),
    facts.contactFamilies(db, period, filters),
    facts.contactGroups(db, period, filters),
    facts.contactFamiliesByField(db, period, filters),
    facts.attendance(db, period, filters),
    facts.eventGroups(db, period, filters),
    facts.anonymousCounts(db, period, filters),
    facts.referrals(db, period, filters),
    facts.volunteerHours(db, period, filters),
    facts.trainings(db, period, filters),
    facts.participationStarts(db, period),
    facts.monthReach(db, period, monthsOf(period), filters),
  ]);
  return { families, persons, contactFams, contactGroups, contactFieldFams, attended, eventGroups, anonymous, referralRows, hours, trainings, starts, months };
}
type ReachFacts = Awaited<ReturnType<typeof loadReachFacts>>;

/**
 * The last reads, kept while nothing was written since (`version`: the
 * core's count of committed writes): opening figures of a report just
 * computed, switching the migration definition, or building the package
 * after its preview reads nothing again. Only where one core is the only
 * writer (a PC's own file); on the office hub other PCs write too.
 */
const cache: { key: string; facts: ReachFacts }[] = [];
const CACHED = 3;

async function reachFacts(db: Tx, period: Period, filters: ReportFilters, version: number | undefined): Promise<ReachFacts> {
  // The definition only changes how the facts are counted, not what is read.
  const { definition: _definition, ...read } = filters;
  const key = JSON.stringify([period.from, period.to, read, version]);
  const hit = version === undefined ? undefined : cache.find((c) => c.key === key);
  if (hit) return hit.facts;
  const loaded = await loadReachFacts(db, period, filters);
  if (version !== undefined) {
    cache.unshift({ key, facts: loaded });
    cache.length = Math.min(cache.length, CACHED);
  }
  return loaded;
}

export async function computeReach(db: Tx, from: string, to: string, filters: ReportFilters, figure: Figure | null = null, version?: number): Promise<ReachResult> {
  const period = periodOf(from, to);
  const definition = filters.definition ?? 'background';
  const drill = new Drill(figure);
  const { families, persons, contactFams, contactGroups, contactFieldFams, attended, eventGroups, anonymous, referralRows, hours, trainings, starts, months } = await reachFacts(
    db,
    period,
    filters,
    version,
  );
  const passes = (familyId: string) => familyPasses(families.get(familyId), filters);

  // Households: members still living there at the period's start.
  const household = new Map<string, string[]>();
  for (const [id, p] of persons) {
    if (p.movedOutAt && p.movedOutAt < period.from) continue;
    const list = household.get(p.familyId);
    if (list) list.push(id);
    else household.set(p.familyId, [id]);
  }

  const reachedFamilies = new Map<string, number>();
  const reachedPersons = new Map<string, number>();
  const touchFamily = (id: string, times: number) => reachedFamilies.set(id, (reachedFamilies.get(id) ?? 0) + times);
  const touchPerson = (id: string, times: number) => reachedPersons.set(id, (reachedPersons.get(id) ?? 0) + times);
  const touchHousehold = (familyId: string) => {
    for (const id of household.get(familyId) ?? []) touchPerson(id, 0);
  };

  let contacts = 0;
  for (const [familyId, count] of contactFams) {
    if (!passes(familyId)) continue;
    contacts += count;
    touchFamily(familyId, count);
    touchHousehold(familyId);
  }
  let attendances = 0;
  const eventGrid = new Grid(EVENT_TYPES, ['events', 'attendances', 'attendees']);
  const fieldGrid = new Grid(['1', '2', '3'], ['contacts', 'contactFamilies', 'events', 'attendances', 'attendees']);
  const attendeesByType = new Map<string, Set<string>>();
  const attendeesByField = new Map<string, Set<string>>();
  const addTo = (map: Map<string, Set<string>>, key: string, id: string) => (map.get(key) ?? map.set(key, new Set()).get(key)!).add(id);
  for (const a of attended) {
    if (!passes(a.familyId) || !persons.has(a.personId)) continue;
    attendances += a.count;
    touchFamily(a.familyId, a.count);
    touchPerson(a.personId, a.count);
    eventGrid.add(a.type, 'attendances', a.count);
    fieldGrid.add(String(a.field), 'attendances', a.count);
    addTo(attendeesByType, a.type, a.personId);
    addTo(attendeesByField, String(a.field), a.personId);
    drill.note('eventType', a.type, 'attendees', a.personId, a.count);
    drill.note('eventType', a.type, 'attendances', a.personId, a.count);
    drill.note('fieldOfAction', String(a.field), 'attendees', a.personId, a.count);
    drill.note('fieldOfAction', String(a.field), 'attendances', a.personId, a.count);
    drill.note('summary', 'attendances', undefined, a.familyId, a.count);
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
  const referrals = referralRows.filter((r) => passes(r.familyId));
  for (const r of referrals) {
    touchFamily(r.familyId, 1);
    if (r.memberIds.length === 0) touchHousehold(r.familyId);
    for (const m of r.memberIds) if (persons.has(m)) touchPerson(m, 1);
    kindGrid.add(r.kind, 'referrals');
    reasonGrid.add(r.reason, 'referrals');
    outcomeGrid.add(r.status, 'referrals');
    if (r.status === 'done') {
      kindGrid.add(r.kind, 'done');
      reasonGrid.add(r.reason, 'done');
    }
    const lang = r.language ?? 'none';
    languageCounts.set(lang, (languageCounts.get(lang) ?? 0) + 1);
    drill.note('referralKind', r.kind, undefined, r.familyId);
    drill.note('referralReason', r.reason, undefined, r.familyId);
    drill.note('referralOutcome', r.status, undefined, r.familyId);
    drill.note('referralLanguage', lang, undefined, r.familyId);
    drill.note('summary', 'referrals', undefined, r.familyId);
  }

  // Persons: age band, gender and migration background (per person, else the family's answer).
  const ageGrid = new Grid(AGE_BANDS, MH_COLUMNS);
  const genderGrid = new Grid(GENDERS, MH_COLUMNS);
  const migrationGrid = new Grid(['persons', 'families'], MH_COLUMNS);
  for (const id of reachedPersons.keys()) {
    const p = persons.get(id)!;
    const family = families.get(p.familyId)!;
    const mh = `mh_${mhOf(definition, p, family)}`;
    const band = ageBand(p.birthYear, period.to);
    ageGrid.add(band, mh);
    genderGrid.add(p.gender, mh);
    migrationGrid.add('persons', mh);
    // A person's own visits (0 when reached through the household's contact).
    const times = reachedPersons.get(id)!;
    drill.note('ageBand', band, mh, id, times);
    drill.note('gender', p.gender, mh, id, times);
    drill.note('migration', 'persons', mh, id, times);
    drill.note('summary', 'persons', undefined, id, times);
  }
  const statusGrid = new Grid(['new', 'returning'], MH_COLUMNS);
  let newFamilies = 0;
  for (const [id, times] of reachedFamilies) {
    const family = families.get(id)!;
    const mh = `mh_${mhOf(definition, null, family)}`;
    const status = family.createdAt >= period.start && family.createdAt < period.end ? 'new' : 'returning';
    if (status === 'new') newFamilies += 1;
    statusGrid.add(status, mh);
    migrationGrid.add('families', mh);
    drill.note('familyStatus', status, mh, id);
    drill.note('migration', 'families', mh, id);
    drill.note('summary', 'families', undefined, id, times);
    drill.note('summary', 'participations', undefined, id, times);
    drill.note('summary', status === 'new' ? 'newFamilies' : 'returningFamilies', undefined, id, times);
  }

  // Contacts by channel, type, topic and field (grouped in the database).
  const channelGrid = new Grid(CONTACT_CHANNELS, ['contacts']);
  const typeGrid = new Grid(CONTACT_TYPES, ['contacts']);
  const topicGrid = new Grid(CONTACT_TOPICS, ['contacts']);
  const filteredByFamily = !!(filters.districtId || filters.language);
  for (const g of filteredByFamily ? [] : contactGroups) {
    channelGrid.add(CHANNEL_OF_TYPE[g.type] ?? 'other', 'contacts', g.count);
    typeGrid.add(g.type, 'contacts', g.count);
    fieldGrid.add(String(g.field), 'contacts', g.count);
    for (const topic of g.topics) topicGrid.add(topic, 'contacts', g.count);
  }
  for (const g of filteredByFamily ? [] : contactFieldFams) fieldGrid.add(String(g.field), 'contactFamilies', g.families);

  // Participation outcomes: who started taking part in the period, by migration background.
  const outcomeGridMh = new Grid(OUTCOMES, MH_COLUMNS);
  const started = new Map<string, Set<string>>(OUTCOMES.map((o) => [o, new Set<string>()]));
  for (const e of starts.engagements) started.get(OUTCOME_OF_KIND[e.kind as keyof typeof OUTCOME_OF_KIND] ?? 'volunteering')?.add(e.member_id);
  for (const m of starts.volunteers) started.get('volunteering')!.add(m);
  for (const m of starts.qualified) started.get('interpreter_qualification')!.add(m);
  for (const [outcome, ids] of started) {
    for (const id of ids) {
      const p = persons.get(id);
      if (!p || !passes(p.familyId)) continue;
      const mh = `mh_${mhOf(definition, p, families.get(p.familyId)!)}`;
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
    topicGrid.table('contactTopic', 'contactTopic', false, false, [filteredByFamily ? 0 : contactGroups.reduce((a, g) => a + g.count, 0)]),
    eventGrid.table('eventType', 'eventType', false, false, [
      eventGroups.reduce((a, g) => a + g.events, 0),
      attendances,
      new Set([...attendeesByType.values()].flatMap((s) => [...s])).size,
    ]),
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
        persons: reachedPersons.size,
        participations: contacts + attendances + referrals.length,
        contacts,
        attendances,
        referrals: referrals.length,
        anonymousAdults: filteredByFamily ? 0 : anonymous.adults,
        anonymousChildren: filteredByFamily ? 0 : anonymous.children,
        newFamilies,
        returningFamilies: reachedFamilies.size - newFamilies,
        volunteerHours: filteredByFamily ? 0 : hours,
        trainingsHeld: trainings.held,
        volunteersTrained: trainings.trained,
      },
      tables,
      months,
    },
    reached: { period, families, persons, reachedFamilies, reachedPersons, cell: null, referrals },
    drill: drill.hits,
  };
}
