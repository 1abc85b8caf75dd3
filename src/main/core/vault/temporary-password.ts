import { randomInt } from 'node:crypto';
import { TEMPORARY_PASSWORD_WORDS } from './temporary-words';

/** Seven words of 1,024: 70 bits, read aloud in a few seconds. */
const WORDS = 7;
/** A temporary password stops working after this long. */
export const TEMPORARY_VALID_DAYS = 7;

/** A temporary password of plain German words, e.g. "garten-milch-woche-…". */
export function generateTemporaryPassword(): string {
  return Array.from({ length: WORDS }, () => TEMPORARY_PASSWORD_WORDS[randomInt(TEMPORARY_PASSWORD_WORDS.length)]).join('-');
}

export function temporaryUntil(now: Date): Date {
  return new Date(now.getTime() + TEMPORARY_VALID_DAYS * 24 * 60 * 60 * 1000);
}
