import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Engagement } from '../../../shared/rpc/areas/members';
import { consentsGiven } from '../consents/rules';
import type { MemberEngagementsTable, Tx } from '../db/schema';

type Values = { kind: Engagement['kind']; from: string; to?: string | null; note?: string };

const toEngagement = (row: Selectable<MemberEngagementsTable>): Engagement => ({
  id: row.id,
  memberId: row.member_id,
  kind: row.kind as Engagement['kind'],
  from: row.started_on,
  to: row.ended_on,
  note: row.note,
});

export async function listEngagements(db: Tx, familyId: string, memberId?: string): Promise<Engagement[]> {
  let q = db.selectFrom('member_engagements').selectAll().where('family_id', '=', familyId);
  if (memberId) q = q.where('member_id', '=', memberId);
  return (await q.orderBy('started_on').orderBy('created_at').orderBy('id').execute()).map(toEngagement);
}

/** Replaces a member's engagements with the list the form shows. */
export async function replaceEngagements(db: Tx, familyId: string, memberId: string, items: readonly Values[], now: string): Promise<void> {
  await db.deleteFrom('member_engagements').where('member_id', '=', memberId).execute();
  if (items.length === 0) return;
  await db
    .insertInto('member_engagements')
    .values(items.map((e) => ({ id: randomUUID(), family_id: familyId, member_id: memberId, kind: e.kind, started_on: e.from, ended_on: e.to ?? null, note: e.note ?? null, created_at: now })))
    .execute();
}

/**
 * A member who becomes a volunteer takes part at the office from that day:
 * the engagement is recorded unless one is already open.
 */
export async function startVolunteering(db: Tx, memberId: string, day: string, now: string): Promise<boolean> {
  const member = await db.selectFrom('members').select(['id', 'family_id']).where('id', '=', memberId).executeTakeFirst();
  // Only in a family record the office may keep (the consent to store its data).
  if (!member || !(await consentsGiven(db, member.family_id, ['data_storage'])).has('data_storage')) return false;
  const open = await db
    .selectFrom('member_engagements')
    .select('id')
    .where('member_id', '=', memberId)
    .where('kind', '=', 'office_volunteering')
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', day)]))
    .executeTakeFirst();
  if (open) return false;
  await db.insertInto('member_engagements').values({ id: randomUUID(), family_id: member.family_id, member_id: memberId, kind: 'office_volunteering', started_on: day, ended_on: null, note: null, created_at: now }).execute();
  return true;
}
