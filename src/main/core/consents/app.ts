import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import { requireDb, requireSession } from '../db/require';
import { lockFamily } from '../families/lock';
import { consentRow, toConsent } from './rows';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';

/** The `consents.*` area: record a consent (given or refused) and withdraw it. */
export function registerConsentsApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('consents', {
    'consents.record': async (input, ctx) => {
      const db = requireDb(ctx);
      const session = requireSession(ctx);
      if (!(await lockFamily(db, input.familyId))) throw new DomainError('NOT_FOUND');
      // The last recorded entry decides (rules.ts): so it must also be the latest said. A form dated
      // before what the family said since (a newer answer, a withdrawal) would undo it unseen.
      const latest = await db
        .selectFrom('consents')
        .select((eb) => [eb.fn.max('date').as('said'), eb.fn.max('withdrawn_at').as('withdrawn')])
        .where('family_id', '=', input.familyId)
        .where('purpose', '=', input.purpose)
        .executeTakeFirst();
      const newest = [latest?.said, latest?.withdrawn].filter((d): d is string => typeof d === 'string').map((d) => d.slice(0, 10)).sort().at(-1);
      if (newest && input.date < newest) {
        throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['date'], message: 'validation:consent_before_current', params: { date: newest } }] });
      }
      const row = consentRow(input.familyId, input, session.userId, services.now().toISOString());
      await db.insertInto('consents').values(row).execute();
      ctx.audit('consent', row.id);
      return toConsent(row, session.displayName);
    },
    'consents.withdraw': async ({ id, date }, ctx) => {
      const db = requireDb(ctx);
      const found = await db.selectFrom('consents').select('family_id').where('id', '=', id).executeTakeFirst();
      if (!found || !(await lockFamily(db, found.family_id))) throw new DomainError('NOT_FOUND');
      // Read again under the family's lock: a merge may have moved it meanwhile.
      const row = await db.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new DomainError('NOT_FOUND');
      if (row.withdrawn_at) throw new DomainError('CONFLICT', 'errors:consent_already_withdrawn');
      // Nobody withdraws before they consented: refused at the date, like a form field.
      if (date < row.date.slice(0, 10)) {
        throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['date'], message: 'validation:withdraw_before_consent' }] });
      }
      await db.updateTable('consents').set({ withdrawn_at: date }).where('id', '=', id).execute();
      ctx.audit('consent', id);
      const recorder = row.recorded_by
        ? ((await db.selectFrom('users').select('display_name').where('id', '=', row.recorded_by).executeTakeFirst())?.display_name ?? null)
        : null;
      return toConsent({ ...row, withdrawn_at: date }, recorder);
    },
  });
}
