import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { GoalInput, Plan } from '../../../shared/rpc/areas/plans';
import type { Contract } from '../../../shared/rpc/contract';
import { caseworkDb } from '../casework/store';
import { requireSession } from '../db/require';
import type { PlanGoalsTable, PlanMeasuresTable, Tx } from '../db/schema';
import { staffNames } from '../notes/rows';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';

/** A family's plan with its goals, measures and reviews, or null. */
export async function loadPlan(db: Tx, familyId: string): Promise<Plan | null> {
  const plan = await db.selectFrom('casework.plans').selectAll().where('family_id', '=', familyId).executeTakeFirst();
  if (!plan) return null;
  const goals = await db.selectFrom('casework.plan_goals').selectAll().where('plan_id', '=', plan.id).orderBy('sort').execute();
  const measures = await db.selectFrom('casework.plan_measures').selectAll().where('plan_id', '=', plan.id).orderBy('sort').execute();
  const reviews = await db.selectFrom('casework.plan_reviews').selectAll().where('plan_id', '=', plan.id).orderBy('held_on', 'desc').execute();
  const names = await staffNames(db, [plan.updated_by, ...reviews.map((r) => r.created_by)]);
  return {
    id: plan.id,
    familyId,
    version: plan.version,
    updatedAt: plan.updated_at,
    updatedByName: names.get(plan.updated_by) ?? null,
    goals: goals.map((g) => ({
      id: g.id,
      fieldOfAction: g.field_of_action,
      description: g.description,
      startOn: g.start_on,
      targetOn: g.target_on,
      status: g.status as Plan['goals'][number]['status'],
      measures: measures
        .filter((m) => m.goal_id === g.id)
        .map((m) => ({
          id: m.id,
          description: m.description,
          ownerKind: m.owner_kind as 'staff',
          ownerUserId: m.owner_user_id,
          ownerName: m.owner_name,
          dueOn: m.due_on,
          status: m.status as 'open',
        })),
    })),
    reviews: reviews.map((r) => ({ id: r.id, heldOn: r.held_on, outcome: r.outcome, nextReviewOn: r.next_review_on, byName: names.get(r.created_by) ?? null })),
  };
}

const short = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/**
 * What changed between the stored goals and the saved ones, as timeline
 * entries: goals and measures added, their status changed, goals removed.
 */
function changesOf(before: { goals: PlanGoalsTable[]; measures: PlanMeasuresTable[] }, goals: GoalInput[]): { kind: string; field: number | null; summary: string }[] {
  const out: { kind: string; field: number | null; summary: string }[] = [];
  const oldGoals = new Map(before.goals.map((g) => [g.id, g]));
  const oldMeasures = new Map(before.measures.map((m) => [m.id, m]));
  const kept = new Set<string>();
  for (const g of goals) {
    const old = g.id ? oldGoals.get(g.id) : undefined;
    if (!old) out.push({ kind: 'goal_added', field: g.fieldOfAction, summary: short(g.description) });
    else {
      kept.add(old.id);
      if (old.status !== g.status) out.push({ kind: `goal_${g.status}`, field: g.fieldOfAction, summary: short(g.description) });
    }
    for (const m of g.measures) {
      const was = m.id ? oldMeasures.get(m.id) : undefined;
      if (!was) out.push({ kind: 'measure_added', field: g.fieldOfAction, summary: short(m.description) });
      else if (was.status !== m.status) out.push({ kind: `measure_${m.status}`, field: g.fieldOfAction, summary: short(m.description) });
    }
  }
  for (const g of before.goals) if (!kept.has(g.id)) out.push({ kind: 'goal_removed', field: g.field_of_action, summary: short(g.description) });
  return out;
}

/**
 * Staff named as a measure's owner must be caseworkers or coordinators; an
 * owner who left stays on the measures already theirs (the plan still saves).
 */
async function checkOwners(db: Tx, goals: GoalInput[], before: PlanMeasuresTable[]): Promise<void> {
  const kept = new Set(before.map((m) => m.owner_user_id));
  const named = goals.flatMap((g) => g.measures.map((m) => (typeof m.ownerUserId === 'string' ? m.ownerUserId : '')));
  const ids = [...new Set(named.filter((id) => id !== '' && !kept.has(id)))];
  if (ids.length === 0) return;
  const found = await db.selectFrom('users').select('id').where('id', 'in', ids).where('active', '=', 1).where('role', 'in', ['caseworker', 'coordinator']).execute();
  if (found.length !== ids.length) throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['goals'], message: 'validation:owner_unknown' }] });
}

/**
 * The `plans.*` area: one support plan per family, saved whole with a version
 * check; each change is written as a plan event for the family timeline.
 */
export function registerPlansApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('plans', {
    'plans.get': async ({ familyId }, ctx) => {
      const db = caseworkDb(ctx, services);
      ctx.audit('plan', familyId);
      return { plan: await loadPlan(db, familyId) };
    },

    'plans.save': async ({ familyId, version, goals }, ctx) => {
      const db = caseworkDb(ctx, services);
      const me = requireSession(ctx).userId;
      if (!(await db.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst())) throw new DomainError('NOT_FOUND', 'errors:family_not_found');
      const now = services.now().toISOString();
      let plan = await db.selectFrom('casework.plans').selectAll().where('family_id', '=', familyId).executeTakeFirst();
      if ((plan?.version ?? null) !== version) throw new DomainError('CONFLICT', 'errors:plan_changed', { current: await loadPlan(db, familyId) });
      let before: { goals: PlanGoalsTable[]; measures: PlanMeasuresTable[] } = { goals: [], measures: [] };
      if (!plan) {
        plan = { id: randomUUID(), family_id: familyId, version: 1, created_at: now, updated_at: now, updated_by: me };
        await db.insertInto('casework.plans').values(plan).execute();
      } else {
        const updated = await db.updateTable('casework.plans').set({ version: plan.version + 1, updated_at: now, updated_by: me }).where('id', '=', plan.id).where('version', '=', version).executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw new DomainError('CONFLICT', 'errors:plan_changed', { current: await loadPlan(db, familyId) });
        before = {
          goals: await db.selectFrom('casework.plan_goals').selectAll().where('plan_id', '=', plan.id).execute(),
          measures: await db.selectFrom('casework.plan_measures').selectAll().where('plan_id', '=', plan.id).execute(),
        };
      }
      await checkOwners(db, goals, before.measures);
      const planId = plan.id;
      // Ids the client names must be this plan's: an id of another family's goal is a new goal here.
      const ownGoal = new Set(before.goals.map((g) => g.id));
      const ownMeasure = new Set(before.measures.map((m) => m.id));
      const clean = goals.map((g) => ({ ...g, id: g.id && ownGoal.has(g.id) ? g.id : undefined, measures: g.measures.map((m) => ({ ...m, id: m.id && ownMeasure.has(m.id) ? m.id : undefined })) }));
      const events = changesOf(before, clean);
      await db.deleteFrom('casework.plan_measures').where('plan_id', '=', planId).execute();
      await db.deleteFrom('casework.plan_goals').where('plan_id', '=', planId).execute();
      for (const [sort, g] of clean.entries()) {
        const goalId = g.id ?? randomUUID();
        await db
          .insertInto('casework.plan_goals')
          .values({ id: goalId, plan_id: planId, sort, field_of_action: g.fieldOfAction, description: g.description, start_on: g.startOn, target_on: g.targetOn ?? null, status: g.status })
          .execute();
        if (g.measures.length > 0) {
          await db
            .insertInto('casework.plan_measures')
            .values(
              g.measures.map((m, i) => ({
                id: m.id ?? randomUUID(),
                goal_id: goalId,
                plan_id: planId,
                sort: i,
                description: m.description,
                owner_kind: m.ownerKind,
                owner_user_id: m.ownerKind === 'staff' ? (m.ownerUserId ?? null) : null,
                owner_name: m.ownerKind === 'staff' ? null : (m.ownerName ?? null),
                due_on: m.dueOn ?? null,
                status: m.status,
              })),
            )
            .execute();
        }
      }
      for (const e of events) {
        await db.insertInto('casework.plan_events').values({ id: randomUUID(), plan_id: planId, family_id: familyId, at: now, user_id: me, kind: e.kind, field_of_action: e.field, summary: e.summary }).execute();
      }
      ctx.audit('plan', planId);
      return (await loadPlan(db, familyId))!;
    },

    'plans.addReview': async ({ familyId, heldOn, outcome, nextReviewOn }, ctx) => {
      const db = caseworkDb(ctx, services);
      const me = requireSession(ctx).userId;
      const plan = await db.selectFrom('casework.plans').select(['id', 'version']).where('family_id', '=', familyId).executeTakeFirst();
      if (!plan) throw new DomainError('NOT_FOUND', 'errors:plan_not_found');
      const now = services.now().toISOString();
      await db.insertInto('casework.plan_reviews').values({ id: randomUUID(), plan_id: plan.id, held_on: heldOn, outcome, next_review_on: nextReviewOn ?? null, created_by: me, created_at: now }).execute();
      await db.updateTable('casework.plans').set({ version: plan.version + 1, updated_at: now, updated_by: me }).where('id', '=', plan.id).execute();
      await db.insertInto('casework.plan_events').values({ id: randomUUID(), plan_id: plan.id, family_id: familyId, at: now, user_id: me, kind: 'review', field_of_action: null, summary: short(outcome) }).execute();
      ctx.audit('plan', plan.id);
      return (await loadPlan(db, familyId))!;
    },
  });
}
