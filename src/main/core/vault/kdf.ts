import { randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';

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

/**
 * A derivation started ahead, while the caller waits on something else (on a
 * PC of the office hub: the hub's sign-in, whose own scrypt of the password
 * runs on the core's thread meanwhile — on two cores both take the time of
 * the longer one). Taken once, by an unlock whose salt and parameters are
 * these; otherwise wiped when done.
 */
export class EarlyKey {
  /** The same work for nothing (an unknown name, unusual parameters): never taken, so a name cannot be told by time. */
  static spent(secret: string, params: KdfParams): EarlyKey {
    return new EarlyKey(secret, { ...params, salt: randomBytes(16).toString('base64') });
  }

  /** For a slot's parameters up to the usual ones (an older, cheaper slot too); costlier ones (an edited key file) get the usual work for nothing. */
  static forSlot(secret: string, slot: KdfParams & { salt: string }, usual: KdfParams): EarlyKey {
    const within = slot.name === usual.name && slot.N <= usual.N && slot.r <= usual.r && slot.p <= usual.p;
    return within ? new EarlyKey(secret, slot) : EarlyKey.spent(secret, usual);
  }

  private pending: Promise<Buffer> | null;

  constructor(
    secret: string,
    private readonly params: KdfParams & { salt: string },
  ) {
    this.pending = deriveKey(secret, Buffer.from(params.salt, 'base64'), params);
    // Taken or discarded later; a failure then shows where it is awaited.
    this.pending.catch(() => undefined);
  }

  /** The key being derived, when it is for these salt and parameters (once); null otherwise. */
  take(params: KdfParams & { salt: string }): Promise<Buffer> | null {
    const { salt, N, r, p } = this.params;
    if (!this.pending || params.salt !== salt || params.N !== N || params.r !== r || params.p !== p) return null;
    const key = this.pending;
    this.pending = null;
    return key;
  }

  /** Not taken (a wrong password, a newer key file): wiped once it is done (awaited, the work is over too). */
  async discard(): Promise<void> {
    const key = this.pending;
    this.pending = null;
    await key?.then(
      (k) => k.fill(0),
      () => undefined,
    );
  }
}
