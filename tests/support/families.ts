import type { CreateFamilyInput } from '../../src/shared/rpc/areas/families';

/** A complete intake as the wizard sends it. */
export function familyInput(overrides: Partial<CreateFamilyInput> = {}): CreateFamilyInput {
  return {
    displayName: 'Yılmaz',
    street: 'Kaiser-Max-Straße 12',
    postalCode: '87600',
    city: 'Kaufbeuren',
    phone: '0151 2345678',
    languages: ['tr', 'de'],
    preferredLanguage: 'tr',
    interpreterNeeded: true,
    interpreterLanguage: 'tr',
    accessRoute: 'walk_in',
    migrationBackground: 'yes',
    members: [
      { firstName: 'Ayşe', lastName: 'Yılmaz', birthYear: 1988, role: 'parent', gender: 'female' },
      { firstName: 'Mehmet', lastName: 'Yılmaz', birthYear: 1985, role: 'parent', gender: 'male' },
      { firstName: 'Elif', lastName: 'Yılmaz', birthYear: 2016, role: 'child', school: 'Grundschule Neugablonz' },
      { firstName: 'Can', lastName: 'Yılmaz', birthYear: 2020, role: 'child' },
    ],
    consents: [
      { purpose: 'data_storage', given: true, date: '2026-11-25', formVersion: '2026-01', formLanguage: 'tr' },
      { purpose: 'volunteer_sharing', given: false, date: '2026-11-25', formVersion: '2026-01', formLanguage: 'tr' },
    ],
    contact: { type: 'walk_in', topics: ['kindergarten'], fieldOfAction: 2 },
    ...overrides,
  };
}
