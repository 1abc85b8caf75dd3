import type { FAMILY_STATUS } from '../../../../shared/domain/lists';
import type { Family } from '../../../../shared/rpc/areas/families';
import type { HouseholdValues, NeedsValues } from '../intake/HouseholdFields';

/** A family's own fields as the core sends them back on a CONFLICT (`details.current`). */
export type FamilyFieldsSaved = Omit<Family, 'members' | 'consents' | 'contacts'>;

/** What the Edit form holds (and drafts) while it is open. */
export interface FamilyEditValues extends HouseholdValues, NeedsValues {
  status: (typeof FAMILY_STATUS)[number];
  statusReason: string;
  /** The version the form was filled from: saving checks it. */
  version: number;
}

export function editValuesOf(f: FamilyFieldsSaved): FamilyEditValues {
  return {
    displayName: f.displayName,
    street: f.street ?? '',
    postalCode: f.postalCode ?? '',
    city: f.city ?? '',
    districtId: f.districtId,
    phone: f.phone ?? '',
    email: f.email ?? '',
    accessRoute: f.accessRoute,
    migrationBackground: f.migrationBackground,
    notes: f.notes ?? '',
    languages: [...f.languages],
    preferredLanguage: f.preferredLanguage,
    interpreterNeeded: f.interpreterNeeded,
    interpreterLanguage: f.interpreterLanguage,
    status: f.status,
    statusReason: f.statusReason ?? '',
    version: f.version,
  };
}

/** The fields compared when two people saved the same family, in the form's order. */
export const COMPARED_FIELDS = [
  'displayName',
  'street',
  'postalCode',
  'city',
  'districtId',
  'phone',
  'email',
  'accessRoute',
  'migrationBackground',
  'notes',
  'languages',
  'preferredLanguage',
  'interpreterNeeded',
  'interpreterLanguage',
  'status',
  'statusReason',
] as const satisfies readonly (keyof FamilyEditValues)[];
export type ComparedField = (typeof COMPARED_FIELDS)[number];

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (Array.isArray(v) ? [...(v as string[])].sort().join(',') : typeof v === 'string' ? v.trim() : (v ?? ''));
  return norm(a) === norm(b);
}

/** The fields where what is typed differs from what was saved meanwhile. */
export function differingFields(mine: FamilyEditValues, saved: FamilyEditValues): ComparedField[] {
  return COMPARED_FIELDS.filter((field) => !same(mine[field], saved[field]));
}
