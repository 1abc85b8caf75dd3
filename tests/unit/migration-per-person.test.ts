import { afterEach, beforeEach, expect, it } from 'vitest';
import { localDay } from '../../src/shared/dates';
import type { Family, FamilyRow, Member } from '../../src/shared/rpc/areas/families';
import { setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';

// Issue 13: migration background per person, and Destatis's Einwanderungsgeschichte beside it.

const household = (f: Family) => {
  const { view: _v, id: _i, code: _c, districtName: _d, createdAt: _ca, lastContactAt: _l, version: _ve, members: _m, consents: _co, contacts: _k, caseworkers: _cw, ...fields } = f;
  return fields;
};
const answers = (m: Member) => ({ migrationBackground: m.migrationBackground, immigrationHistory: m.immigrationHistory });

describeEachDialect('migration background per person', (dialect) => {
  let t: TestCore;
  const get = (id: string) => t.ok<Family>('families.get', { id });
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
  });
  afterEach(async () => t.dispose());

  it("stores the family's Einwanderungsgeschichte at intake (not stated when not asked) and on update, and lists it", async () => {
    const quiet = await t.ok<{ id: string }>('families.create', familyInput({ displayName: 'Novak' }));
    expect((await get(quiet.id)).immigrationHistory).toBe('not_stated');

    const family = await t.ok<{ id: string }>('families.create', familyInput({ immigrationHistory: 'yes' }));
    const start = await get(family.id);
    expect(start).toMatchObject({ migrationBackground: 'yes', immigrationHistory: 'yes' });
    // Every member answers as the family until they say otherwise.
    expect(start.members.map(answers)).toEqual(start.members.map(() => ({ migrationBackground: null, immigrationHistory: null })));

    await t.ok('families.update', { ...household(start), id: family.id, version: start.version, immigrationHistory: 'no' });
    const changed = await get(family.id);
    expect(changed.immigrationHistory).toBe('no');
    // An update that does not send it (an older form) leaves the answer as it is.
    const { immigrationHistory: _h, ...older } = household(changed);
    await t.ok('families.update', { ...older, id: family.id, version: changed.version, phone: '0831 1234' });
    expect(await get(family.id)).toMatchObject({ phone: '0831 1234', immigrationHistory: 'no' });

    const { items } = await t.ok<{ items: FamilyRow[] }>('families.list', { filters: { migrationBackground: 'yes' } });
    expect(items.find((r) => r.id === family.id)?.immigrationHistory).toBe('no');
  });

  it("keeps a person's own answer at intake, on add and on correction; null goes back to the family's", async () => {
    const input = familyInput({ immigrationHistory: 'yes' });
    // A mixed household: the father was born German; the children have one parent who came, not both.
    input.members[1] = { ...input.members[1]!, migrationBackground: 'no', immigrationHistory: 'no' };
    input.members[2] = { ...input.members[2]!, immigrationHistory: 'no' };
    const family = await t.ok<{ id: string }>('families.create', input);
    const byName = async (first: string) => (await get(family.id)).members.find((m) => m.firstName === first)!;
    expect(answers(await byName('Mehmet'))).toEqual({ migrationBackground: 'no', immigrationHistory: 'no' });
    expect(answers(await byName('Elif'))).toEqual({ migrationBackground: null, immigrationHistory: 'no' });
    expect(answers(await byName('Ayşe'))).toEqual({ migrationBackground: null, immigrationHistory: null });

    // Added after intake with an own answer: the answer comes back with the saved member.
    const baby = await t.ok<Member>('members.save', { familyId: family.id, firstName: 'Deniz', lastName: 'Yılmaz', birthYear: 2025, role: 'child', immigrationHistory: 'no' });
    expect(answers(baby)).toEqual({ migrationBackground: null, immigrationHistory: 'no' });
    // Added the quick way (first name and year): as the family.
    const quick = await t.ok<Member>('members.save', { familyId: family.id, firstName: 'Ela', lastName: 'Yılmaz', birthYear: 2024, role: 'child' });
    expect(answers(quick)).toEqual({ migrationBackground: null, immigrationHistory: null });

    const ayse = await byName('Ayşe');
    const corrected = await t.ok<Member>('members.save', { familyId: family.id, id: ayse.id, version: ayse.version, firstName: 'Ayşe', lastName: 'Yılmaz', birthYear: 1988, role: 'parent', migrationBackground: 'not_stated' });
    expect(answers(corrected)).toEqual({ migrationBackground: 'not_stated', immigrationHistory: null });
    // Null: the person answers as the family again.
    const back = await t.ok<Member>('members.save', { familyId: family.id, id: ayse.id, version: corrected.version, firstName: 'Ayşe', lastName: 'Yılmaz', birthYear: 1988, role: 'parent', migrationBackground: null, immigrationHistory: null });
    expect(answers(back)).toEqual({ migrationBackground: null, immigrationHistory: null });
    expect(answers(await byName('Ayşe'))).toEqual({ migrationBackground: null, immigrationHistory: null });

    // Only the three answers are taken.
    expect(await t.call('members.save', { familyId: family.id, firstName: 'X', lastName: 'Y', birthYear: 2000, role: 'other_adult', migrationBackground: 'maybe' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: ['migrationBackground'] }] } },
    });
  });

  it("keeps every member's answer through a merge, also where it was the merged family's", async () => {
    const keep = await t.ok<{ id: string }>('families.create', familyInput({ migrationBackground: 'not_stated', immigrationHistory: 'not_stated' }));
    const dupInput = familyInput({
      migrationBackground: 'yes',
      immigrationHistory: 'no',
      members: [
        { firstName: 'Deniz', lastName: 'Yılmaz', birthYear: 2012, role: 'child' },
        { firstName: 'Kemal', lastName: 'Yılmaz', birthYear: 1960, role: 'other_adult', migrationBackground: 'yes', immigrationHistory: 'yes' },
        { firstName: 'Lena', lastName: 'Yılmaz', birthYear: 1990, role: 'other_adult', migrationBackground: 'no' },
      ],
    });
    const dup = await t.ok<{ id: string }>('families.create', dupInput);
    await t.ok('families.merge', { keepId: keep.id, mergeId: dup.id });
    const merged = await get(keep.id);
    // The kept family's own answers stay; nobody's answer changes by the move.
    expect(merged).toMatchObject({ migrationBackground: 'not_stated', immigrationHistory: 'not_stated' });
    const of = (first: string) => answers(merged.members.find((m) => m.firstName === first)!);
    expect(of('Deniz')).toEqual({ migrationBackground: 'yes', immigrationHistory: 'no' });
    expect(of('Kemal')).toEqual({ migrationBackground: 'yes', immigrationHistory: 'yes' });
    expect(of('Lena')).toEqual({ migrationBackground: 'no', immigrationHistory: 'no' });
    // The kept family's members still answer as their family.
    expect(of('Ayşe')).toEqual({ migrationBackground: null, immigrationHistory: null });
  });

  it("leaves a merged member to the kept family's answer where their own family's was the same or not stated", async () => {
    const keep = await t.ok<{ id: string }>('families.create', familyInput({ migrationBackground: 'yes', immigrationHistory: 'yes' }));
    const dup = await t.ok<{ id: string }>('families.create', familyInput({ members: [{ firstName: 'Deniz', lastName: 'Yılmaz', birthYear: 2012, role: 'child' }] }));
    await t.ok('families.merge', { keepId: keep.id, mergeId: dup.id });
    const deniz = (await get(keep.id)).members.find((m) => m.firstName === 'Deniz')!;
    // The duplicate said yes / not stated: the yes is the same as the kept family's, "not stated" is no answer to keep.
    expect(answers(deniz)).toEqual({ migrationBackground: null, immigrationHistory: null });
  });

  it('walk-ins at the counter answer as their family', async () => {
    const event = await t.ok<{ id: string }>('events.save', { title: 'Elterncafé', type: 'parent_cafe', fieldOfAction: 1, date: localDay(), start: '16:00', end: '18:00', place: 'Stützpunkt' });
    await t.ok('checkin.walkIn', {
      eventId: event.id,
      displayName: 'Petrenko',
      members: [{ firstName: 'Olena', lastName: 'Petrenko', birthYear: 1990, role: 'parent' }],
      migrationBackground: 'yes',
      storageConsent: true,
      photoConsent: false,
      formLanguage: 'uk',
    });
    const hit = (await t.ok<{ items: { id: string }[] }>('families.search', { query: 'Petrenko' })).items[0]!;
    const family = await get(hit.id);
    expect(family).toMatchObject({ migrationBackground: 'yes', immigrationHistory: 'not_stated' });
    expect(family.members.map(answers)).toEqual([{ migrationBackground: null, immigrationHistory: null }]);
  });
});
