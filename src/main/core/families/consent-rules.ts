import { DomainError } from '../../../shared/errors';
import type { ConsentPurpose } from '../../../shared/domain/lists';
import type { Tx } from '../db/schema';
import { hasConsent } from './intake';

/**
 * Refuses what a family's consents do not cover, naming the missing consent,
 * e.g. no referral to a volunteer without `volunteer_sharing`.
 */
export async function requireConsent(db: Tx, familyId: string, purpose: ConsentPurpose): Promise<void> {
  if (!(await hasConsent(db, familyId, purpose))) {
    throw new DomainError('CONFLICT', 'errors:consent_missing', { purpose });
  }
}
