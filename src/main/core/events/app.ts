import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import { requireDb, requireSession } from '../db/require';
import type { EventsTable } from '../db/schema';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { countsOf, findEvent, toEvent, toRegistration } from './rows';

/** The `events.*` area: events the offices run, their registrations and live counts. */
export function registerEventsApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('events', {
    'events.save': async (input, ctx) => {
      const db = requireDb(ctx);
      const now = services.now().toISOString();
      const columns = {
        title: input.title,
        type: input.type,
        field_of_action: input.fieldOfAction,
        date: input.date,
        start_time: input.start,
        end_time: input.end,
        place: input.place,
        capacity: input.capacity ?? null,
        languages: JSON.stringify(input.languages ?? []),
        interpreter: input.interpreter ? 1 : 0,
        description: input.description ?? null,
        updated_at: now,
      };
      let id = input.id;
      if (id) {
        const current = await findEvent(db, id);
        const result = await db
          .updateTable('events')
          .set({ ...columns, version: current.version + 1 })
          .where('id', '=', id)
          .where('version', '=', input.version ?? current.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw new DomainError('CONFLICT', 'errors:event_changed', { current: toEvent(current) });
      } else {
        id = randomUUID();
        const row: EventsTable = { id, ...columns, status: 'planned', cancel_reason: null, created_at: now, created_by: requireSession(ctx).userId, version: 1 };
        await db.insertInto('events').values(row).execute();
      }
      ctx.audit('event', id);
      return toEvent(await findEvent(db, id));
    },

    'events.list': async (input, ctx) => {
      const db = requireDb(ctx);
      let q = db.selectFrom('events').selectAll().orderBy('date').orderBy('start_time').limit(500);
      if (input?.from) q = q.where('date', '>=', input.from);
      if (input?.to) q = q.where('date', '<=', input.to);
      const rows = await q.execute();
      const items = [];
      for (const row of rows) {
        const counts = await countsOf(db, row);
        items.push({ ...toEvent(row), registered: counts.registered, present: counts.present });
      }
      return { items };
    },

    'events.get': async ({ id }, ctx) => {
      const db = requireDb(ctx);
      const row = await findEvent(db, id);
      const registrations = await db
        .selectFrom('registrations as r')
        .innerJoin('families as f', 'f.id', 'r.family_id')
        .selectAll('r')
        .select(['f.display_name', 'f.code'])
        .where('r.event_id', '=', id)
        .where('r.status', '!=', 'cancelled')
        .orderBy('r.status')
        .orderBy('r.created_at')
        .execute();
      ctx.audit('event', id);
      return { ...toEvent(row), registrations: registrations.map(toRegistration), counts: await countsOf(db, row) };
    },
  });
}
