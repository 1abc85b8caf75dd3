import { CONSENT_FORM_VERSION, CONSENT_PURPOSES, type ConsentPurpose, type MIGRATION_BACKGROUND } from '../../../../shared/domain/lists';
import type { CreateFamilyInput, FamilyFields } from '../../../../shared/rpc/areas/families';
import type { HouseholdValues, NeedsValues } from './HouseholdFields';

export type ConsentState = 'given' | 'refused' | 'not_asked';

export interface MemberValues {
  firstName: string;
  lastName: string;
  birthYear: number | '';
  role: 'parent' | 'child' | 'other_adult';
  gender: string | null;
  school: string;
  /** The person's own answers, or AS_FAMILY. */
  migrationBackground: string;
  immigrationHistory: string;
}

/** The member selects' first option: the family's answer holds (stored as null). */
export const AS_FAMILY = 'as_family';

type Answer = (typeof MIGRATION_BACKGROUND)[number];

/** A member select's value as the core takes it; a draft from before these fields has none: the family's. */
export function ownAnswer(value: string | undefined): Answer | null {
  return value && value !== AS_FAMILY ? (value as Answer) : null;
}

/** What the intake wizard holds while it is being filled in (and drafted). */
export interface IntakeValues extends HouseholdValues, NeedsValues {
  members: MemberValues[];
  consents: Record<ConsentPurpose, ConsentState>;
  consentDate: string;
  formVersion: string;
  formLanguage: string;
  logContact: boolean;
  fieldOfAction: string;
  /** The wizard step, drafted too, so an unlock returns to the same place. */
  step: number;
}

/** A birth year makes the household role obvious in most cases; a role chosen by hand is kept. */
export function suggestRole(current: MemberValues['role'], year: number): MemberValues['role'] {
  if (!Number.isInteger(year) || year < 1900 || current === 'other_adult') return current;
  return new Date().getFullYear() - year >= 18 ? (current === 'child' ? 'parent' : current) : 'child';
}
export function emptyMember(lastName = '', role: MemberValues['role'] = 'parent'): MemberValues {
  return { firstName: '', lastName, birthYear: '', role, gender: null, school: '', migrationBackground: AS_FAMILY, immigrationHistory: AS_FAMILY };
}

export function initialIntake(today: string): IntakeValues {
  return {
    displayName: '',
    street: '',
    postalCode: '',
    city: 'Kaufbeuren',
    districtId: null,
    phone: '',
    email: '',
    accessRoute: 'walk_in',
    migrationBackground: 'not_stated',
    immigrationHistory: 'not_stated',
    notes: '',
    members: [emptyMember()],
    languages: [],
    preferredLanguage: null,
    interpreterNeeded: false,
    interpreterLanguage: null,
    consents: Object.fromEntries(CONSENT_PURPOSES.map((p) => [p, 'not_asked'])) as Record<ConsentPurpose, ConsentState>,
    consentDate: today,
    formVersion: CONSENT_FORM_VERSION,
    formLanguage: 'de',
    logContact: true,
    fieldOfAction: '1',
    step: 0,
  };
}

/** Household, languages and interpreter as the core's schemas take them (intake and Edit). */
export function toFamilyFields(v: HouseholdValues & NeedsValues): FamilyFields {
  return {
    displayName: v.displayName,
    street: v.street,
    postalCode: v.postalCode,
    city: v.city,
    districtId: v.districtId,
    phone: v.phone,
    email: v.email,
    accessRoute: v.accessRoute as FamilyFields['accessRoute'],
    migrationBackground: v.migrationBackground as FamilyFields['migrationBackground'],
    immigrationHistory: v.immigrationHistory as FamilyFields['immigrationHistory'],
    notes: v.notes,
    languages: v.languages as FamilyFields['languages'],
    preferredLanguage: v.preferredLanguage as FamilyFields['preferredLanguage'],
    interpreterNeeded: v.interpreterNeeded,
    interpreterLanguage: v.interpreterLanguage as FamilyFields['interpreterLanguage'],
  };
}

/** The wizard's values as the core's `families.create` input (validated by the same schema). */
export function toCreateInput(v: IntakeValues): CreateFamilyInput {
  return {
    ...toFamilyFields(v),
    members: v.members.map((m) => ({
      firstName: m.firstName,
      lastName: m.lastName,
      birthYear: m.birthYear === '' ? (undefined as unknown as number) : m.birthYear,
      role: m.role,
      gender: (m.gender ?? undefined) as CreateFamilyInput['members'][number]['gender'],
      school: m.school,
      migrationBackground: ownAnswer(m.migrationBackground),
      immigrationHistory: ownAnswer(m.immigrationHistory),
    })),
    consents: CONSENT_PURPOSES.filter((p) => v.consents[p] !== 'not_asked').map((purpose) => ({
      purpose,
      given: v.consents[purpose] === 'given',
      date: v.consentDate,
      formVersion: v.formVersion,
      formLanguage: v.formLanguage as CreateFamilyInput['consents'][number]['formLanguage'],
    })),
    ...(v.logContact ? { contact: { type: 'walk_in' as const, topics: [], fieldOfAction: Number(v.fieldOfAction) as 1 | 2 | 3 } } : {}),
  };
}

/** Which form fields each step owns, to show only that step's refusals. */
export const STEP_PREFIXES: readonly (readonly string[])[] = [
  ['displayName', 'street', 'postalCode', 'city', 'districtId', 'phone', 'email', 'accessRoute', 'migrationBackground', 'immigrationHistory', 'notes'],
  ['members'],
  ['languages', 'preferredLanguage', 'interpreterNeeded', 'interpreterLanguage'],
  ['consents', 'consentDate', 'formVersion', 'formLanguage'],
  [],
];
