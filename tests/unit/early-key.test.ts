import { describe, expect, it } from 'vitest';
import { deriveKey, EarlyKey, type KdfParams } from '../../src/main/core/vault/kdf';

/** A derivation started ahead of a hub login: used only for its own slot, once. */
describe('the early key of a login', () => {
  const usual: KdfParams = { name: 'scrypt', N: 2 ** 12, r: 8, p: 1 };
  const slot = { ...usual, salt: Buffer.from('salz-des-schluessels').toString('base64') };

  it('is the slot’s key for its own salt and parameters, taken once', async () => {
    const early = EarlyKey.forSlot('Lindenblatt-Regen-42', slot, usual);
    const expected = await deriveKey('Lindenblatt-Regen-42', Buffer.from(slot.salt, 'base64'), slot);
    expect(early.take({ ...slot, salt: Buffer.from('anderes-salz').toString('base64') })).toBeNull();
    expect(early.take({ ...slot, N: 2 ** 13 })).toBeNull();
    expect(await early.take(slot)).toEqual(expected);
    expect(early.take(slot)).toBeNull();
  });

  it('an older, cheaper slot is derived ahead too; a costlier one (an edited key file) and an unknown name only spend the usual work', async () => {
    const older = { ...slot, N: 2 ** 11 };
    expect(await EarlyKey.forSlot('pw', older, usual).take(older)).toEqual(await deriveKey('pw', Buffer.from(older.salt, 'base64'), older));
    const costlier = { ...slot, N: 2 ** 16 };
    expect(EarlyKey.forSlot('pw', costlier, usual).take(costlier)).toBeNull();
    expect(EarlyKey.spent('pw', usual).take(slot)).toBeNull();
  });

  it('discarded: nothing left to take, and the discard ends when the work has', async () => {
    const early = EarlyKey.forSlot('pw', slot, usual);
    await early.discard();
    expect(early.take(slot)).toBeNull();
  });
});
