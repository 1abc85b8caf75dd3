import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../../src/shared/errors';
import { mayAccess, RECORD_RULES } from '../../src/shared/rpc/access';
import { defineMethod } from '../../src/shared/rpc/define';
import type { SessionInfo } from '../../src/main/core/rpc/context';
import { createDispatcher } from '../../src/main/core/rpc/dispatcher';
import { Registry, RegistryError } from '../../src/main/core/rpc/registry';
import type { Logger } from '../../src/main/core/log';
import { emptyStore } from '../support/stores';
import { appendAudit, auditHead, verifyAudit } from '../../src/main/core/audit/chain';

const testContract = {
  'family.create': defineMethod({
    input: z.object({ name: z.string().min(2), members: z.array(z.object({ birthYear: z.number().int().min(1900) })) }).strict(),
    output: z.object({ id: z.string() }),
    roles: ['coordinator', 'reception'],
    writes: true,
  }),
  'family.boom': defineMethod({
    input: z.object({}).optional(),
    output: z.object({}),
    roles: ['coordinator'],
    writes: false,
  }),
  'family.leak': defineMethod({
    input: z.object({}).optional(),
    output: z.object({ id: z.string() }),
    roles: ['coordinator'],
    writes: false,
  }),
  'family.conflict': defineMethod({
    input: z.object({}).optional(),
    output: z.object({}),
    roles: ['coordinator'],
    writes: true,
  }),
  'session.status': defineMethod({
    input: z.object({}).optional(),
    output: z.object({ state: z.string() }),
    roles: ['coordinator', 'reception', 'caseworker', 'host'],
    writes: false,
    whenLocked: true,
  }),
};

const coordinator: SessionInfo = { userId: 'u1', username: 'anna', displayName: 'Anna', role: 'coordinator' };
const host: SessionInfo = { userId: 'u2', username: 'hans', displayName: 'Hans', role: 'host' };

function setup(session: SessionInfo | null) {
  const lines: string[] = [];
  const log: Logger = {
    info: (event, fields) => lines.push(JSON.stringify({ event, ...fields })),
    error: (event, fields) => lines.push(JSON.stringify({ event, ...fields })),
  };
  const handled = vi.fn();
  const registry = new Registry(testContract).register('family', {
    'family.create': (input) => {
      handled(input);
      return { id: 'f1' };
    },
    'family.boom': () => {
      throw new Error('UNIQUE constraint failed: families.name = Yılmaz, Ayşe');
    },
    // Returns a field the contract does not declare, and lacks one it does.
    'family.leak': () => ({ passwordHash: 'secret' }) as never,
    'family.conflict': () => {
      throw new DomainError('CONFLICT', 'errors:CONFLICT');
    },
  });
  registry.register('session', { 'session.status': () => ({ state: session ? 'unlocked' : 'locked' }) });
  const dispatch = createDispatcher({ registry, getSession: () => session, log });
  return { dispatch, handled, lines };
}

// The dispatcher with a test contract and no database: one run covers both.
describe('[no database] dispatcher', () => {
  it('answers NOT_FOUND for a method the contract does not declare', async () => {
    const { dispatch } = setup(coordinator);
    expect(await dispatch('family.delete', {})).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'errors:unknown_method' },
    });
    expect(await dispatch('toString', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses with LOCKED when nobody is logged in, but lets session methods through', async () => {
    const { dispatch, handled } = setup(null);
    expect(await dispatch('family.create', { name: 'Yılmaz', members: [] })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED', message: 'errors:LOCKED' },
    });
    expect(handled).not.toHaveBeenCalled();
    expect(await dispatch('session.status', {})).toEqual({ ok: true, data: { state: 'locked' } });
  });

  it('refuses with FORBIDDEN when the role lacks the right, before looking at the input', async () => {
    const { dispatch, handled } = setup(host);
    const result = await dispatch('family.create', { name: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(handled).not.toHaveBeenCalled();
  });

  it('answers VALIDATION with field paths and translatable message keys', async () => {
    const { dispatch, handled } = setup(coordinator);
    const result = await dispatch('family.create', { name: 'Y', members: [{ birthYear: 1850 }], extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    const issues = result.error.details?.issues ?? [];
    expect(issues).toContainEqual({ path: ['name'], message: 'validation:too_short', params: { min: 2 } });
    expect(issues).toContainEqual({ path: ['members', 0, 'birthYear'], message: 'validation:too_small', params: { min: 1900 } });
    expect(issues).toContainEqual({ path: [], message: 'validation:unknown_field', params: { keys: 'extra' } });
    expect(handled).not.toHaveBeenCalled();
  });

  it('reports a missing field as required', async () => {
    const { dispatch } = setup(coordinator);
    const result = await dispatch('family.create', { members: [] });
    expect(result).toMatchObject({ ok: false, error: { details: { issues: [{ path: ['name'], message: 'validation:required' }] } } });
  });

  it('runs the handler with the parsed input and returns its data', async () => {
    const { dispatch, handled } = setup(coordinator);
    expect(await dispatch('family.create', { name: 'Yılmaz', members: [{ birthYear: 2015 }] })).toEqual({ ok: true, data: { id: 'f1' } });
    expect(handled).toHaveBeenCalledWith({ name: 'Yılmaz', members: [{ birthYear: 2015 }] });
  });

  it('masks an unexpected error as INTERNAL: no message, stack, SQL or personal data crosses, none is logged', async () => {
    const { dispatch, lines } = setup(coordinator);
    const result = await dispatch('family.boom', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'errors:INTERNAL' } });
    expect(JSON.stringify(result)).not.toMatch(/Yılmaz|UNIQUE|families/);
    const logged = lines.join('\n');
    expect(logged).toContain('handler_failed');
    expect(logged).toContain('family.boom');
    expect(logged).not.toMatch(/Yılmaz|Ayşe|UNIQUE constraint/);
  });

  it('turns a handler that breaks its output contract into INTERNAL, never leaking the extra field', async () => {
    const { dispatch } = setup(coordinator);
    const result = await dispatch('family.leak', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('passes a domain error through as its own code', async () => {
    const { dispatch } = setup(coordinator);
    expect(await dispatch('family.conflict', {})).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'errors:CONFLICT' } });
  });
});

describe('[no database] registry', () => {
  it('refuses a handler for a name the contract does not declare', () => {
    const registry = new Registry(testContract);
    expect(() => registry.register('family', { 'family.delete': () => ({}) } as never)).toThrow(RegistryError);
  });

  it('refuses a second handler for the same method', () => {
    const registry = new Registry(testContract).register('family', { 'family.boom': () => ({}) });
    expect(() => registry.register('other', { 'family.boom': () => ({}) })).toThrow(/already registered by family/);
  });

  it('refuses to start when a declared method has no handler', () => {
    const registry = new Registry(testContract).register('family', { 'family.boom': () => ({}) });
    expect(() => registry.assertComplete()).toThrow(/no handler for: family.create/);
  });
});

describe('[no database] record rules', () => {
  it('lets an owner-only rule through for the record owner alone, within its roles', () => {
    const rule = { roles: ['caseworker', 'coordinator'] as const, ownerOnly: true };
    expect(mayAccess(rule, { userId: 'a', role: 'caseworker' }, { ownerId: 'a' })).toBe(true);
    expect(mayAccess(rule, { userId: 'b', role: 'caseworker' }, { ownerId: 'a' })).toBe(false);
    expect(mayAccess(rule, { userId: 'b', role: 'coordinator' }, { ownerId: 'a' })).toBe(false);
    expect(mayAccess(rule, { userId: 'a', role: 'reception' }, { ownerId: 'a' })).toBe(false);
    expect(mayAccess(rule, { userId: 'a', role: 'caseworker' })).toBe(false);
  });

  it('keeps family details to office staff', () => {
    expect(mayAccess(RECORD_RULES.familyDetails, { userId: 'h', role: 'host' })).toBe(false);
    expect(mayAccess(RECORD_RULES.familyDetails, { userId: 'r', role: 'reception' })).toBe(true);
  });
});

describe('[postgres only: the hub] a read\u2019s audit entry', () => {
  it('commits without waiting for the disk only where the call changed nothing but its audit entry; the chain stays whole', async () => {
    const s = await emptyStore('postgres', { migrated: true });
    try {
      // As on a hub (the test server itself never waits for the disk): connections made from here on wait.
      await sql`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = on', current_database()); END $$`.execute(s.store.db);
      const store = await s.openAnother();
      const key = Buffer.alloc(32, 7);
      const contract = {
        'family.read': defineMethod({ input: z.object({}).optional(), output: z.object({}), roles: ['coordinator'], writes: false, audit: 'read' }),
        'family.write': defineMethod({ input: z.object({}).optional(), output: z.object({}), roles: ['coordinator'], writes: true }),
        // Declared a read, yet its handler writes: the database itself keeps its commit waiting for the disk.
        'family.sloppy': defineMethod({ input: z.object({}).optional(), output: z.object({}), roles: ['coordinator'], writes: false, audit: 'read' }),
      };
      const registry = new Registry(contract).register('family', {
        'family.read': () => ({}),
        'family.write': () => ({}),
        'family.sloppy': async (_input, ctx) => {
          await sql`CREATE TEMP TABLE sloppy (x int) ON COMMIT DROP`.execute(ctx.db!);
          return {};
        },
      });
      const seen: Record<string, string> = {};
      const dispatch = createDispatcher({
        registry,
        getSession: () => coordinator,
        getDb: () => store.db,
        log: { info: () => undefined, error: () => undefined },
        // The audit entry is the last thing the call's transaction does: what its commit will do is known here.
        appendAudit: async (trx, record, lazy) => {
          await appendAudit(trx, record, new Date(), key, { writer: s.dialect.auditWriter, lazy });
          const row = await sql<{ mode: string }>`SELECT current_setting('synchronous_commit') AS mode`.execute(trx);
          seen[record.method] = row.rows[0]!.mode;
        },
      });
      expect(s.dialect.auditWriter).toBeDefined();
      expect(await dispatch('family.read', {})).toEqual({ ok: true, data: {} });
      expect(await dispatch('family.write', {})).toEqual({ ok: true, data: {} });
      expect(await dispatch('family.read', {})).toEqual({ ok: true, data: {} });
      expect(await dispatch('family.sloppy', {})).toEqual({ ok: true, data: {} });
      expect(seen).toEqual({ 'family.read': 'off', 'family.write': 'on', 'family.sloppy': 'on' });
      // Only for that transaction: the connection's next one waits for the disk again.
      const after = await sql<{ mode: string }>`SELECT current_setting('synchronous_commit') AS mode`.execute(store.db);
      expect(after.rows[0]!.mode).toBe('on');
      // The hub's two-statement links make the same chain as the portable writer.
      const log = await store.db.selectFrom('audit_log').select(['id', 'method']).orderBy('id').execute();
      expect(log).toEqual([
        { id: 1, method: 'family.read' },
        { id: 2, method: 'family.write' },
        { id: 3, method: 'family.read' },
        { id: 4, method: 'family.sloppy' },
      ]);
      expect(await verifyAudit(store.db, key)).toEqual({ ok: true, checked: 4, firstBrokenId: null });
      // The anchor's head comes through a synchronous commit of its own, and is the chain's head.
      expect(await s.dialect.auditWriter!.durableHead!(store.db)).toEqual(await auditHead(store.db));
    } finally {
      await s.dispose();
    }
  });
});

describe('[postgres only: the hub] two calls that deadlock', () => {
  it('both succeed: the call the database rolls back runs once more', async () => {
    const s = await emptyStore('postgres', { migrated: true });
    try {
      await s.store.db.insertInto('settings').values([{ key: 'test.first', value: '' }, { key: 'test.second', value: '' }]).execute();
      const contract = {
        'family.swap': defineMethod({ input: z.object({ from: z.string(), to: z.string() }).strict(), output: z.object({}), roles: ['coordinator'], writes: true }),
      };
      // Each first attempt holds its first row until the other holds its own: then each waits for the other's.
      let arrived = 0;
      let bothHold!: () => void;
      const holding = new Promise<void>((resolve) => (bothHold = resolve));
      let attempts = 0;
      const registry = new Registry(contract).register('family', {
        'family.swap': async ({ from, to }, ctx) => {
          attempts += 1;
          await ctx.db!.updateTable('settings').set({ value: from }).where('key', '=', from).execute();
          if (attempts <= 2 && ++arrived === 2) bothHold();
          if (attempts <= 2) await holding;
          await ctx.db!.updateTable('settings').set({ value: from }).where('key', '=', to).execute();
          ctx.audit('family', from);
          return {};
        },
      });
      const lines: string[] = [];
      const dispatch = createDispatcher({
        registry,
        getSession: () => coordinator,
        getDb: () => s.store.db,
        log: { info: () => undefined, error: (event, fields) => lines.push(JSON.stringify({ event, ...fields })) },
        transient: s.dialect.transient,
      });
      const answers = await Promise.all([dispatch('family.swap', { from: 'test.first', to: 'test.second' }), dispatch('family.swap', { from: 'test.second', to: 'test.first' })]);
      expect(answers).toEqual([
        { ok: true, data: {} },
        { ok: true, data: {} },
      ]);
      // At least one retry (a retried call may meet the other's locks once more on a loaded machine: once seen, 4).
      expect(attempts).toBeGreaterThanOrEqual(3);
      expect(lines.join('\n')).toContain('transaction_retried');
      // Both calls' writes hold: whichever ran last wrote both rows.
      const values = (await s.store.db.selectFrom('settings').select('value').where('key', 'like', 'test.%').execute()).map((r) => r.value);
      expect(new Set(values).size).toBe(1);
    } finally {
      await s.dispose();
    }
  });
});
