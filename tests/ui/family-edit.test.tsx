import { describe, expect, it } from 'vitest';
import { mergeSaved, type FamilyEditValues } from '../../src/renderer/src/features/family-record/familyEdit';

const base: FamilyEditValues = {
  displayName: 'Yılmaz', street: 'Kaiser-Max-Straße 12', postalCode: '87600', city: 'Kaufbeuren', districtId: null, phone: '0151 2345678', email: '',
  accessRoute: 'walk_in', migrationBackground: 'yes', immigrationHistory: 'yes', notes: '', languages: ['tr', 'de'], preferredLanguage: 'tr', interpreterNeeded: true, interpreterLanguage: 'tr',
  status: 'active', statusReason: '', version: 3,
};

describe('an edit that meets a newer save', () => {
  it('takes over what only they changed and keeps what only I changed', () => {
    const mine = { ...base, street: 'Neue Gasse 3' };
    const saved = { ...base, phone: '0831 99999', version: 4 };
    const merged = mergeSaved(mine, base, saved);
    expect(merged.adopted).toEqual(['phone']);
    expect(merged.conflicts).toEqual([]);
    expect(merged.values).toMatchObject({ street: 'Neue Gasse 3', phone: '0831 99999' });
  });

  it('names a field both changed differently as a conflict, and leaves my value in the form', () => {
    const mine = { ...base, phone: '0151 2222222', languages: ['de', 'tr'] };
    const saved = { ...base, phone: '0151 1111111', version: 4 };
    const merged = mergeSaved(mine, base, saved);
    // The same languages in another order are no change.
    expect(merged.conflicts).toEqual(['phone']);
    expect(merged.values.phone).toBe('0151 2222222');
  });

  it('sees no conflict where both made the same change', () => {
    const merged = mergeSaved({ ...base, email: 'a@b.de' }, base, { ...base, email: 'a@b.de', version: 4 });
    expect(merged).toMatchObject({ adopted: [], conflicts: [] });
  });
});

describe('a draft restored after a lock, from before the base was drafted', () => {
  it('asks about every field that differs from the newer save, and takes over nothing silently', () => {
    // Typed at version 3 (phone), drafted; meanwhile someone changed the street (version 4).
    const mine = { ...base, phone: '0151 2222222' };
    const saved = { ...base, street: 'Spitalhof 2', version: 4 };
    const merged = mergeSaved(mine, null, saved);
    expect(merged.adopted).toEqual([]);
    expect(merged.conflicts).toEqual(['street', 'phone']);
    expect(merged.values).toMatchObject({ street: 'Kaiser-Max-Straße 12', phone: '0151 2222222' });
  });
});

describe('fields that belong together', () => {
  it('asks about the pair when each side changed one half (no interpreter "yes" without a language)', () => {
    const mine = { ...base, interpreterLanguage: 'ar' };
    const saved = { ...base, interpreterNeeded: false, interpreterLanguage: null, version: 4 };
    const merged = mergeSaved(mine, base, saved);
    expect(merged.adopted).toEqual([]);
    expect(merged.conflicts).toEqual(['interpreterNeeded', 'interpreterLanguage']);
    expect(merged.values).toMatchObject({ interpreterNeeded: true, interpreterLanguage: 'ar' });
  });
});
