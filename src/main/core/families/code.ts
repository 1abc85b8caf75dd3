import { randomBytes } from 'node:crypto';

/** Crockford base32 without I, L, O, U: easy to read aloud and to type from a card. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short family code, e.g. "K7M2QX": 30 random bits, printed on the family card and scanned at check-in. */
export function newFamilyCode(): string {
  const bytes = randomBytes(6);
  let code = '';
  for (let i = 0; i < 6; i += 1) code += ALPHABET[bytes[i]! & 31];
  return code;
}
