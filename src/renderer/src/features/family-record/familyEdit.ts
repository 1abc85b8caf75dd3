import type { FAMILY_STATUS } from '../../../../shared/domain/lists';
import type { Family } from '../../../../shared/rpc/areas/families';
import type { HouseholdValues, NeedsValues } from '../intake/HouseholdFields';

/** A family's own fields as the core sends them back on a CONFLICT (`details.current`). */
export type FamilyFieldsSaved = Omit<Family, 'members' | 'consents' | 'contacts' | 'caseworkers'>;

/** What the Edit form holds (and drafts) while it is open. */
export interface FamilyEditValues extends HouseholdValues, NeedsValues {
  status: (typeof FAMILY_STATUS)[number];
  statusReason: string;
  /** The version the form was filled from: saving checks it. */
  version: number;
}

/** The form as it is held and drafted: the values, and what they were opened from (to tell my changes from theirs). */
export interface FamilyEditDraft extends FamilyEditValues {
  opened: FamilyEditValues | null;
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
    immigrationHistory: f.immigrationHistory,
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
  'immigrationHistory',
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

export interface MergedEdit {
  /** What the form holds now: their changes in the fields left alone here, ours elsewhere. */
  values: FamilyEditValues;
  /** Fields only they changed: taken over. */
  adopted: ComparedField[];
  /** Fields both changed, differently: the person decides. */
  conflicts: ComparedField[];
}

/**
 * Someone saved while this form was open. Compared with what the form opened
 * with (`base`, drafted with the form, so a draft restored after a lock keeps it), a field only they changed takes their value — so keeping
 * one's own entries never writes an old phone number back over theirs — and
 * a field both changed differently is a conflict to decide.
 */
export function mergeSaved(mine: FamilyEditValues, base: FamilyEditValues | null, saved: FamilyEditValues): MergedEdit {
  const values = { ...mine } as Record<ComparedField, unknown>;
  const adopted: ComparedField[] = [];
  const conflicts: ComparedField[] = [];
  for (const field of COMPARED_FIELDS) {
    // Without a base (a draft from before bases were kept) every difference is for the person to decide.
    const mineChanged = base === null || !same(mine[field], base[field]);
    const theirsChanged = base === null || !same(saved[field], base[field]);
    if (!theirsChanged || same(mine[field], saved[field])) continue;
    if (mineChanged) conflicts.push(field);
    else {
      values[field] = saved[field];
      adopted.push(field);
    }
  }
  // Fields that only make sense together are decided together: when both sides changed something in
  // such a pair, every difference in it is a question (else the form could mix a combination nobody chose).
  for (const group of COUPLED) {
    const mineTouched = group.some((f) => base === null || !same(mine[f], base[f]));
    const theirsTouched = group.some((f) => base === null || !same(saved[f], base[f]));
    if (!mineTouched || !theirsTouched) continue;
    for (const f of group) {
      if (same(mine[f], saved[f])) continue;
      values[f] = mine[f];
      if (adopted.includes(f)) adopted.splice(adopted.indexOf(f), 1);
      if (!conflicts.includes(f)) conflicts.push(f);
    }
  }
  conflicts.sort((a, b) => COMPARED_FIELDS.indexOf(a) - COMPARED_FIELDS.indexOf(b));
  return { values: values as unknown as FamilyEditValues, adopted, conflicts };
}

const COUPLED: readonly (readonly ComparedField[])[] = [
  ['languages', 'preferredLanguage'],
  ['interpreterNeeded', 'interpreterLanguage'],
  ['status', 'statusReason'],
];
