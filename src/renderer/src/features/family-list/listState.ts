import type { FamilyListFilters, FamilyListSort } from '../../../../shared/rpc/areas/families';

export const PAGE_SIZE = 50;

/** The list's filters as the form holds them: '' = any. */
export interface FilterValues {
  status: string;
  districtId: string;
  language: string;
  migrationBackground: string;
  interpreterNeeded: string;
  lastContactAfter: string | null;
  lastContactBefore: string | null;
  registeredFrom: string | null;
  registeredTo: string | null;
}

export interface ListState {
  filters: FilterValues;
  sort: FamilyListSort;
  page: number;
}

export const EMPTY_FILTERS: FilterValues = {
  status: '',
  districtId: '',
  language: '',
  migrationBackground: '',
  interpreterNeeded: '',
  lastContactAfter: null,
  lastContactBefore: null,
  registeredFrom: null,
  registeredTo: null,
};

export const INITIAL_LIST: ListState = { filters: EMPTY_FILTERS, sort: { by: 'name', dir: 'asc' }, page: 1 };

/** The form's filters as `families.list` takes them: only what is set. */
export function toListFilters(v: FilterValues): FamilyListFilters {
  const out: Record<string, unknown> = {};
  for (const key of ['status', 'districtId', 'language', 'migrationBackground', 'lastContactAfter', 'lastContactBefore', 'registeredFrom', 'registeredTo'] as const) {
    if (v[key]) out[key] = v[key];
  }
  if (v.interpreterNeeded) out.interpreterNeeded = v.interpreterNeeded === 'yes';
  return out as FamilyListFilters;
}

/** A click on a column: the same column turns round, a new one starts ascending (dates newest first). */
export function nextSort(current: FamilyListSort, by: FamilyListSort['by']): FamilyListSort {
  if (current.by === by) return { by, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { by, dir: by === 'name' ? 'asc' : 'desc' };
}
