import { describe, expect, it } from 'vitest';
import type { FamilyRow } from '../../src/shared/rpc/areas/families';
import { familyListCsv } from '../../src/renderer/src/features/family-list/csv';
import { createI18n } from '../../src/renderer/src/i18n';

const row = (over: Partial<FamilyRow>): FamilyRow => ({
  id: 'f1',
  code: 'AB12CD',
  displayName: 'Yılmaz',
  districtName: 'Haken',
  status: 'active',
  languages: ['tr', 'de'],
  interpreterNeeded: true,
  migrationBackground: 'yes',
  immigrationHistory: 'yes',
  members: 4,
  createdAt: '2026-03-05T10:00:00.000Z',
  lastContactAt: null,
  ...over,
});

describe('family list as CSV for German Excel', () => {
  const t = createI18n('de').t;

  it('starts with a BOM, separates with semicolons, writes dates as dd.mm.yyyy and names in German', () => {
    const csv = familyListCsv([row({})], t, 'de');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, line] = csv.slice(1).split('\r\n');
    expect(header).toBe('Code;Familie;Stadtteil;Status;Personen;Sprachen;Dolmetschen nötig;Migrationshintergrund;Aufgenommen am;Letzter Kontakt');
    expect(line).toBe('AB12CD;Yılmaz;Haken;aktiv;4;Türkisch, Deutsch;ja;ja;05.03.2026;');
  });

  it('keeps a name that looks like a formula as text, also with a line break in it', () => {
    const csv = familyListCsv([row({ displayName: '=HYPERLINK("http://x")\nx' }), row({ displayName: '+49 Familie' })], t, 'de');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")\nx"`);
    expect(csv).toContain(`;"'+49 Familie";`);
  });
});
