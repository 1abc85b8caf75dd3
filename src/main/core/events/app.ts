import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import { requireDb, requireSession } from '../db/require';
import type { EventsTable } from '../db/schema';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { countsOf, findEvent, registrationRows, toEvent, toRegistration } from './rows';
import { moveUpWaiting } from './registrations';
import { seriesDates } from './series';

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
        start_time: input.start,
        end_time: input.end,
        place: input.place,
        hosts: input.hosts ?? null,
        capacity: input.capacity ?? null,
        languages: JSON.stringify(input.languages ?? []),
        interpreter: input.interpreter ? 1 : 0,
        description: input.description ?? null,
        updated_at: now,
      };
      if (input.id) {
        const current = await findEvent(db, input.id);
        if (current.status === 'cancelled') throw new DomainError('CONFLICT', 'errors:event_cancelled_no_edit');
        const result = await db
          .updateTable('events')
          .set({ ...columns, date: input.date, version: current.version + 1 })
          .where('id', '=', input.id)
          .where('version', '=', input.version ?? current.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw new DomainError('CONFLICT', 'errors:event_changed', { current: toEvent(current) });
        let occurrences = 1;
        let following: Pick<EventsTable, 'id'>[] = [];
        // This and all following of the series: the same changes, each on its own date.
        if (input.scope === 'following' && current.series_id) {
          const updated = await db
            .updateTable('events')
            .set((eb) => ({ ...columns, version: eb('version', '+', 1) }))
            .where('series_id', '=', current.series_id)
            .where('date', '>', current.date)
            .where('status', '=', 'planned')
            .executeTakeFirst();
          occurrences += Number(updated.numUpdatedRows);
          // Those with a waiting list: each had a capacity of its own before.
          following = await db
            .selectFrom('events')
            .select('id')
            .where('series_id', '=', current.series_id)
            .where('date', '>', current.date)
            .where('status', '=', 'planned')
            .where((eb) => eb.exists(eb.selectFrom('registrations').select('registrations.id').whereRef('registrations.event_id', '=', 'events.id').where('registrations.status', '=', 'waiting')))
            .orderBy('id')
            .execute();
        }
        // More places (or none set any more): those who wait move up — at this date and at the following ones changed with it.
        const saved = await findEvent(db, input.id);
        const grew = saved.capacity === null || (current.capacity !== null && saved.capacity > current.capacity);
        let movedUp = grew ? (await moveUpWaiting(db, saved.id, services, requireSession(ctx).userId)).length : 0;
        for (const later of following) movedUp += (await moveUpWaiting(db, later.id, services, requireSession(ctx).userId)).length;
        // Registrations changed too: the lists showing them, and the counter's registered names, follow.
        if (movedUp > 0) ctx.changed('registration');
        ctx.audit('event', input.id);
        return { ...toEvent(saved), occurrences };
      }
      const dates = input.repeat ? seriesDates(input.date, input.repeat) : [input.date];
      if (dates.length === 0) throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['repeat'], message: 'validation:series_empty' }] });
      const seriesId = input.repeat ? randomUUID() : null;
      const rows: EventsTable[] = dates.map((date) => ({
        id: randomUUID(),
        series_id: seriesId,
        ...columns,
        date,
        status: 'planned',
        cancel_reason: null,
        created_at: now,
        created_by: requireSession(ctx).userId,
        version: 1,
      }));
      await db.insertInto('events').values(rows).execute();
      ctx.audit('event', rows[0]!.id);
      return { ...toEvent(rows[0]!), occurrences: rows.length };
    },

    'events.cancel': async ({ id, reason }, ctx) => {
      const db = requireDb(ctx);
      const current = await findEvent(db, id);
      if (current.status === 'cancelled') throw new DomainError('CONFLICT', 'errors:event_cancelled');
      await db.updateTable('events').set({ status: 'cancelled', cancel_reason: reason, version: current.version + 1, updated_at: services.now().toISOString() }).where('id', '=', id).execute();
      // Whom to call: the families registered or waiting.
      const families = await db
        .selectFrom('registrations as r')
        .innerJoin('families as f', 'f.id', 'r.family_id')
        .select(['f.id', 'f.display_name', 'f.phone'])
        .where('r.event_id', '=', id)
        .where('r.status', '!=', 'cancelled')
        .orderBy('f.display_name')
        .execute();
      ctx.audit('event', id);
      return { event: toEvent(await findEvent(db, id)), families: families.map((f) => ({ familyId: f.id, familyName: f.display_name, phone: f.phone })) };
    },

    'events.copy': async ({ id, date }, ctx) => {
      const db = requireDb(ctx);
      const source = await findEvent(db, id);
      const now = services.now().toISOString();
      const row: EventsTable = {
        ...source,
        id: randomUUID(),
        series_id: null,
        date,
        status: 'planned',
        cancel_reason: null,
        created_at: now,
        updated_at: now,
        created_by: requireSession(ctx).userId,
        version: 1,
      };
      await db.insertInto('events').values(row).execute();
      ctx.audit('event', row.id);
      return toEvent(row);
    },

    'events.list': async (input, ctx) => {
      const db = requireDb(ctx);
      let q = db.selectFrom('events').selectAll().orderBy('date').orderBy('start_time').limit(500);
      if (input?.from) q = q.where('date', '>=', input.from);
      if (input?.to) q = q.where('date', '<=', input.to);
      const rows = await q.execute();
      if (rows.length === 0) return { items: [] };
      // Two grouped reads for the whole list, not the full counters per event.
      const ids = rows.map((r) => r.id);
      const registered = await db
        .selectFrom('registrations')
        .select((eb) => ['event_id', eb.fn.sum<number>('persons').as('n')])
        .where('event_id', 'in', ids)
        .where('status', '=', 'registered')
        .groupBy('event_id')
        .execute();
      const present = await db.selectFrom('checkins').select((eb) => ['event_id', eb.fn.countAll<number>().as('n')]).where('event_id', 'in', ids).groupBy('event_id').execute();
      const byEvent = (list: { event_id: string; n: number }[]) => new Map(list.map((r) => [r.event_id, Number(r.n)]));
      const registeredBy = byEvent(registered);
      const presentBy = byEvent(present);
      return { items: rows.map((row) => ({ ...toEvent(row), registered: registeredBy.get(row.id) ?? 0, present: presentBy.get(row.id) ?? 0 })) };
    },

    'events.get': async ({ id }, ctx) => {
      const db = requireDb(ctx);
      const row = await findEvent(db, id);
      const registrations = await registrationRows(db)
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
