/**
 * Fixed lists of the front desk. Labels live in locales/<lng>/lists.json under
 * the same keys, so the UI shows them in its language.
 */

/** ISO 639 codes (639-1 where one exists, else 639-3) of the languages families speak. */
export const LANGUAGES = [
  'de', 'ar', 'prs', 'fa', 'kmr', 'ckb', 'ps', 'ru', 'uk', 'tr', 'ro', 'sq', 'ti', 'so', 'pl', 'bg', 'hr', 'sr', 'bs',
  'vi', 'en', 'fr', 'it', 'es', 'el', 'hu',
] as const;
export type LanguageCode = (typeof LANGUAGES)[number];

/** How the family came to the office (Zugangsweg). */
export const ACCESS_ROUTES = ['walk_in', 'kindergarten', 'school', 'authority', 'volunteer', 'word_of_mouth', 'event', 'other'] as const;

export const MIGRATION_BACKGROUND = ['yes', 'no', 'not_stated'] as const;
export const FAMILY_STATUS = ['active', 'closed'] as const;
export const MEMBER_ROLES = ['parent', 'child', 'other_adult'] as const;
export const GENDERS = ['female', 'male', 'diverse', 'not_stated'] as const;

/** What a consent is for. */
export const CONSENT_PURPOSES = ['data_storage', 'contact_phone', 'volunteer_sharing', 'photos', 'central_transfer'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Languages the consent form and the documents for families exist in. */
export const DOCUMENT_LANGUAGES = ['de', 'en', 'tr', 'ar', 'ru', 'uk'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** 'digital': video call or messenger (a channel of its own in Bavaria's statistics). */
export const CONTACT_TYPES = ['walk_in', 'phone', 'home_visit', 'email', 'accompaniment', 'digital', 'other'] as const;
export const CONTACT_TOPICS = [
  'kindergarten', 'school', 'authorities', 'health', 'housing', 'work', 'language_course', 'leisure', 'parenting', 'other',
] as const;

/** The three Handlungsfelder of the M³ project. */
export const FIELDS_OF_ACTION = [1, 2, 3] as const;

/** Kinds of event (Veranstaltung) the offices run. */
export const EVENT_TYPES = ['parent_cafe', 'information_evening', 'workshop', 'course', 'volunteer_training', 'meeting', 'excursion', 'other'] as const;

/** What a volunteer does for the office (several possible). */
export const VOLUNTEER_ROLES = ['interpreter', 'lotse', 'pate'] as const;
/** How well a volunteer speaks a language. */
export const LANGUAGE_LEVELS = ['native', 'fluent', 'basic'] as const;
export const VOLUNTEER_STATUS = ['active', 'paused', 'left'] as const;
/** A volunteer's own consents: storing their data, passing their phone number to families, photos at events. */
export const VOLUNTEER_CONSENTS = ['data_storage', 'phone_to_families', 'photos'] as const;

/** What a family is referred to. */
export const REFERRAL_KINDS = ['interpreting', 'lotse', 'pate', 'external'] as const;
/** Why (counted in reports). */
export const REFERRAL_REASONS = ['parent_talk_kindergarten', 'parent_talk_school', 'doctor', 'jobcenter', 'immigration_office', 'housing', 'other'] as const;
export const REFERRAL_STATUS = ['requested', 'offered', 'confirmed', 'done', 'cancelled', 'no_show', 'withdrawn'] as const;
/** What a family member takes part in (Mitmachen), counted in reports. */
export const ENGAGEMENT_KINDS = ['parents_council', 'school_committee', 'office_volunteering', 'interpreter_qualification', 'event_speaker'] as const;

/** Kinds of case note (Fallnotiz). */
export const NOTE_KINDS = ['office', 'home_visit', 'phone', 'accompaniment', 'case_conference', 'other'] as const;
/** Who took part in a conversation besides the caseworker. */
export const PARTICIPANT_KINDS = ['member', 'interpreter', 'lotse', 'service', 'other'] as const;
export const GOAL_STATUS = ['open', 'in_progress', 'reached', 'dropped'] as const;
export const MEASURE_STATUS = ['open', 'in_progress', 'done', 'dropped'] as const;
/** Who carries out a measure of a support plan. */
export const MEASURE_OWNERS = ['staff', 'volunteer', 'external'] as const;

/** Kaufbeuren's districts, the start of the coordinator-editable list. */
export const KAUFBEUREN_DISTRICTS = [
  'Altstadt', 'Haken', 'Neugablonz', 'Oberbeuren', 'Hirschzell', 'Kemnat', 'Großkemnat', 'Kleinkemnat', 'Märzisried',
  'Oggenried', 'Ganghofersiedlung', 'Sonneneck', 'Hohes Gestade', 'Leinau',
] as const;

/** The current consent form version, offered as the default when recording consents. */
export const CONSENT_FORM_VERSION = '2026-01';
