import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/rpc/contract';
import { ROLES, type Role } from '../../src/shared/roles';
import { addStaff, COORDINATOR, setUpOffice, startTestCore, type TestCore } from '../support/core';

const PASSWORDS: Record<Role, [string, string]> = {
  coordinator: [COORDINATOR.username, COORDINATOR.password],
  caseworker: ['sozial', 'Sonnenblume-Wiese-77'],
  reception: ['empfang', 'Sonnenblume-Wiese-77'],
  host: ['gastgeber', 'Sonnenblume-Wiese-77'],
};

/**
 * Every method, called as every role and while locked: the answer must be
 * exactly what the contract declares — never FORBIDDEN for an allowed role,
 * always FORBIDDEN otherwise, LOCKED unless the method works while locked.
 */
describe('rights per role come from the contract', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore();
    await setUpOffice(t);
    await t.ok('session.lock');
    await addStaff(t, 'sozial', 'caseworker');
    await addStaff(t, 'empfang', 'reception');
    await addStaff(t, 'gastgeber', 'host');
    await t.ok('session.lock');
  });
  afterAll(async () => t.dispose());

  const methods = Object.keys(contract) as (keyof typeof contract)[];

  it.each(methods)('%s while locked', async (method) => {
    await t.ok('session.lock');
    const result = await t.call(method, {});
    if (contract[method].whenLocked) expect(result).not.toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    else expect(result).toEqual({ ok: false, error: { code: 'LOCKED', message: 'errors:LOCKED' } });
  });

  for (const role of ROLES) {
    it.each(methods)(`%s as ${role}`, async (method) => {
      await t.ok('session.lock');
      const [username, password] = PASSWORDS[role];
      await t.ok('session.login', { username, password });
      const result = await t.call(method, {});
      const allowed = (contract[method].roles as readonly Role[]).includes(role);
      if (allowed) expect(result).not.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      else expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'errors:FORBIDDEN' } });
    });
  }
});
