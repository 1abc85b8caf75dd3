import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { foldName, koelnerPhonetik, skeletonKey } from '../../src/main/core/families/normalize';
import { setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';

interface Hit {
  id: string;
  code: string;
  displayName: string;
  members: { firstName: string; birthYear: number }[];
}

// Pure functions, no database: run once.
describe('name keys', () => {
  it('folds Turkish ı, German ß and umlaut spellings', () => {
    expect(foldName('Yılmaz')).toBe('yilmaz');
    expect(foldName('Müller')).toBe(foldName('Mueller'));
    expect(foldName('Straße')).toBe('strasse');
    expect(foldName('Şahin-Öztürk')).toBe('sahin ozturk');
  });

  it('gives transliterations the same skeleton', () => {
    expect(new Set(['Mohammed', 'Muhammad', 'Mohamed'].map(skeletonKey)).size).toBe(1);
    expect(skeletonKey('Aleksandr')).toBe(skeletonKey('Alexander'));
    expect(skeletonKey('Olena')).toBe(skeletonKey('Elena'));
    expect(skeletonKey('Yılmaz')).toBe(skeletonKey('Yilmaz'));
    expect(skeletonKey('Schewtschenko')).toBe(skeletonKey('Shevchenko'));
    expect(skeletonKey('Müller')).not.toBe(skeletonKey('Miller-Schmidt'));
  });

  it('computes Kölner Phonetik for German spellings', () => {
    expect(koelnerPhonetik('Müller-Lüdenscheidt')).toBe('65752682');
    expect(koelnerPhonetik('Meyer')).toBe(koelnerPhonetik('Maier'));
    expect(koelnerPhonetik('Schmidt')).toBe(koelnerPhonetik('Schmitt'));
  });
});

describeEachDialect('families', (dialect) => {
  let t: TestCore;
  let yilmaz: { id: string; code: string };
  beforeAll(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
    yilmaz = await t.ok('families.create', familyInput());
    await t.ok('families.create', familyInput({ displayName: 'Mohammed', phone: '+49 176 9876543', languages: ['ar'], preferredLanguage: 'ar', interpreterLanguage: 'ar', members: [{ firstName: 'Fatima', lastName: 'Mohammed', birthYear: 1990, role: 'parent' }, { firstName: 'Omar', lastName: 'Mohammed', birthYear: 2018, role: 'child' }] }));
    await t.ok('families.create', familyInput({ displayName: 'Müller', phone: undefined, languages: ['de'], preferredLanguage: 'de', interpreterNeeded: false, interpreterLanguage: null, migrationBackground: 'not_stated', members: [{ firstName: 'Anna', lastName: 'Müller', birthYear: 1979, role: 'parent' }] }));
    await t.ok('families.create', familyInput({ displayName: 'Shevchenko', phone: undefined, languages: ['uk'], preferredLanguage: 'uk', interpreterLanguage: 'uk', members: [{ firstName: 'Olena', lastName: 'Shevchenko', birthYear: 1987, role: 'parent' }, { firstName: 'Aleksandr', lastName: 'Shevchenko', birthYear: 2012, role: 'child' }] }));
  });
  afterAll(async () => t.dispose());

  const search = async (query: string) => (await t.ok<{ items: Hit[] }>('families.search', { query })).items;

  it.each([
    ['yilmaz', 'Yılmaz'],
    ['Yılmaz', 'Yılmaz'],
    ['YIL', 'Yılmaz'],
    ['ayse', 'Yılmaz'],
    ['yilmaz elif', 'Yılmaz'],
    ['Mueller', 'Müller'],
    ['Muller', 'Müller'],
    ['muhammad', 'Mohammed'],
    ['Mohamed', 'Mohammed'],
    ['Alexander', 'Shevchenko'],
    ['Elena', 'Shevchenko'],
    ['Schewtschenko', 'Shevchenko'],
    ['0151 234', 'Yılmaz'],
    ['+49 176 98', 'Mohammed'],
    ['Yilnaz', 'Yılmaz'],
    ['Shevhcenko', 'Shevchenko'],
    ['Mohammad Fatma', 'Mohammed'],
  ])('finds %s → %s first', async (query, expected) => {
    const items = await search(query);
    expect(items[0]?.displayName).toBe(expected);
  });

  it('finds a family by its card code, and shows the household to tell families apart', async () => {
    const [hit] = await search(yilmaz.code.toLowerCase());
    expect(hit).toMatchObject({ id: yilmaz.id, code: yilmaz.code });
    expect(hit!.members.map((m) => `${m.firstName} ${m.birthYear}`)).toEqual(['Mehmet 1985', 'Ayşe 1988', 'Elif 2016', 'Can 2020']);
  });

  it('lists families by initial for a one-letter query, and nothing for an empty one', async () => {
    expect((await search('m')).map((h) => h.displayName)).toEqual(['Mohammed', 'Müller']);
    expect(await search('  ')).toEqual([]);
  });

  it('does not find what is not there', async () => {
    expect(await search('Zzyzx')).toEqual([]);
    expect(await search('Yxlkaz')).toEqual([]);
  });

  it('measures typos as edit distance, with swapped letters as one', async () => {
    const { editDistance } = await import('../../src/main/core/families/normalize');
    expect(editDistance('yilnaz', 'yilmaz', 2)).toBe(1);
    expect(editDistance('shevhcenko', 'shevchenko', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('refuses an intake without consent to store the data, naming that consent', async () => {
    const result = await t.call('families.create', familyInput({ consents: [] }));
    expect(result).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'errors:consent_missing', details: { purpose: 'data_storage' } } });
  });

  it('refuses bad input next to each field', async () => {
    const result = await t.call('families.create', familyInput({ postalCode: '876', members: [{ firstName: '', lastName: 'X', birthYear: 1850, role: 'parent' }], interpreterLanguage: null }));
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const issues = (result as { error: { details: { issues: { path: unknown[]; message: string }[] } } }).error.details.issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: ['postalCode'], message: 'validation:postal_code' },
        { path: ['members', 0, 'firstName'], message: 'validation:required' },
        { path: ['members', 0, 'birthYear'], message: 'validation:birth_year' },
        { path: ['interpreterLanguage'], message: 'validation:interpreter_language' },
      ]),
    );
  });

  it('warns of a duplicate spelled differently, with the reasons', async () => {
    const { items } = await t.ok<{ items: (Hit & { reasons: string[] })[] }>('families.duplicates', {
      displayName: 'Yilmaz',
      members: [{ firstName: 'Ayse', lastName: 'Yilmaz' }],
    });
    expect(items[0]).toMatchObject({ id: yilmaz.id });
    expect(items[0]!.reasons).toEqual(expect.arrayContaining(['name', 'first_name']));
    const byPhone = await t.ok<{ items: (Hit & { reasons: string[] })[] }>('families.duplicates', { displayName: 'Jilmas', members: [], phone: '+49 151 2345678' });
    expect(byPhone.items[0]).toMatchObject({ id: yilmaz.id, reasons: ['name', 'phone'] });
    const none = await t.ok<{ items: unknown[] }>('families.duplicates', { displayName: 'Yilmaz', members: [{ firstName: 'Hakan', lastName: 'Yilmaz', birthYear: 1970 }] });
    expect(none.items).toEqual([]);
  });

  it('logs short contacts into the family timeline, with the staff member', async () => {
    await t.ok('contacts.log', { familyId: yilmaz.id, type: 'phone', topics: ['school', 'housing'], fieldOfAction: 1, note: 'Termin Elternabend' });
    const family = await t.ok<{ contacts: { type: string; topics: string[]; staffName: string }[] }>('families.get', { id: yilmaz.id });
    expect(family.contacts[0]).toMatchObject({ type: 'phone', topics: ['school', 'housing'], staffName: 'Clara Koordina' });
    expect(family.contacts).toHaveLength(2);
  });

  it('records consents with form version and language, and blocks what a withdrawn consent no longer covers', async () => {
    const other = await t.ok<{ id: string }>('families.create', familyInput({ displayName: 'Berisha', members: [{ firstName: 'Arben', lastName: 'Berisha', birthYear: 1980, role: 'parent' }] }));
    const family = await t.ok<{ consents: { id: string; purpose: string; formLanguage: string; recordedBy: string }[] }>('families.get', { id: other.id });
    const storage = family.consents.find((c) => c.purpose === 'data_storage')!;
    expect(storage).toMatchObject({ formLanguage: 'tr', recordedBy: 'Clara Koordina' });
    await t.ok('consents.withdraw', { id: storage.id, date: '2026-11-25' });
    expect(await t.call('contacts.log', { familyId: other.id, type: 'walk_in', topics: [], fieldOfAction: 1 })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors:consent_missing', details: { purpose: 'data_storage' } },
    });
  });

  it('never overwrites a change made in between', async () => {
    const family = await t.ok<{ version: number } & Record<string, unknown>>('families.get', { id: yilmaz.id });
    const { view: _v, members: _m, consents: _c, contacts: _k, caseworkers: _cw, code: _code, districtName: _d, createdAt: _ca, lastContactAt: _lc, ...fields } = family as never as Record<string, unknown>;
    const update = { ...fields, status: 'active', notes: 'erste Änderung' };
    expect(await t.ok('families.update', update)).toEqual({ version: family.version + 1 });
    expect(await t.call('families.update', { ...update, notes: 'zweite Änderung' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('keeps a coordinator-editable list of districts, seeded with Kaufbeuren', async () => {
    const { items } = await t.ok<{ items: { id: string; name: string }[] }>('districts.list');
    expect(items.map((d) => d.name)).toEqual(expect.arrayContaining(['Altstadt', 'Neugablonz', 'Oberbeuren']));
    const added = await t.ok<{ id: string }>('districts.save', { name: 'Bachtal', active: true });
    expect(await t.call('districts.save', { name: 'Bachtal', active: true })).toMatchObject({
      ok: false,
      error: { details: { issues: [{ path: ['name'], message: 'validation:district_taken' }] } },
    });
    await t.ok('districts.save', { id: added.id, name: 'Bachtal', active: false });
    expect((await t.ok<{ items: { name: string }[] }>('districts.list')).items.map((d) => d.name)).not.toContain('Bachtal');
    expect((await t.ok<{ items: { name: string }[] }>('districts.list', { includeInactive: true })).items.map((d) => d.name)).toContain('Bachtal');
  });

  it('lets a coordinator merge two families, moving members, contacts and consents', async () => {
    const dup = await t.ok<{ id: string }>('families.create', familyInput({ displayName: 'Yilmaz', members: [{ firstName: 'Deniz', lastName: 'Yilmaz', birthYear: 2010, role: 'child' }] }));
    await t.ok('families.merge', { keepId: yilmaz.id, mergeId: dup.id });
    const merged = await t.ok<{ members: { firstName: string }[]; consents: unknown[]; contacts: unknown[] }>('families.get', { id: yilmaz.id });
    expect(merged.members.map((m) => m.firstName)).toEqual(['Mehmet', 'Ayşe', 'Deniz', 'Elif', 'Can']);
    expect(merged.consents.length).toBe(4);
    expect(await t.call('families.get', { id: dup.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await search('deniz'))[0]?.id).toBe(yilmaz.id);
    const audit = await t.ok<{ items: { method: string; entityId: string }[] }>('audit.list', { method: 'families.merge' });
    expect(audit.items[0]!.entityId).toBe(`${yilmaz.id}<${dup.id}`);
  });
});

// Issue 9: among names that sound alike, the spelling closest to what was typed comes first.
describeEachDialect('search ranking', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it('puts the closest spelling first among names that sound alike', async () => {
    const household = (last: string, first: string) =>
      familyInput({ displayName: last, members: [{ firstName: first, lastName: last, birthYear: 1980, role: 'parent' }], phone: undefined });
    for (const [last, first] of [
      ['Mahmoud', 'Karim'],
      ['Mehmed', 'Ali'],
      ['Muhammad', 'Sami'],
      ['Mohammad', 'Reza'],
      ['Mohamad', 'Omar'],
      ['Hasan', 'Leyla'],
      ['Hussein', 'Nour'],
      ['Hussain', 'Amir'],
      ['Husain', 'Dina'],
    ]) {
      await t.ok('families.create', household(last!, first!));
    }
    const search = async (query: string) => (await t.ok<{ items: { displayName: string }[] }>('families.search', { query })).items;
    const top = async (query: string, n: number) => (await search(query)).slice(0, n).map((h) => h.displayName);
    const mohamad = (await search('mohamad')).map((h) => h.displayName);
    expect(mohamad.slice(0, 3)).toEqual(['Mohamad', 'Mohammad', 'Muhammad']);
    expect(mohamad.indexOf('Mahmoud')).toBeGreaterThan(2);
    expect(await top('muhamad', 1)).toEqual(['Muhammad']);
    const husain = (await search('husain')).map((h) => h.displayName);
    expect(husain.slice(0, 3)).toEqual(['Husain', 'Hussain', 'Hussein']);
    expect(husain.indexOf('Hasan')).toBeGreaterThan(2);
  });

});
