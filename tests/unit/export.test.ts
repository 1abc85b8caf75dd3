import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { localDay } from '../../src/shared/dates';
import type { ExportPreview } from '../../src/shared/rpc/areas/reports';
import { openPackage } from '../../src/main/core/export/package';
import { addStaff, setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';

const year = new Date().getFullYear();
const period = { from: `${year}-01-01`, to: `${year}-12-31` };
const consent = (purpose: 'data_storage' | 'central_transfer', given = true) => ({ purpose, given, date: localDay(), formVersion: '2026-01', formLanguage: 'de' as const });
const PSEUDONYM_KEY = 'ab'.repeat(32);

/** Every figure of the preview that would leave, with its mark. */
function cells(preview: ExportPreview) {
  return preview.tables.flatMap((t) => [...t.rows.flatMap((r) => r.values.map((v, i) => ({ v, mark: r.marks[i] }))), ...t.totals.map((v, i) => ({ v, mark: t.totalMarks[i] }))]);
}

describeEachDialect('central export', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await startTestCore({ dialect });
    await setUpOffice(t);
    // Seven families: four consent to the transfer; one of them withdrew it later.
    let withdrawnId = '';
    for (let i = 0; i < 7; i += 1) {
      const consents = [consent('data_storage'), ...(i < 4 ? [consent('central_transfer')] : [])];
      const members = [
        { firstName: `Eltern${i}`, lastName: `Familie${i}`, birthYear: 1980 + i, role: 'parent' as const, gender: 'female' as const },
        { firstName: `Kind${i}`, lastName: `Familie${i}`, birthYear: 2015, role: 'child' as const },
      ];
      const { id } = await t.ok<{ id: string }>('families.create', familyInput({ displayName: `Familie${i}`, members, consents, migrationBackground: i % 3 === 0 ? 'no' : 'yes' }));
      if (i === 3) withdrawnId = id;
    }
    const f = await t.ok<{ consents: { id: string; purpose: string }[] }>('families.get', { id: withdrawnId });
    await t.ok('consents.withdraw', { id: f.consents.find((c) => c.purpose === 'central_transfer')!.id, date: localDay() });
  });
  afterEach(async () => t.dispose());

  it('previews exactly what leaves: no figure from 1 to below the threshold, records only with consent and the project key', async () => {
    let preview = await t.ok<ExportPreview>('export.preview', period);
    expect(preview).toMatchObject({ threshold: 5, recordsWithheld: 'no_pseudonym_key', records: [], missing: ['central_recipient'] });
    for (const c of cells(preview)) if (c.v !== null) expect(c.v === 0 || c.v >= 5).toBe(true);
    // Across tables too: the summary's families are new + returning, so never exactly one of the three hidden.
    const summary = new Map(preview.tables.find((x) => x.id === 'summary')!.rows.map((r) => [r.key, r.values[0]]));
    expect([summary.get('families'), summary.get('newFamilies'), summary.get('returningFamilies')].filter((v) => v === null).length).not.toBe(1);
    expect(preview.suppressedCells).toBeGreaterThan(0);
    // Seven families, 14 persons: shown; the two without migration background … suppressed with a partner.
    const migration = preview.tables.find((x) => x.id === 'migration')!;
    expect(migration.rows.find((r) => r.key === 'families')!.values).toEqual([null, null, null].map((_, i) => (i === 2 ? 0 : null)));

    await t.ok('settings.update', { pseudonymKey: PSEUDONYM_KEY, suppressionThreshold: 3 });
    preview = await t.ok<ExportPreview>('export.preview', period);
    expect(preview.threshold).toBe(3);
    expect(preview.recordsWithheld).toBeNull();
    // Three consents stand (one was withdrawn): three records, no names, no phone, only what the issue lists.
    expect(preview.records).toHaveLength(3);
    expect(preview.withoutConsent).toBe(4);
    const text = JSON.stringify(preview.records);
    expect(text).not.toMatch(/Familie|Eltern|Kind|0151|Kaiser/);
    expect(Object.keys(preview.records[0]!).sort()).toEqual(['birthYears', 'district', 'languages', 'migrationBackground', 'participation', 'pseudonym', 'referrals', 'visits']);
    expect(preview.records.every((r) => /^[0-9a-f]{64}$/.test(r.pseudonym))).toBe(true);
    // The key itself is never read back.
    const settings = await t.ok<Record<string, unknown>>('settings.get', {});
    expect(settings.pseudonymKeySet).toBe(true);
    expect(JSON.stringify(settings)).not.toContain(PSEUDONYM_KEY);
  });

  it('builds a package only the central key opens, signed by this office, and records it with its checksum', async () => {
    expect(await t.call('export.build', period)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:no_central_recipient' } });
    const identity = await generateX25519Identity();
    await t.ok('settings.update', { centralRecipient: await identityToRecipient(identity), pseudonymKey: PSEUDONYM_KEY });
    const built = await t.ok<{ path: string; checksum: string; records: number; families: number }>('export.build', period);
    expect(built.path.startsWith(join(t.dir, 'exports'))).toBe(true);
    const bytes = readFileSync(built.path);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(built.checksum);
    // Nothing readable in the file itself.
    expect(bytes.toString('latin1')).not.toMatch(/Familie|families/);
    const office = await t.ok<{ publicKey: string }>('office.identity', {});
    const { payload } = await openPackage(bytes, identity, [office.publicKey]);
    expect(payload).toMatchObject({ period, families: 7, office: { publicKey: office.publicKey } });
    // Which hidden figures are the small ones stays in the office: the package marks none.
    expect(payload.tables.flatMap((x) => [...x.totalMarks, ...x.rows.flatMap((r) => r.marks)]).every((m) => m === null)).toBe(true);
    expect(payload.tables.some((x) => x.rows.some((r) => r.values.includes(null)))).toBe(true);
    expect(payload.records).toHaveLength(3);
    expect(payload.records).toEqual((await t.ok<ExportPreview>('export.preview', period)).records);
    // Another central office's key cannot open it; an unregistered signer is refused.
    await expect(openPackage(bytes, await generateX25519Identity(), [office.publicKey])).rejects.toMatchObject({ reason: 'not_for_this_office' });
    await expect(openPackage(bytes, identity, [])).rejects.toMatchObject({ reason: 'unregistered' });
    // What leaves is what was previewed: a contact logged after the preview makes the build refuse.
    const shown = await t.ok<ExportPreview>('export.preview', period);
    const families = await t.ok<{ items: { id: string }[] }>('families.list', {});
    await t.ok('contacts.log', { familyId: families.items[0]!.id, type: 'phone', topics: ['school'], fieldOfAction: 1 });
    expect(await t.call('export.build', { ...period, digest: shown.digest })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:export_changed_since_preview' } });
    const list = await t.ok<{ checksum: string; records: number; byName: string | null }[]>('export.list', {});
    expect(list[0]).toMatchObject({ checksum: built.checksum, records: 3, byName: 'Clara Koordina' });
  });

  it('writes to a chosen file, refuses a relative path, and leaves exports to coordinators', async () => {
    const identity = await generateX25519Identity();
    await t.ok('settings.update', { centralRecipient: await identityToRecipient(identity) });
    const elsewhere = mkdtempSync(join(tmpdir(), 'm3-export-'));
    const target = join(realpathSync(elsewhere), 'gewaehlt.m3pkg');
    const built = await t.ok<{ path: string; records: number }>('export.build', { ...period, path: target });
    expect(built).toMatchObject({ path: target, records: 0 });
    // Never over an existing file, never into the data folder (the database, the keys), never a relative path.
    expect(await t.call('export.build', { ...period, path: target })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors:export_path_exists' } });
    expect(await t.call('export.build', { ...period, path: join(t.dir, 'm3desk.db') })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'errors:export_path_in_data_folder' } });
    expect(await t.call('export.build', { ...period, path: 'relativ.m3pkg' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'errors:export_path_invalid' } });
    rmSync(elsewhere, { recursive: true, force: true });
    expect(await t.call('settings.update', { centralRecipient: 'age1kaputt' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await addStaff(t, 'fall', 'caseworker');
    expect(await t.call('export.preview', period)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.call('export.build', period)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
