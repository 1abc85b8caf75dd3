import type { ConsentPurpose } from '../../../shared/domain/lists';
import { DomainError } from '../../../shared/errors';
import { type Expression, sql } from 'kysely';
import type { Tx } from '../db/schema';

/**
 * True when the family's newest consent for this purpose (the last one
 * recorded, withdrawn or not) is given and not withdrawn: a withdrawal is never
 * undone by an older "yes". The family page shows the same entry as current.
 */
export async function hasConsent(db: Tx, familyId: string, purpose: ConsentPurpose): Promise<boolean> {
  const row = await db
    .selectFrom('consents')
    .select(['given', 'withdrawn_at'])
    .where('family_id', '=', familyId)
    .where('purpose', '=', purpose)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.given === 1 && row.withdrawn_at === null;
}

/**
 * The same rule as a subquery, to be read beside other columns: 1 when the
 * family's newest record of the purpose is given and not withdrawn, 0 when
 * it is not, null when there is none.
 */
export function consentHolds(db: Tx, familyId: Expression<string | null>, purpose: ConsentPurpose) {
  return db
    .selectFrom('consents as c')
    .select((eb) => eb.case().when(eb.and([eb('c.given', '=', 1), eb('c.withdrawn_at', 'is', null)])).then(eb.lit(1)).else(eb.lit(0)).end().as('holds'))
    .where('c.family_id', '=', familyId)
    .where('c.purpose', '=', purpose)
    .orderBy('c.recorded_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(1);
}

/** Which of the purposes a family's consents cover now (newest record of each), in one read. */
export async function consentsGiven(db: Tx, familyId: string, purposes: readonly ConsentPurpose[]): Promise<Set<ConsentPurpose>> {
  const row = await db.selectNoFrom(() => purposes.map((purpose) => consentHolds(db, sql<string>`${familyId}`, purpose).as(purpose))).executeTakeFirstOrThrow();
  return new Set(purposes.filter((purpose) => Number((row as Record<string, unknown>)[purpose]) === 1));
}

/**
 * `hasConsent` for many families in one read: the families whose newest
 * record of the purpose is given and not withdrawn; of all families when no
 * ids are given.
 */
export async function familiesWithConsent(db: Tx, familyIds: readonly string[] | 'all', purpose: ConsentPurpose): Promise<Set<string>> {
  if (familyIds !== 'all' && familyIds.length === 0) return new Set();
  let q = db.selectFrom('consents').select(['family_id', 'given', 'withdrawn_at']);
  if (familyIds !== 'all') q = q.where('family_id', 'in', [...familyIds]);
  const rows = await q
    .where('purpose', '=', purpose)
    .orderBy('family_id')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const newest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!newest.has(row.family_id)) newest.set(row.family_id, row);
  return new Set([...newest].filter(([, r]) => r.given === 1 && r.withdrawn_at === null).map(([id]) => id));
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

/** An intake is saved only with this consent among the ones given with it (e.g. to store the data at all). */
export function requireGivenAtIntake(consents: readonly { purpose: ConsentPurpose; given: boolean }[], purpose: ConsentPurpose): void {
  if (!consents.find((c) => c.purpose === purpose)?.given) {
    throw new DomainError('CONFLICT', 'errors:consent_missing', { purpose });
  }
}
