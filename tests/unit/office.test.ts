import { afterEach, beforeEach, expect, it } from 'vitest';
import { setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';

describeEachDialect('the office identity', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('is an Ed25519 key made at setup, the same after a lock and login, with a fingerprint to read out; kept in the encrypted database', async () => {
    const first = await t.ok<{ publicKey: string; fingerprint: string }>('office.identity');
    expect(Buffer.from(first.publicKey, 'base64')).toHaveLength(32);
    expect(first.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    await t.ok('session.lock');
    await t.ok('session.login', { username: 'clara', password: 'Lindenblatt-Regen-42' });
    expect(await t.ok('office.identity')).toEqual(first);
  });
});
