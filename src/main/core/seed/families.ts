/**
 * Realistic families for `npm run seed` and the benchmark: households of one
 * or two parents and up to four children, names by origin (see names.ts),
 * languages, interpreter needs, addresses in Kaufbeuren's districts, phone
 * numbers, consents and contacts spread over the years since 2022.
 *
 * Families are written through the same domain functions as an intake at the
 * counter (insertFamily, insertContact), a thousand per transaction.
 */
import {
  type ACCESS_ROUTES,
  CONSENT_FORM_VERSION,
  type CONTACT_TOPICS,
  type CONTACT_TYPES,
  type ConsentPurpose,
  type LanguageCode,
} from '../../../shared/domain/lists';
import { createFamilyInputSchema, type CreateFamilyInput } from '../../../shared/rpc/areas/families';
import type { Db } from '../db/schema';
import { insertContact, type ContactFields } from '../contacts/rows';
import { insertFamily, type NewFamily } from '../families/intake';
import type { FamilySearchIndex } from '../families/search-index';
import { foldName } from '../families/normalize';
import { DISTRICT_WEIGHTS, MOBILE_PREFIXES, ORIGINS, STREETS, type Origin, type Spellings } from './names';
import { type Rng, zipfPicker } from './random';

/** The first day seeded contacts and intakes may fall on. */
export const SEED_START = new Date('2022-01-01T00:00:00Z');

export interface District {
  id: string;
  name: string;
}

/** Fixed choices for a family (the benchmark's intake uses two parents and one child). */
export interface FamilyShape {
  parents?: 1 | 2;
  children?: number;
  /** Consents besides data_storage. */
  extraConsents?: number;
  /** Contacts including the intake visit. */
  contacts?: number;
}

export interface GeneratedFamily {
  origin: Origin['key'];
  /** What the counter would send to `families.create`. */
  input: CreateFamilyInput;
  /** When the family came first (the family's created_at). */
  intakeAt: Date;
  /** Contacts after the intake visit (which is input.contact). */
  laterContacts: ContactFields[];
}

export interface SeedOptions {
  /** Who recorded the seeded consents and contacts. */
  staffId?: string | null;
  /** Families per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
  families: number;
  persons: number;
  contacts: number;
  consents: number;
}

const DAY = 86_400_000;

interface OriginPickers {
  origin: Origin;
  surname: (rng: Rng) => Spellings;
  female: (rng: Rng) => Spellings;
  male: (rng: Rng) => Spellings;
  girl: (rng: Rng) => Spellings;
  boy: (rng: Rng) => Spellings;
}

const PICKERS: ReadonlyMap<Origin['key'], OriginPickers> = new Map(
  ORIGINS.map((origin) => [
    origin.key,
    {
      origin,
      surname: zipfPicker(origin.surnames, 0.9),
      female: zipfPicker(origin.female, 0.6),
      male: zipfPicker(origin.male, 0.6),
      girl: zipfPicker(origin.girls ?? origin.female, 0.6),
      boy: zipfPicker(origin.boys ?? origin.male, 0.6),
    },
  ]),
);
const ORIGIN_WEIGHTS = ORIGINS.map((o) => [o.key, o.weight] as const);

/** One spelling of a name: mostly the first, sometimes one of the others. */
function spell(rng: Rng, name: Spellings, variantShare: number): string {
  if (name.length === 1 || !rng.chance(variantShare)) return name[0];
  return name[rng.int(1, name.length - 1)]!;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A time during opening hours (07:30–16:30 UTC, i.e. roughly 8–18 local) on the given day. */
function officeTime(rng: Rng, day: Date): Date {
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return new Date(midnight + (7.5 * 60 + rng.int(0, 9 * 12) * 5) * 60_000);
}

function formVersion(date: Date): string {
  if (date < new Date('2023-07-01T00:00:00Z')) return '2021-03';
  if (date < new Date('2026-01-01T00:00:00Z')) return '2023-07';
  return CONSENT_FORM_VERSION;
}

function phone(rng: Rng): string {
  const kind = rng.weighted([['mobile', 6], ['mobile_intl', 2], ['landline', 2]] as const);
  if (kind === 'landline') return `08341 ${rng.int(rng.chance(0.5) ? 10_000 : 100_000, 999_999)}`;
  const prefix = rng.pick(MOBILE_PREFIXES);
  const number = String(rng.int(1_000_000, rng.chance(0.5) ? 9_999_999 : 99_999_999));
  if (kind === 'mobile') return `${prefix} ${number}`;
  return `+49 ${prefix.slice(1)} ${number}`;
}

function birthDate(rng: Rng, year: number): string {
  const start = Date.UTC(year, 0, 1);
  return isoDate(new Date(start + rng.int(0, 364) * DAY));
}

const SCHOOLS = [
  'Grundschule Neugablonz', 'Grundschule Kaufbeuren-Nord', 'Beethoven-Grundschule', 'Gustav-Leutelt-Schule',
  'Adalbert-Stifter-Grundschule', 'Konradin-Mittelschule', 'Jakob-Brucker-Gymnasium', 'Marien-Gymnasium',
  'Staatliche Realschule Kaufbeuren', 'Städtische Realschule', 'Berufliches Schulzentrum',
] as const;

const NOTES = [
  'Termine bitte vormittags.', 'Kam über die Kita.', 'Dolmetschung über Ehrenamtliche.', 'Rückruf erbeten.',
  'Unterlagen für Antrag mitgebracht.', 'Interesse an Elterncafé.',
] as const;

const CONTACT_NOTES = ['Folgetermin vereinbart.', 'Formular ausgefüllt.', 'Weitervermittelt.', 'Unterlagen nachgereicht.'] as const;

const ACCESS_WEIGHTS: readonly (readonly [(typeof ACCESS_ROUTES)[number], number])[] = [
  ['walk_in', 25], ['kindergarten', 18], ['school', 12], ['authority', 12], ['volunteer', 6], ['word_of_mouth', 18], ['event', 6], ['other', 3],
];
const CONTACT_TYPE_WEIGHTS: readonly (readonly [(typeof CONTACT_TYPES)[number], number])[] = [
  ['walk_in', 45], ['phone', 30], ['home_visit', 5], ['email', 8], ['accompaniment', 8], ['other', 4],
];
const TOPIC_WEIGHTS: readonly (readonly [(typeof CONTACT_TOPICS)[number], number])[] = [
  ['kindergarten', 14], ['school', 14], ['authorities', 20], ['health', 10], ['housing', 10], ['work', 8],
  ['language_course', 10], ['leisure', 5], ['parenting', 7], ['other', 4],
];
const CONTACT_COUNT_WEIGHTS: readonly (readonly [number, number])[] = [[0, 10], [1, 25], [2, 20], [3, 15], [4, 12], [5, 10], [6, 8]];
const CHILDREN_WEIGHTS: readonly (readonly [number, number])[] = [[0, 24], [1, 33], [2, 25], [3, 12], [4, 6]];

export function contact(rng: Rng, at: Date): ContactFields {
  const topics = new Set<(typeof CONTACT_TOPICS)[number]>();
  const wanted = rng.weighted([[1, 6], [2, 3], [3, 1]] as const);
  while (topics.size < wanted) topics.add(rng.weighted(TOPIC_WEIGHTS));
  const type = rng.weighted(CONTACT_TYPE_WEIGHTS);
  return {
    type,
    occurredAt: at.toISOString(),
    durationMin: type === 'accompaniment' ? rng.int(6, 36) * 5 : rng.int(1, 12) * 5,
    topics: [...topics],
    fieldOfAction: rng.weighted([[1, 5], [2, 3], [3, 2]] as const),
    note: rng.chance(0.08) ? rng.pick(CONTACT_NOTES) : undefined,
  };
}

/** The ISO code of a spoken language that the consent form exists in, else German. */
function consentLanguage(origin: Origin, preferred: LanguageCode): 'de' | 'en' | 'tr' | 'ar' | 'ru' | 'uk' {
  if (preferred === 'de') return 'de';
  return origin.formLanguage;
}

/**
 * One family. Deterministic for a given rng state; `now` bounds the dates
 * (intake and contacts between 2022-01-01 and now, nobody born after now).
 */
export function generateFamily(rng: Rng, districts: readonly District[], now: Date, shape: FamilyShape = {}): GeneratedFamily {
  const pickers = PICKERS.get(rng.weighted(ORIGIN_WEIGHTS))!;
  const { origin } = pickers;
  const nowYear = now.getUTCFullYear();
  const variant = origin.variantShare;

  // Household.
  const parents = shape.parents ?? (rng.chance(0.3) ? 1 : 2);
  const singleFather = parents === 1 && rng.chance(0.15);
  const motherYear = rng.int(1965, 2002);
  const fatherYear = Math.min(2002, Math.max(1965, motherYear - rng.weighted([[-2, 1], [0, 3], [2, 4], [4, 3], [7, 2], [10, 1]] as const)));
  const childCount = shape.children ?? rng.weighted(CHILDREN_WEIGHTS);

  // One spelling of the family name for the household, as on their papers.
  const surnameSpelled = spell(rng, pickers.surname(rng), variant);
  const feminine = (name: string) => origin.feminine?.(name) ?? name;
  const members: CreateFamilyInput['members'] = [];
  // Nobody in a household shares a first name with another member (a few tries, then accept).
  const used = new Set<string>();
  const firstName = (pick: (rng: Rng) => Spellings) => {
    let name = pick(rng);
    for (let tries = 0; tries < 4 && used.has(name[0]); tries += 1) name = pick(rng);
    used.add(name[0]);
    return spell(rng, name, variant);
  };
  const parentFirst = (female: boolean) => firstName(female ? pickers.female : pickers.male);
  const withDate = (year: number, p: number) => (rng.chance(p) ? birthDate(rng, year) : undefined);

  if (parents === 2 || !singleFather) {
    const own = parents === 2 && rng.chance(origin.ownSurnameShare);
    const lastName = own ? feminine(spell(rng, pickers.surname(rng), variant)) : feminine(surnameSpelled);
    members.push({ firstName: parentFirst(true), lastName, birthYear: motherYear, birthDate: withDate(motherYear, 0.2), role: 'parent', gender: 'female' });
  }
  if (parents === 2 || singleFather) {
    members.push({ firstName: parentFirst(false), lastName: surnameSpelled, birthYear: fatherYear, birthDate: withDate(fatherYear, 0.2), role: 'parent', gender: 'male' });
  }
  const baseYear = parents === 1 && singleFather ? fatherYear : motherYear;
  const lowest = Math.max(2006, baseYear + 18);
  const highest = Math.min(2025, baseYear + 44, nowYear);
  for (let i = 0; i < childCount; i += 1) {
    const girl = rng.chance(0.49);
    const year = rng.int(lowest, Math.max(lowest, highest));
    const age = nowYear - year;
    members.push({
      firstName: firstName(girl ? pickers.girl : pickers.boy),
      lastName: girl ? feminine(surnameSpelled) : surnameSpelled,
      birthYear: year,
      birthDate: withDate(year, 0.4),
      role: 'child',
      gender: rng.chance(0.02) ? 'not_stated' : girl ? 'female' : 'male',
      school: age >= 6 && age <= 18 && rng.chance(0.6) ? rng.pick(SCHOOLS) : undefined,
    });
  }

  // Languages and interpreter.
  const german = origin.key === 'de';
  const main = rng.weighted(origin.languages);
  const languages: LanguageCode[] = [main];
  if (origin.key === 'uk' && main === 'uk' && rng.chance(0.4)) languages.push('ru');
  if (!german && rng.chance(0.6)) languages.push('de');
  if (german && rng.chance(0.03)) languages.push('en');
  const interpreterNeeded = !german && rng.chance(0.4);
  const preferredLanguage: LanguageCode = german ? 'de' : interpreterNeeded || rng.chance(0.5) ? main : 'de';
  const migrationBackground = german
    ? rng.weighted([['no', 88], ['not_stated', 10], ['yes', 2]] as const)
    : rng.weighted([['yes', 85], ['not_stated', 15]] as const);

  // When they came, and what was recorded.
  const span = now.getTime() - SEED_START.getTime();
  const intakeAt = officeTime(rng, new Date(SEED_START.getTime() + Math.floor(rng.next() * Math.max(span - DAY, 0))));
  const consentDate = isoDate(intakeAt);
  const formLanguage = consentLanguage(origin, preferredLanguage);
  const consent = (purpose: ConsentPurpose, given: boolean) => ({ purpose, given, date: consentDate, formVersion: formVersion(intakeAt), formLanguage });
  const consents: CreateFamilyInput['consents'] = [consent('data_storage', true)];
  const hasPhone = rng.chance(0.88);
  const others: [ConsentPurpose, number, number][] = [
    // purpose, share of families asked, share of those who agree
    ['contact_phone', hasPhone ? 0.7 : 0, 0.95],
    ['photos', 0.3, 0.6],
    ['volunteer_sharing', 0.25, 0.8],
    ['central_transfer', 0.15, 0.7],
  ];
  if (shape.extraConsents !== undefined) {
    for (const [purpose] of others.slice(0, shape.extraConsents)) consents.push(consent(purpose, true));
  } else {
    for (const [purpose, asked, agree] of others) if (rng.chance(asked)) consents.push(consent(purpose, rng.chance(agree)));
  }

  const contactCount = shape.contacts ?? rng.weighted(CONTACT_COUNT_WEIGHTS);
  const laterTimes: number[] = [];
  for (let i = 1; i < contactCount; i += 1) {
    const after = intakeAt.getTime() + DAY;
    if (after >= now.getTime()) break;
    laterTimes.push(officeTime(rng, new Date(after + Math.floor(rng.next() * (now.getTime() - after)))).getTime());
  }
  const laterContacts = laterTimes
    .sort((a, b) => a - b)
    .map((t) => new Date(Math.min(t, now.getTime())))
    .map((at) => contact(rng, at));

  const hasAddress = rng.chance(0.85);
  const district = hasAddress && districts.length > 0 ? pickDistrict(rng, districts) : undefined;
  const first = members[0]!;
  // Drawn last, so the families before this field came in stay as they were.
  const immigrationHistory = migrationBackground === 'yes' ? rng.weighted([['yes', 85], ['no', 5], ['not_stated', 10]] as const) : migrationBackground;
  if (immigrationHistory === 'yes' && parents === 2 && rng.chance(0.08)) mixedHousehold(rng, members);
  const input: CreateFamilyInput = {
    displayName: surnameSpelled,
    street: hasAddress ? `${rng.pick(STREETS)} ${rng.int(1, 120)}${rng.chance(0.1) ? rng.pick(['a', 'b', 'c']) : ''}` : undefined,
    postalCode: hasAddress ? '87600' : undefined,
    city: hasAddress ? 'Kaufbeuren' : undefined,
    districtId: district?.id ?? null,
    phone: hasPhone ? phone(rng) : undefined,
    email: rng.chance(0.3)
      ? `${foldName(first.firstName).replace(/ /g, '')}.${foldName(first.lastName).replace(/ /g, '')}${rng.chance(0.5) ? rng.int(1, 99) : ''}@${rng.pick(['example.org', 'example.com', 'example.net'])}`
      : undefined,
    languages,
    preferredLanguage,
    interpreterNeeded,
    interpreterLanguage: interpreterNeeded ? main : null,
    accessRoute: rng.weighted(ACCESS_WEIGHTS),
    migrationBackground,
    immigrationHistory,
    notes: rng.chance(0.05) ? rng.pick(NOTES) : undefined,
    members,
    consents,
    contact: contactCount > 0 ? contact(rng, intakeAt) : undefined,
  };
  return { origin: origin.key, input, intakeAt, laterContacts };
}

/**
 * One parent was born German and answers for themself: neither migration
 * background nor Einwanderungsgeschichte. The children keep the family's
 * migration background (one parent was not German by birth) but have no
 * Einwanderungsgeschichte (that needs both parents to have immigrated).
 */
function mixedHousehold(rng: Rng, members: CreateFamilyInput['members']): void {
  const parents = members.filter((m) => m.role === 'parent');
  const german = parents[rng.int(0, parents.length - 1)];
  if (!german) return;
  german.migrationBackground = 'no';
  german.immigrationHistory = 'no';
  for (const child of members.filter((m) => m.role === 'child')) child.immigrationHistory = 'no';
}

function pickDistrict(rng: Rng, districts: readonly District[]): District {
  return districts[rng.weighted(districts.map((d, i) => [i, DISTRICT_WEIGHTS[d.name] ?? 1] as const))]!;
}

/** The active districts of the database, for generateFamily. */
export async function loadDistricts(db: Db): Promise<District[]> {
  return db.selectFrom('districts').select(['id', 'name']).where('active', '=', 1).orderBy('sort').execute();
}

/**
 * Writes `count` generated families (members, consents, contacts, search
 * index) in transactions of `batchSize` families. Every family passes the
 * intake's own input schema first, so the seed holds only what the counter
 * could have entered.
 */
export async function seedFamilies(
  db: Db,
  search: FamilySearchIndex,
  count: number,
  rng: Rng,
  now: Date,
  options: SeedOptions = {},
): Promise<SeedSummary> {
  const batchSize = options.batchSize ?? 1000;
  const staffId = options.staffId ?? null;
  const districts = await loadDistricts(db);
  const summary: SeedSummary = { families: 0, persons: 0, contacts: 0, consents: 0 };
  while (summary.families < count) {
    const size = Math.min(batchSize, count - summary.families);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < size; i += 1) {
        const family = generateFamily(rng, districts, now);
        const input: NewFamily = createFamilyInputSchema.parse(family.input);
        const { id } = await insertFamily(trx, search, input, staffId, family.intakeAt);
        for (const c of family.laterContacts) await insertContact(trx, id, c, staffId, new Date(c.occurredAt!));
        summary.persons += input.members.length;
        summary.consents += input.consents.length;
        summary.contacts += (input.contact ? 1 : 0) + family.laterContacts.length;
      }
    });
    summary.families += size;
    options.onProgress?.(summary.families, count);
  }
  return summary;
}
