import { scrypt as scryptCb, type ScryptOptions } from 'node:crypto';

/**
 * Password-based key derivation: scrypt at N = 2^17, r = 8, p = 1 (OWASP's
 * recommended minimum; about 290 ms and 128 MiB here). Node runs it on the
 * libuv thread pool, so the core keeps answering while it works.
 */
export interface KdfParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_KDF: KdfParams = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 };

export function deriveKey(secret: string | Buffer, salt: Buffer, params: KdfParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCb(typeof secret === 'string' ? secret.normalize('NFC') : secret, salt, 32, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
