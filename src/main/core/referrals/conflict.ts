/**
 * Conflicts of interest: a volunteer is never sent to their own family — a
 * member of it (the volunteer they became), or someone living at the same
 * address. Addresses compare loosely ("Kaiser-Max-Str. 12" = "kaiser max
 * straße 12"), only when both sides have a street and postal code.
 */
export function addressKey(street: string | null, postalCode: string | null): string | null {
  if (!street?.trim() || !postalCode?.trim()) return null;
  const folded = street
    .toLocaleLowerCase('de')
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/strasse|str\./g, 'str')
    .replace(/[^a-z0-9]/g, '');
  return `${postalCode.trim()}|${folded}`;
}

export interface Household {
  memberIds: ReadonlySet<string>;
  addressKey: string | null;
}

export function isConflict(volunteer: { memberId: string | null; addressKey: string | null }, family: Household): boolean {
  if (volunteer.memberId && family.memberIds.has(volunteer.memberId)) return true;
  return volunteer.addressKey !== null && volunteer.addressKey === family.addressKey;
}
