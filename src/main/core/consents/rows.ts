import { randomUUID } from 'node:crypto';
import type { Consent, ConsentInput } from '../../../shared/rpc/areas/consents';
import type { ConsentsTable } from '../db/schema';

/** The row for a consent as recorded now by `recordedBy`. */
export function consentRow(familyId: string, c: ConsentInput, recordedBy: string | null, recordedAt: string): ConsentsTable {
  return {
    id: randomUUID(),
    family_id: familyId,
    purpose: c.purpose,
    given: c.given ? 1 : 0,
    date: c.date,
    form_version: c.formVersion,
    form_language: c.formLanguage,
    recorded_by: recordedBy,
    recorded_at: recordedAt,
    withdrawn_at: null,
  };
}

/** A stored consent as the contract shows it; `recordedBy` is the recorder's display name. */
export function toConsent(row: Omit<ConsentsTable, 'family_id' | 'recorded_by' | 'recorded_at'>, recordedBy: string | null): Consent {
  return {
    id: row.id,
    purpose: row.purpose as Consent['purpose'],
    given: row.given === 1,
    date: row.date,
    formVersion: row.form_version,
    formLanguage: row.form_language,
    recordedBy,
    withdrawnAt: row.withdrawn_at,
  };
}
