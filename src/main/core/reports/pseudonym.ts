import { createHmac } from 'node:crypto';
import { foldName } from '../families/normalize';

/** The person a family is recognised by across offices. */
export interface AnchorPerson {
  firstName: string;
  lastName: string;
  birthYear: number;
  role: 'parent' | 'child' | 'other_adult';
}

/**
 * The household's anchor: its oldest parent (else its oldest adult, else
 * its oldest person) — the person two offices most likely wrote down alike.
 * Ties by name, so both offices pick the same one.
 */
export function anchorOf(members: readonly AnchorPerson[]): AnchorPerson | null {
  const rank = (m: AnchorPerson) => (m.role === 'parent' ? 0 : m.role === 'other_adult' ? 1 : 2);
  return [...members].sort((a, b) => rank(a) - rank(b) || a.birthYear - b.birthYear || foldName(`${a.lastName} ${a.firstName}`).localeCompare(foldName(`${b.lastName} ${b.firstName}`)))[0] ?? null;
}

/**
 * A family's pseudonym for the central project: HMAC-SHA-256, under the key
 * the central project gives every office, of the anchor person's folded last
 * name, folded first name and birth year ("yilmaz|ayse|1988"). Folding makes
 * "Yılmaz"/"YILMAZ"/"Yilmaz" and "Müller"/"Mueller" alike. Without the key
 * nobody can test a guess; the central office, which holds the key, could
 * test guessed names and years — which is why it receives no names at all
 * and the key stays with the project, not with the offices' partners.
 */
export function familyPseudonym(key: Uint8Array, members: readonly AnchorPerson[]): string | null {
  const anchor = anchorOf(members);
  if (!anchor) return null;
  const features = [foldName(anchor.lastName).replace(/ /g, ''), foldName(anchor.firstName).replace(/ /g, ''), String(anchor.birthYear)].join('|');
  return createHmac('sha256', key).update(features, 'utf8').digest('hex');
}
