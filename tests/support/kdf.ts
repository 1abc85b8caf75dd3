import type { KdfParams } from '../../src/main/core/vault/kdf';

/** Cheaper scrypt for tests that log in many times; the app always uses N = 2^17. */
export const FAST_KDF: KdfParams = { name: 'scrypt', N: 2 ** 12, r: 8, p: 1 };
