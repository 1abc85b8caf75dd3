import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../../src/main/core/audit/chain';
import { insertContact } from '../../src/main/core/contacts/rows';
import { insertFamily } from '../../src/main/core/families/intake';
import { lockFamily } from '../../src/main/core/families/lock';
import { mergeFamilies } from '../../src/main/core/families/merge';
import { createFamilyInputSchema } from '../../src/shared/rpc/areas/families';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';
import { emptyStore, type TestStore } from '../support/stores';

const intake = () => createFamilyInputSchema.parse(familyInput());
const NOW = new Date('2026-11-26T10:00:00Z');
/** A code drawer that answers the given codes in turn. */
const codes = (...list: string[]) => () => list.shift() ?? 'ZZZZZZ';
const audit = (method: string) => ({ method, userId: null, entityType: null, entityId: null, outcome: 'ok' });
const AUDIT_KEY = Buffer.alloc(32, 9);

describeEachDialect('family codes', (dialect) => {
  let s: TestStore;
  beforeEach(async () => {
    s = await emptyStore(dialect, { migrated: true });
  });
  afterEach(async () => s.dispose());

  it('draws again when a family already has the code', async () => {
    const index = s.dialect.familySearch;
    const first = await insertFamily(s.store.db, index, intake(), null, NOW, codes('K7M2QX'));
    const second = await insertFamily(s.store.db, index, intake(), null, NOW, codes('K7M2QX', 'P4R8TW'));
    expect([first.code, second.code]).toEqual(['K7M2QX', 'P4R8TW']);
  });
});

/**
 * Two connections, as two PCs on the hub, in a fixed order: the second
 * writer waits for the first one's commit and then does the right thing.
 */
describe('[postgres only: two writers on one hub] ordering', () => {
  let s: TestStore;
  beforeEach(async () => {
    s = await emptyStore('postgres', { migrated: true });
  });
  afterEach(async () => s.dispose());

  /** Runs `first` in a transaction that commits only after `second` has started (and is left waiting). */
  async function overlap<T>(first: (trx: never) => Promise<unknown>, second: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const firstDone = new Promise<void>((resolve) => (started = resolve));
    const one = s.store.db.transaction().execute(async (trx) => {
      await first(trx as never);
      started();
      await gate;
    });
    await firstDone;
    const two = second();
    // Give the second writer time to reach the lock the first one holds.
    await new Promise((r) => setTimeout(r, 150));
    release();
    await one;
    return two;
  }

  it('a code taken by a transaction not yet committed is drawn again', async () => {
    const other = await s.openAnother();
    const index = s.dialect.familySearch;
    const second = await overlap(
      (trx) => insertFamily(trx, index, intake(), null, NOW, codes('K7M2QX')),
      () => other.db.transaction().execute((trx) => insertFamily(trx, index, intake(), null, NOW, codes('K7M2QX', 'P4R8TW'))),
    );
    expect(second.code).toBe('P4R8TW');
    const stored = await s.store.db.selectFrom('families').select('code').orderBy('code').execute();
    expect(stored.map((f) => f.code)).toEqual(['K7M2QX', 'P4R8TW']);
  });

  it('a contact logged for a family while it is being merged away is moved, not lost', async () => {
    const other = await s.openAnother();
    const index = s.dialect.familySearch;
    const keep = await insertFamily(s.store.db, index, intake(), null, NOW);
    const merged = await insertFamily(s.store.db, index, intake(), null, NOW);
    await overlap(
      // contacts.log: hold the family, write the contact, commit only after the merge has started
      async (trx) => {
        expect(await lockFamily(trx, merged.id)).toBe(true);
        await insertContact(trx, merged.id, { type: 'phone', topics: [], fieldOfAction: 1 }, null, NOW);
      },
      () => other.db.transaction().execute((trx) => mergeFamilies(trx, index, keep.id, merged.id, NOW)),
    );
    const contacts = await s.store.db.selectFrom('contacts').select('family_id').execute();
    // the intake's own contact of each family, and the one logged during the merge
    expect(contacts.map((c) => c.family_id)).toEqual([keep.id, keep.id, keep.id]);
  });

  it('an audit entry appended while another is not yet committed follows it in the chain (with the database\u2019s own writer too, a read\u2019s entry among them)', async () => {
    const other = await s.openAnother();
    await overlap(
      (trx) => appendAudit(trx, audit('first'), NOW, AUDIT_KEY),
      () => other.db.transaction().execute((trx) => appendAudit(trx, audit('second'), NOW, AUDIT_KEY)),
    );
    const writer = { writer: s.dialect.auditWriter, lazy: true };
    await overlap(
      (trx) => appendAudit(trx, audit('third'), NOW, AUDIT_KEY, writer),
      () => other.db.transaction().execute((trx) => appendAudit(trx, audit('fourth'), NOW, AUDIT_KEY, writer)),
    );
    expect(await verifyAudit(s.store.db, AUDIT_KEY)).toEqual({ ok: true, checked: 4, firstBrokenId: null });
    const rows = await s.store.db.selectFrom('audit_log').select(['id', 'method']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 1, method: 'first' },
      { id: 2, method: 'second' },
      { id: 3, method: 'third' },
      { id: 4, method: 'fourth' },
    ]);
  });
});
