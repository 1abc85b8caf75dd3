import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { localDay } from '../../src/shared/dates';
import { setUpOffice, startTestCore, type TestCore } from '../support/core';
import { describeEachDialect } from '../support/dialects';
import { familyInput } from '../support/families';

const root = resolve(__dirname, '../..');
const year = new Date().getFullYear();
const period = { from: `${year}-01-01`, to: `${year}-12-31` };

function central(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tools/central/main.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' }, timeout: 30_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const consents = [
  { purpose: 'data_storage' as const, given: true, date: localDay(), formVersion: '2026-01', formLanguage: 'de' as const },
  { purpose: 'central_transfer' as const, given: true, date: localDay(), formVersion: '2026-01', formLanguage: 'de' as const },
];
/** A household the offices may write down differently (dotless ı, capitals): the pseudonym folds that away. */
const household = (last: string, first: string, born: number) => familyInput({ displayName: last, consents, members: [{ firstName: first, lastName: last, birthYear: born, role: 'parent', gender: 'female' }, { firstName: 'Kind', lastName: last, birthYear: 2017, role: 'child' }] });

describeEachDialect('two offices and the central import', (dialect) => {
  let dir: string;
  let offices: TestCore[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'm3-central-'));
  });
  afterEach(async () => {
    await Promise.all(offices.map((o) => o.dispose()));
    offices = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts a family known to both offices once: merged = sum of the offices − counted twice', async () => {
    const init = central('init', '--dir', join(dir, 'central'));
    expect(init.code).toBe(0);
    const recipient = /age1[0-9a-z]+/.exec(init.out)![0];
    const pseudonymKey = /\b[0-9a-f]{64}\b/.exec(init.out)![0];

    const a = await startTestCore({ dialect });
    const b = await startTestCore({ dialect });
    offices = [a, b];
    await setUpOffice(a);
    await setUpOffice(b);
    for (const office of [a, b]) await office.ok('settings.update', { centralRecipient: recipient, pseudonymKey, suppressionThreshold: 3 });
    // Office A: seven families; office B: five, three of whom A knows too (written down a little differently).
    for (const [last, first, born] of [['Yılmaz', 'Ayşe', 1988], ['Haddad', 'Rana', 1990], ['Petrenko', 'Olena', 1985], ['Nguyen', 'Lan', 1991], ['Kaya', 'Elif', 1987], ['Ahmadi', 'Zahra', 1993], ['Popescu', 'Ana', 1982]] as const) {
      await a.ok('families.create', household(last, first, born));
    }
    for (const [last, first, born] of [['YILMAZ', 'Ayse', 1988], ['Haddad', 'Rana', 1990], ['Petrenko', 'Olena', 1985], ['Tesfay', 'Selam', 1994], ['Berisha', 'Drita', 1989]] as const) {
      await b.ok('families.create', household(last, first, born));
    }
    const built = [];
    for (const [name, office] of [['A', a], ['B', b]] as const) {
      const identity = await office.ok<{ publicKey: string }>('office.identity', {});
      expect(central('register', '--dir', join(dir, 'central'), '--office', name, '--key', identity.publicKey).code).toBe(0);
      built.push(await office.ok<{ path: string; families: number; records: number }>('export.build', period));
    }
    expect(built.map((x) => [x.families, x.records])).toEqual([
      [7, 7],
      [5, 5],
    ]);
    const run = central('import', '--dir', join(dir, 'central'), '--json', ...built.map((x) => x.path));
    expect(run.code).toBe(0);
    const { report } = JSON.parse(run.out) as { report: { families: Record<string, number>; tables: { id: string; rows: { key: string; values: { sum: number; unknown: number }[] }[] }[] } };
    expect(report.families).toEqual({ sumOfOffices: 12, records: 12, distinctRecords: 9, countedTwice: 3, families: 9, suppressed: 0, recordsOfSuppressed: 0 });
    // The aggregate figures are the offices' sums (a table counts per office).
    const summary = report.tables.find((t) => t.id === 'summary')!;
    expect(summary.rows.find((r) => r.key === 'families')!.values[0]).toEqual({ sum: 12, unknown: 0 });
    expect(summary.rows.find((r) => r.key === 'persons')!.values[0]).toEqual({ sum: 24, unknown: 0 });

    // Replayed, tampered and foreign packages are refused with a non-zero exit; nothing is counted twice.
    expect(central('import', '--dir', join(dir, 'central'), '--json', built[0]!.path).code).toBe(1);
  }, 180_000);
});
