import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREA_IDS } from '../../src/renderer/src/app/areas';
import { PERIOD_PRESETS } from '../../src/renderer/src/features/reports/period';
import { columnLabelKey, rowLabelKey } from '../../src/shared/domain/report-labels';
import { AGE_BANDS, CONTACT_CHANNELS, MIGRATION_DEFINITIONS, reachReportSchema } from '../../src/shared/rpc/areas/reports';
import * as LISTS from '../../src/shared/domain/lists';
import { DOCUMENT_LANGUAGES } from '../../src/shared/domain/lists';
import { ERROR_CODES } from '../../src/shared/errors';
import { NAMESPACES, UI_LANGUAGES } from '../../src/shared/i18n';
import { ROLES } from '../../src/shared/roles';
import { PASSWORD_WARNINGS } from '../../src/main/core/vault/password-strength';

const root = resolve(__dirname, '../..');

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  const out: Record<string, string> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    Object.assign(out, flatten(child, prefix ? `${prefix}.${key}` : key));
  }
  return out;
}

function load(lng: string, ns: string): Record<string, string> {
  return flatten(JSON.parse(readFileSync(join(root, 'locales', lng, `${ns}.json`), 'utf8')));
}

const locales = Object.fromEntries(
  UI_LANGUAGES.map((lng) => [lng, Object.fromEntries(NAMESPACES.map((ns) => [ns, load(lng, ns)]))]),
) as Record<string, Record<string, Record<string, string>>>;

function has(lng: string, fullKey: string): boolean {
  const [ns, key] = fullKey.split(':') as [string, string];
  const text = (k: string) => typeof locales[lng]?.[ns]?.[k] === 'string' && locales[lng]![ns]![k]!.trim() !== '';
  // A key called with a count may exist in its plural forms only (i18next: key_one, key_other).
  // A literal naming a group of keys is a prefix keys are built from at run time (shared/domain/report-labels.ts).
  const group = (prefix: string) => Object.keys(locales[lng]?.[ns] ?? {}).some((k) => k.startsWith(`${prefix.replace(/\.$/, '')}.`));
  return text(key) || (text(`${key}_one`) && text(`${key}_other`)) || group(key);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every literal key the code uses: `'ns:key'` anywhere, and main's `t('key')` in its own namespace. */
function keysUsedInCode(): string[] {
  const keys = new Set<string>();
  const nsPattern = new RegExp(`['"\`]((?:${NAMESPACES.join('|')}):[A-Za-z0-9_.]+)['"\`]`, 'g');
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(nsPattern)) keys.add(match[1]!);
    if (file.startsWith(join(root, 'src/main')) && !file.includes('/core/')) {
      for (const match of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) keys.add(`main:${match[1]}`);
    }
  }
  // Keys built at run time from fixed lists.
  for (const id of AREA_IDS) keys.add(`nav:${id}`).add(`common:area.${id}`);
  for (const role of ROLES) keys.add(`common:user.role.${role}`);
  for (const code of ERROR_CODES) keys.add(`errors:${code}`);
  const lists: [string, readonly (string | number)[]][] = [
    ['language', LISTS.LANGUAGES], ['accessRoute', LISTS.ACCESS_ROUTES], ['migration', LISTS.MIGRATION_BACKGROUND],
    ['status', LISTS.FAMILY_STATUS], ['memberRole', LISTS.MEMBER_ROLES], ['gender', LISTS.GENDERS],
    ['consent', LISTS.CONSENT_PURPOSES], ['contactType', LISTS.CONTACT_TYPES], ['topic', LISTS.CONTACT_TOPICS],
    ['fieldOfAction', LISTS.FIELDS_OF_ACTION], ['documentLanguage', LISTS.DOCUMENT_LANGUAGES], ['noteKind', LISTS.NOTE_KINDS], ['eventType', LISTS.EVENT_TYPES], ['volunteerRole', LISTS.VOLUNTEER_ROLES], ['languageLevel', LISTS.LANGUAGE_LEVELS], ['volunteerStatus', LISTS.VOLUNTEER_STATUS], ['referralKind', LISTS.REFERRAL_KINDS], ['referralReason', LISTS.REFERRAL_REASONS], ['referralStatus', LISTS.REFERRAL_STATUS], ['engagementKind', LISTS.ENGAGEMENT_KINDS], ['volunteerConsent', LISTS.VOLUNTEER_CONSENTS],
  ];
  for (const [name, values] of lists) for (const value of values) keys.add(`lists:${name}.${value}`);
  for (const reason of ['name', 'first_name', 'phone', 'birth_year', 'address']) keys.add(`families:duplicates.reasons.${reason}`);
  for (const tab of ['users', 'settings', 'districts', 'backups', 'audit']) keys.add(`admin:tabs.${tab}`);
  for (const tab of ['referrals', 'pool', 'hours']) keys.add(`volunteering:tabs.${tab}`);
  for (const column of ['requested', 'offered', 'confirmed', 'done', 'closed']) keys.add(`volunteering:board.columns.${column}`);
  for (const step of ['done', 'reopen', 'withdrawn', 'cancelled', 'no_show', 'declined']) for (const part of ['title', 'hint', 'confirm', 'saved']) keys.add(`volunteering:steps.${part}.${step}`);
  for (const code of ['district', 'qualified', 'absent', 'busy']) keys.add(`volunteering:match.reasons.${code}`);
  for (const warning of [...PASSWORD_WARNINGS, 'generic']) keys.add(`passwords:weak.${warning}`);
  // The reach report's tables as the core makes them (main/core/reports/reach.ts): title, definition, what the rows are, their labels.
  const summary = Object.keys(reachReportSchema.shape.summary.shape);
  const reportTables: [id: string, rowKind: string, rows: readonly (string | number)[]][] = [
    ['summary', 'summary', summary], ['migration', 'reachUnit', ['persons', 'families']], ['ageBand', 'ageBand', AGE_BANDS], ['gender', 'gender', LISTS.GENDERS],
    ['familyStatus', 'familyStatus', ['new', 'returning']], ['fieldOfAction', 'fieldOfAction', LISTS.FIELDS_OF_ACTION], ['contactChannel', 'contactChannel', CONTACT_CHANNELS],
    ['contactType', 'contactType', LISTS.CONTACT_TYPES], ['contactTopic', 'contactTopic', LISTS.CONTACT_TOPICS], ['eventType', 'eventType', LISTS.EVENT_TYPES],
    ['referralKind', 'referralKind', LISTS.REFERRAL_KINDS], ['referralLanguage', 'language', [...LISTS.LANGUAGES, 'none']], ['referralReason', 'referralReason', LISTS.REFERRAL_REASONS],
    ['referralOutcome', 'referralStatus', LISTS.REFERRAL_STATUS], ['participation', 'participation', ['volunteering', 'interpreter_qualification', 'council_committee', 'event_speaker']],
  ];
  for (const [id, rowKind, rows] of reportTables) {
    keys.add(`reports:tables.${id}`).add(`reports:rowKinds.${rowKind}`);
    if (id !== 'summary') keys.add(`reports:definitions.${id}`);
    for (const row of rows) keys.add(rowLabelKey(rowKind, String(row)).key);
  }
  const reportColumns = ['mh_yes', 'mh_no', 'mh_not_stated', 'contacts', 'contactFamilies', 'events', 'attendances', 'attendees', 'referrals', 'done', 'value'];
  for (const column of reportColumns) for (const definition of MIGRATION_DEFINITIONS) keys.add(columnLabelKey(column, definition));
  keys.add('reports:tables.history').add('reports:definitions.history').add('reports:definitions.migration');
  for (const preset of PERIOD_PRESETS) keys.add(`reports:periodPicker.presets.${preset}`);
  for (const unit of ['families', 'persons']) keys.add(`reports:drill.${unit}`).add(`reports:drill.timesHint.${unit}`);
  for (const view of ['reach', 'central']) keys.add(`reports:tabs.${view}`);
  for (const mark of ['primary', 'secondary']) keys.add(`reports:preview.marks.${mark}`);
  for (const control of ['first', 'previous', 'next', 'last']) keys.add(`reports:preview.records.${control}`);
  for (const column of ['pseudonym', 'birthYears', 'district', 'languages', 'migration', 'visits', 'referrals', 'participation']) keys.add(`reports:preview.records.columns.${column}`);
  return [...keys].sort();
}

describe('locales', () => {
  it('finds the keys the code uses (the scan itself works)', () => {
    const used = keysUsedInCode();
    expect(used).toContain('nav:families');
    expect(used).toContain('main:menu.lock');
    expect(used).toContain('validation:too_short');
    expect(used.length).toBeGreaterThan(40);
  });

  it.each(UI_LANGUAGES)('has every key the code uses in %s', (lng) => {
    expect(keysUsedInCode().filter((key) => !has(lng, key))).toEqual([]);
  });

  it.each(NAMESPACES)('uses no dots inside JSON keys in %s (i18next would read them as nesting)', (ns) => {
    const walk = (value: unknown): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, child]) => [...(key.includes('.') ? [key] : []), ...walk(child)])
        : [];
    expect(walk(JSON.parse(readFileSync(join(root, 'locales', 'de', `${ns}.json`), 'utf8')))).toEqual([]);
  });

  it.each(['card', 'plan', 'appointment'])('has the same document texts in every document language (%s)', (ns) => {
    const de = Object.keys(flatten(JSON.parse(readFileSync(join(root, 'locales', 'de', `${ns}.json`), 'utf8')))).sort();
    for (const lng of DOCUMENT_LANGUAGES) {
      const keys = Object.keys(flatten(JSON.parse(readFileSync(join(root, 'locales', lng, `${ns}.json`), 'utf8')))).sort();
      expect({ lng, keys }).toEqual({ lng, keys: de });
    }
  });

  it.each(NAMESPACES)('has the same keys in German and English in %s', (ns) => {
    expect(Object.keys(locales.en![ns]!).sort()).toEqual(Object.keys(locales.de![ns]!).sort());
  });

  it.each(NAMESPACES)('uses the same placeholders in both languages in %s', (ns) => {
    const vars = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, de] of Object.entries(locales.de![ns]!)) {
      expect({ key, vars: vars(locales.en![ns]![key] ?? '') }).toEqual({ key, vars: vars(de) });
    }
  });
});
