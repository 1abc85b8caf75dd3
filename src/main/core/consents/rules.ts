import type { ConsentPurpose } from '../../../shared/domain/lists';
import { DomainError } from '../../../shared/errors';
import type { Tx } from '../db/schema';

/** True when the family's newest consent for this purpose is given and not withdrawn. */
export async function hasConsent(db: Tx, familyId: string, purpose: ConsentPurpose): Promise<boolean> {
  const row = await db
    .selectFrom('consents')
    .select('given')
    .where('family_id', '=', familyId)
    .where('purpose', '=', purpose)
    .where('withdrawn_at', 'is', null)
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.given === 1;
}

/**
 * Refuses what a family's consents do not cover, naming the missing consent,
 * e.g. no new contact after the consent to store data was withdrawn.
 */
export async function requireConsent(db: Tx, familyId: string, purpose: ConsentPurpose): Promise<void> {
  if (!(await hasConsent(db, familyId, purpose))) {
    throw new DomainError('CONFLICT', 'errors:consent_missing', { purpose });
  }
}
