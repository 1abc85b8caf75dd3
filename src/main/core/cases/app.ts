import { DomainError } from '../../../shared/errors';
import { localDay } from '../../../shared/dates';
import type { Contract } from '../../../shared/rpc/contract';
import { caseworkDb } from '../casework/store';
import { requireDb, requireSession } from '../db/require';
import type { Tx } from '../db/schema';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';

const MEASURES_OPEN = ['open', 'in_progress'];

/** Families this person works with (lead or helping). */
const myFamilies = (db: Tx, me: string) => db.selectFrom('case_assignments').select('family_id').where('user_id', '=', me);

/**
 * The `cases.*` area: who works with which family (in the main database, so
 * reception sees that a case is open and with whom), and the caseworker's
 * day — what is due, their open cases, and who opened their confidential
 * notes through break-glass.
 */
export function registerCasesApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('cases', {
    'cases.assign': async ({ familyId, userId, lead }, ctx) => {
      const db = requireDb(ctx);
      const user = await db.selectFrom('users').select(['id', 'role', 'active']).where('id', '=', userId).executeTakeFirst();
      if (!user || user.active !== 1 || !['caseworker', 'coordinator'].includes(user.role)) {
        throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['userId'], message: 'validation:caseworker_required' }] });
      }
      if (!(await db.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst())) throw new DomainError('NOT_FOUND', 'errors:family_not_found');
      // One lead per family: a new lead makes the former one a helper.
      if (lead) await db.updateTable('case_assignments').set({ lead: 0 }).where('family_id', '=', familyId).execute();
      await db
        .insertInto('case_assignments')
        .values({ family_id: familyId, user_id: userId, lead: lead ? 1 : 0, since: services.now().toISOString() })
        .onConflict((oc) => oc.columns(['family_id', 'user_id']).doUpdateSet({ lead: lead ? 1 : 0 }))
        .execute();
      ctx.audit('case', familyId);
      ctx.changed('family');
      return { ok: true as const };
    },

    'cases.release': async ({ familyId, userId }, ctx) => {
      await requireDb(ctx).deleteFrom('case_assignments').where('family_id', '=', familyId).where('user_id', '=', userId).execute();
      ctx.audit('case', familyId);
      ctx.changed('family');
      return { ok: true as const };
    },

    'cases.staff': async (_input, ctx) => {
      const rows = await requireDb(ctx)
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('active', '=', 1)
        .where('role', 'in', ['caseworker', 'coordinator'])
        .orderBy('display_name')
        .execute();
      return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name })) };
    },

    'cases.today': async (_input, ctx) => {
      const db = caseworkDb(ctx, services);
      const me = requireSession(ctx).userId;
      const today = localDay(services.now());
      const measures = await db
        .selectFrom('casework.plan_measures as m')
        .innerJoin('casework.plans as p', 'p.id', 'm.plan_id')
        .innerJoin('families as f', 'f.id', 'p.family_id')
        .select(['m.id', 'm.description', 'm.due_on', 'p.family_id', 'f.display_name'])
        .where('m.status', 'in', MEASURES_OPEN)
        .where('m.due_on', '<=', today)
        .where((eb) => eb.or([eb('m.owner_user_id', '=', me), eb('p.family_id', 'in', myFamilies(db, me))]))
        .orderBy('m.due_on')
        .limit(100)
        .execute();
      // A plan's review is due when its newest review says so.
      const reviews = await db
        .selectFrom('casework.plan_reviews as r')
        .innerJoin('casework.plans as p', 'p.id', 'r.plan_id')
        .innerJoin('families as f', 'f.id', 'p.family_id')
        .select(['p.family_id', 'f.display_name', 'r.next_review_on'])
        .where('r.next_review_on', '<=', today)
        .where('p.family_id', 'in', myFamilies(db, me))
        .where('r.held_on', '=', (eb) => eb.selectFrom('casework.plan_reviews as r2').select((e) => e.fn.max('r2.held_on').as('h')).whereRef('r2.plan_id', '=', 'r.plan_id'))
        .orderBy('r.next_review_on')
        .limit(100)
        .execute();
      const cases = await db
        .selectFrom('case_assignments as a')
        .innerJoin('families as f', 'f.id', 'a.family_id')
        .select(['f.id', 'f.display_name', 'f.code', 'a.lead', 'f.last_contact_at'])
        .select((eb) =>
          eb
            .selectFrom('casework.notes as n')
            .select((e) => e.fn.max('n.occurred_on').as('d'))
            .whereRef('n.family_id', '=', 'f.id')
            .where('n.deleted_at', 'is', null)
            .as('last_note'),
        )
        .where('a.user_id', '=', me)
        .where('f.status', '=', 'active')
        .orderBy('f.display_name')
        .limit(200)
        .execute();
      const accesses = await db
        .selectFrom('casework.note_access as x')
        .innerJoin('casework.notes as n', 'n.id', 'x.note_id')
        .innerJoin('families as f', 'f.id', 'n.family_id')
        .leftJoin('users as u', 'u.id', 'x.user_id')
        .select(['x.id', 'x.note_id', 'x.at', 'x.reason', 'n.family_id', 'n.occurred_on', 'f.display_name as family_name', 'u.display_name as by_name'])
        .where('n.author_id', '=', me)
        .where('x.seen_at', 'is', null)
        .orderBy('x.at', 'desc')
        .limit(100)
        .execute();
      const lastOf = (contact: string | null, note: string | null) => {
        const c = contact ? localDay(new Date(contact)) : null;
        return c && note ? (c > note ? c : note) : (c ?? note);
      };
      return {
        measures: measures.map((m) => ({ measureId: m.id, familyId: m.family_id, familyName: m.display_name, description: m.description, dueOn: m.due_on!, overdue: m.due_on! < today })),
        reviews: reviews.map((r) => ({ familyId: r.family_id, familyName: r.display_name, nextReviewOn: r.next_review_on!, overdue: r.next_review_on! < today })),
        cases: cases.map((c) => ({ familyId: c.id, familyName: c.display_name, familyCode: c.code, lead: c.lead === 1, lastContact: lastOf(c.last_contact_at, (c.last_note as string | null) ?? null) })),
        accesses: accesses.map((a) => ({ id: a.id, noteId: a.note_id, familyId: a.family_id, familyName: a.family_name, noteOn: a.occurred_on, byName: a.by_name ?? null, at: a.at, reason: a.reason })),
      };
    },

    'cases.ackAccess': async ({ ids }, ctx) => {
      const db = caseworkDb(ctx, services);
      const me = requireSession(ctx).userId;
      // Only readings of one's own notes can be marked seen.
      await db
        .updateTable('casework.note_access')
        .set({ seen_at: services.now().toISOString() })
        .where('id', 'in', ids)
        .where('note_id', 'in', (eb) => eb.selectFrom('casework.notes').select('id').where('author_id', '=', me))
        .execute();
      return { ok: true as const };
    },
  });
}
