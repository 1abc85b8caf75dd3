import type { Contract } from '../../../shared/rpc/contract';
import { DomainError } from '../../../shared/errors';
import { requireDb } from '../db/require';
import type { CoreState } from '../state';
import type { Registry } from '../rpc/registry';
import { verifyAudit } from './chain';

/** The `audit.*` area: the coordinators' view of who did what. */
export function registerAuditApp(registry: Registry<Contract>, state: CoreState): void {
  registry.register('audit', {
    'audit.list': async (input, ctx) => {
      const db = requireDb(ctx);
      const limit = input.limit ?? 100;
      let query = db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.user_id')
        .select(['a.id', 'a.at', 'a.user_id', 'u.display_name', 'a.method', 'a.entity_type', 'a.entity_id', 'a.outcome'])
        .orderBy('a.id', 'desc')
        .limit(limit + 1);
      if (input.userId) query = query.where('a.user_id', '=', input.userId);
      // A prefix range, not LIKE: the same on SQLite and PostgreSQL (LIKE's case rules differ).
      if (input.method) query = query.where('a.method', '>=', input.method).where('a.method', '<', `${input.method}\uffff`);
      // A login without the office hub (OFFLINE) succeeded.
      if (input.outcome === 'ok') query = query.where('a.outcome', 'in', ['ok', 'OFFLINE']);
      if (input.outcome === 'failed') query = query.where('a.outcome', 'not in', ['ok', 'OFFLINE']);
      if (input.from) query = query.where('a.at', '>=', `${input.from}T00:00:00.000Z`);
      if (input.to) query = query.where('a.at', '<=', `${input.to}T23:59:59.999Z`);
      if (input.beforeId) query = query.where('a.id', '<', input.beforeId);
      const rows = await query.execute();
      return {
        hasMore: rows.length > limit,
        items: rows.slice(0, limit).map((r) => ({
          id: r.id,
          at: r.at,
          userId: r.user_id,
          userName: r.display_name ?? null,
          method: r.method,
          entityType: r.entity_type,
          entityId: r.entity_id,
          outcome: r.outcome,
        })),
      };
    },
    'audit.verify': async (_input, ctx) => {
      const key = state.keys?.audit;
      if (!key) throw new DomainError('LOCKED');
      return verifyAudit(requireDb(ctx), key);
    },
  });
}
