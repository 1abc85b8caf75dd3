import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import { requireDb } from '../db/require';
import type { Registry } from '../rpc/registry';

const ADDED_DISTRICTS_SORT = 1000;
const byName = new Intl.Collator('de');

/** The `districts.*` area: the coordinator-editable list of Stadtteile. */
export function registerDistrictsApp(registry: Registry<Contract>): void {
  registry.register('districts', {
    'districts.list': async (input, ctx) => {
      let query = requireDb(ctx).selectFrom('districts').selectAll();
      if (!input?.includeInactive) query = query.where('active', '=', 1);
      // Kaufbeuren's own in their order, added ones after them by name as a German reader sorts (Ö with O).
      const rows = (await query.execute()).sort((a, b) => a.sort - b.sort || byName.compare(a.name, b.name));
      return { items: rows.map((d) => ({ id: d.id, name: d.name, active: d.active === 1 })) };
    },
    'districts.save': async (input, ctx) => {
      const db = requireDb(ctx);
      const taken = () => new DomainError('CONFLICT', 'errors:VALIDATION', { issues: [{ path: ['name'], message: 'validation:district_taken' }] });
      const clash = await db.selectFrom('districts').select('id').where('name', '=', input.name).executeTakeFirst();
      if (clash && clash.id !== input.id) throw taken();
      if (input.id) {
        const result = await db.updateTable('districts').set({ name: input.name, active: input.active ? 1 : 0 }).where('id', '=', input.id).executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw new DomainError('NOT_FOUND');
        ctx.audit('district', input.id);
        return { id: input.id, name: input.name, active: input.active };
      }
      const id = randomUUID();
      // Added districts come after Kaufbeuren's own, by name: no read-then-write
      // numbering that two PCs on one hub could both take. The name is a unique
      // key: one added meanwhile by another PC inserts nothing.
      const inserted = await db
        .insertInto('districts')
        .values({ id, name: input.name, active: input.active ? 1 : 0, sort: ADDED_DISTRICTS_SORT })
        .onConflict((oc) => oc.column('name').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw taken();
      ctx.audit('district', id);
      return { id, name: input.name, active: input.active };
    },
  });
}
