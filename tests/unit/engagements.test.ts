import { afterEach, beforeEach, expect, it } from 'vitest';
import { localDay } from '../../src/shared/dates';
import { addStaff, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';

interface Engagement {
  id: string;
  memberId: string;
  kind: string;
  from: string;
  to: string | null;
  note: string | null;
}

describeEachDialect('participation (engagements of family members)', (dialect) => {
  let t: TestCore;
  let familyId: string;
  let members: { id: string; firstName: string }[];
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
    familyId = (await t.ok<{ id: string }>('families.create', familyInput())).id;
    members = (await t.ok<{ members: { id: string; firstName: string }[] }>('families.get', { id: familyId })).members;
  });
  afterEach(async () => t.dispose());

  it('keeps what a member takes part in, with start and end, saved whole as the form shows it', async () => {
    const ayse = members[0]!;
    const saved = await t.ok<{ items: Engagement[] }>('engagements.save', {
      familyId,
      memberId: ayse.id,
      engagements: [
        { kind: 'parents_council', from: '2025-09-15', to: '2026-07-31', note: 'Kita Sonnenschein' },
        { kind: 'event_speaker', from: '2026-03-10', to: '2026-03-10' },
      ],
    });
    expect(saved.items.map((e) => [e.kind, e.from, e.to, e.note])).toEqual([
      ['parents_council', '2025-09-15', '2026-07-31', 'Kita Sonnenschein'],
      ['event_speaker', '2026-03-10', '2026-03-10', null],
    ]);
    // The second save replaces the list: one removed, one still open.
    await t.ok('engagements.save', { familyId, memberId: ayse.id, engagements: [{ kind: 'school_committee', from: '2026-09-01' }] });
    await t.ok('engagements.save', { familyId, memberId: members[1]!.id, engagements: [{ kind: 'interpreter_qualification', from: '2026-02-01', to: '2026-06-30' }] });
    const all = (await t.ok<{ items: Engagement[] }>('engagements.list', { familyId })).items;
    expect(all.map((e) => [e.memberId, e.kind, e.to])).toEqual([
      [members[1]!.id, 'interpreter_qualification', '2026-06-30'],
      [ayse.id, 'school_committee', null],
    ]);
  });

  it('refuses an end before the start, an unknown kind, and a member of another family', async () => {
    const bad = await t.call('engagements.save', { familyId, memberId: members[0]!.id, engagements: [{ kind: 'parents_council', from: '2026-09-15', to: '2026-09-01' }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [expect.objectContaining({ path: ['engagements', 0, 'to'], message: 'validation:end_before_start' })] } } });
    expect(await t.call('engagements.save', { familyId, memberId: members[0]!.id, engagements: [{ kind: 'football', from: '2026-09-15' }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const other = await t.ok<{ id: string }>('families.create', familyInput({ displayName: 'Haddad' }));
    expect(await t.call('engagements.save', { familyId: other.id, memberId: members[0]!.id, engagements: [] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await t.ok<{ items: Engagement[] }>('engagements.list', { familyId })).items).toEqual([]);
  });

  it('a member who becomes a volunteer takes part at the office from that day, once; both records stay apart', async () => {
    const ayse = members[0]!;
    const volunteer = { firstName: ayse.firstName, lastName: 'Yılmaz', roles: ['pate'], languages: [{ code: 'tr', level: 'native' }], districtIds: [], availability: [], memberId: ayse.id };
    const v = await t.ok<{ id: string; version: number; memberId: string }>('volunteers.save', volunteer);
    expect(v.memberId).toBe(ayse.id);
    const once = (await t.ok<{ items: Engagement[] }>('engagements.list', { familyId })).items;
    expect(once).toEqual([expect.objectContaining({ memberId: ayse.id, kind: 'office_volunteering', from: localDay(new Date(t.clock.now)), to: null })]);
    // Saving the volunteer again adds nothing; the family record is unchanged by the volunteer's own address.
    await t.ok('volunteers.save', { ...volunteer, id: v.id, version: v.version, street: 'Anderswo 1' });
    expect((await t.ok<{ items: Engagement[] }>('engagements.list', { familyId })).items).toHaveLength(1);
    expect(await t.ok('families.get', { id: familyId })).toMatchObject({ street: 'Kaiser-Max-Straße 12' });
  });

  it('reception records engagements too; a host cannot read them', async () => {
    await t.ok('session.lock');
    await addStaff(t, 'empfang', 'reception');
    expect(await t.ok('engagements.save', { familyId, memberId: members[0]!.id, engagements: [{ kind: 'parents_council', from: '2026-09-15' }] })).toMatchObject({ items: [expect.objectContaining({ kind: 'parents_council' })] });
    await t.ok('session.lock');
    await addStaff(t, 'gastgeber', 'host');
    expect(await t.call('engagements.list', { familyId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
