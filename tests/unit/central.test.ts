import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealPackage, type PackagePayload } from '../../src/main/core/export/package';
import { fingerprintOf } from '../../src/main/core/office/identity';
import { mergePackages, type MergeInput } from '../../tools/central/merge';
import { translator } from '../../tools/central/messages';
import { reportText } from '../../tools/central/text';

const root = resolve(__dirname, '../..');
const MAIN = join(root, 'tools/central/main.ts');

/** The tool as a person runs it: its own process, English unless asked otherwise. */
function central(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', LC_ALL: '' },
    timeout: 20_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

interface Office {
  name: string;
  key: KeyObject;
  publicKey: string;
  fingerprint: string;
}

function makeOffice(name: string): Office {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
  return { name, key: privateKey, publicKey: raw.toString('base64'), fingerprint: fingerprintOf(raw) };
}

const pseudonym = (n: number) => n.toString(16).padStart(64, '0');
const record = (n: number) => ({ pseudonym: pseudonym(n), birthYears: [1988, 2016], district: 'Neugablonz', languages: ['tr', 'de'], migrationBackground: 'yes', visits: 2, referrals: 1, participation: ['contact'] });

function payload(office: Office, over: Partial<PackagePayload> = {}): PackagePayload {
  return {
    format: 'm3-central-package',
    version: 1,
    packageId: randomUUID(),
    createdAt: '2025-04-02T09:00:00.000Z',
    office: { name: office.name, publicKey: office.publicKey, fingerprint: office.fingerprint },
    period: { from: '2025-01-01', to: '2025-03-31' },
    threshold: 3,
    families: 0,
    tables: [],
    records: [],
    ...over,
  };
}

/**
 * A reach table: families and persons by district; null = suppressed at the office. Its marks are all null, as
 * the office sends them: the central office must not learn which hidden cells are the small ones.
 */
function reach(north: (number | null)[], south: (number | null)[], totals: (number | null)[]): PackagePayload['tables'][number] {
  const marks = (values: (number | null)[]) => values.map(() => null);
  return {
    id: 'reach',
    rowKind: 'district',
    columns: ['families', 'persons'],
    rows: [
      { key: 'north', values: north, marks: marks(north) },
      { key: 'south', values: south, marks: marks(south) },
    ],
    totals,
    totalMarks: marks(totals),
  };
}

describe('the central import (npm run central)', () => {
  const work = mkdtempSync(join(tmpdir(), 'm3-central-'));
  const dir = join(work, 'central');
  const a = makeOffice('Familienstützpunkt Neugablonz');
  const b = makeOffice('Familienstützpunkt Altstadt');
  let recipient = '';
  const file = (name: string, bytes: Uint8Array) => {
    const path = join(work, name);
    writeFileSync(path, bytes);
    return path;
  };
  const seal = (p: PackagePayload, signer: Office = a, to = recipient) => sealPackage(p, signer.key, signer.publicKey, to);

  // Office A: 10 families, records for four (two of them also known to B); office B: 8 families, three records.
  const packageA = payload(a, { families: 10, records: [1, 2, 3, 4].map(record), tables: [reach([5, 12], [null, 4], [9, 16])] });
  const packageB = payload(b, { families: 8, records: [3, 4, 5].map(record), tables: [reach([3, null], [4, 7], [7, null])] });

  beforeAll(() => {
    const init = central('init', '--dir', dir);
    expect(init.code).toBe(0);
    recipient = init.out.split('\n').find((line) => /^age1[02-9ac-hj-np-z]{58}$/.test(line)) ?? '';
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('init prints the public key and the pseudonym key on their own lines, keeps the folder private, and refuses a second init', () => {
    expect(recipient).toMatch(/^age1/);
    expect(readFileSync(join(dir, 'pseudonym.key'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dir, 'central.key'), 'utf8')).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/m);
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'central.key')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'pseudonym.key')).mode & 0o777).toBe(0o600);
    }
    const key = readFileSync(join(dir, 'central.key'), 'utf8');
    const again = central('init', '--dir', dir);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already holds a central key pair');
    expect(readFileSync(join(dir, 'central.key'), 'utf8')).toBe(key);
  });

  it('registers the offices, prints the fingerprint, and refuses a key or a name already taken and anything but a 32-byte key', () => {
    const first = central('register', '--dir', dir, '--office', a.name, '--key', a.publicKey);
    expect(first.code).toBe(0);
    expect(first.out.split('\n')).toContain(a.fingerprint);
    expect(central('register', '--dir', dir, '--office', b.name, '--key', b.publicKey).code).toBe(0);

    const same = central('register', '--dir', dir, '--office', a.name, '--key', a.publicKey);
    expect(same.code).toBe(0);
    expect(same.out).toContain('Already registered');

    const keyTaken = central('register', '--dir', dir, '--office', 'Familienstützpunkt Neu', '--key', a.publicKey);
    expect(keyTaken.code).toBe(1);
    expect(keyTaken.err).toContain(`already registered for the office “${a.name}”`);
    const nameTaken = central('register', '--dir', dir, '--office', a.name, '--key', makeOffice('x').publicKey);
    expect(nameTaken.code).toBe(1);
    expect(nameTaken.err).toContain(`The name “${a.name}” is already registered with another key`);
    const short = central('register', '--dir', dir, '--office', 'Kurz', '--key', Buffer.alloc(31, 7).toString('base64'));
    expect(short.code).toBe(1);
    expect(short.err).toContain('not an office');
    expect(JSON.parse(readFileSync(join(dir, 'offices.json'), 'utf8')).offices).toHaveLength(2);
  });

  it('imports two offices’ packages and counts a family known to both once (--json: one line)', async () => {
    const run = central('import', '--dir', dir, '--json', file('a.m3', await seal(packageA)), file('b.m3', await seal(packageB, b)));
    expect(run.code).toBe(0);
    const lines = run.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    expect(result.refused).toEqual([]);
    // The packages' marks are all null, and the report passes on none (the merge never reads them).
    expect(run.out).not.toMatch(/marks|primary|secondary/i);
    expect(result.imported.map((i: { packageId: string }) => i.packageId).sort()).toEqual([packageA.packageId, packageB.packageId].sort());
    expect(result.report.families).toEqual({ sumOfOffices: 18, records: 7, distinctRecords: 5, countedTwice: 2, families: 16, suppressed: 0, recordsOfSuppressed: 0 });
    expect(result.report.tables).toEqual([
      {
        id: 'reach',
        rowKind: 'district',
        columns: ['families', 'persons'],
        rows: [
          { key: 'north', values: [{ sum: 8, unknown: 0 }, { sum: 12, unknown: 1 }] },
          { key: 'south', values: [{ sum: 4, unknown: 1 }, { sum: 11, unknown: 0 }] },
        ],
        totals: [{ sum: 16, unknown: 0 }, { sum: 16, unknown: 1 }],
      },
    ]);
    expect(result.report.offices.map((o: { name: string; fingerprint: string }) => [o.name, o.fingerprint])).toEqual([
      [b.name, b.fingerprint],
      [a.name, a.fingerprint],
    ]);
  });

  it('refuses a replayed package, names the file and the reason, and counts nothing twice', async () => {
    const run = central('import', '--dir', dir, '--json', file('a-again.m3', await seal(packageA)));
    expect(run.code).toBe(1);
    expect(run.err).toContain('a-again.m3: refused');
    expect(run.err).toContain(`package ${packageA.packageId} was imported before`);
    const result = JSON.parse(run.out);
    expect(result.refused).toEqual([{ file: join(work, 'a-again.m3'), reason: 'replayed' }]);
    expect(result.report.families.families).toBe(16);
  });

  it.each([
    ['flipped', 'damaged', 'damaged or was altered on the way'],
    ['unregistered', 'unregistered', 'whose key is not registered here'],
    ['other-central', 'not_for_this_office', 'encrypted for another central office'],
    ['other-office-key', 'bad_signature', 'the office named inside is not the office that signed it'],
  ])('refuses a package (%s) with a non-zero exit and the reason', async (kind, reason, message) => {
    const fresh = payload(a, { families: 3, records: [record(9)] });
    let bytes: Uint8Array;
    if (kind === 'flipped') {
      bytes = await seal(fresh);
      bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    } else if (kind === 'unregistered') {
      const stranger = makeOffice('Unbekannt');
      bytes = await seal(payload(stranger), stranger);
    } else if (kind === 'other-central') {
      bytes = await seal(fresh, a, await identityToRecipient(await generateX25519Identity()));
    } else if (kind === 'other-office-key') {
      bytes = await seal({ ...fresh, office: { name: b.name, publicKey: b.publicKey, fingerprint: b.fingerprint } }, a);
    } else {
      bytes = await seal({ ...fresh, office: { ...fresh.office, name: b.name } }, a);
    }
    const run = central('import', '--dir', dir, '--json', file(`${kind}.m3`, bytes));
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${kind}.m3: refused – `);
    expect(run.err).toContain(message);
    expect(JSON.parse(run.out).refused).toEqual([{ file: join(work, `${kind}.m3`), reason }]);
  });

  it('goes on after a refused file: refuses what is no package or cannot be read, imports the rest, and exits non-zero', async () => {
    const second = payload(a, { period: { from: '2025-04-01', to: '2025-06-30' }, createdAt: '2025-07-01T08:00:00.000Z', families: 4, records: [record(1)] });
    const run = central('import', '--dir', dir, '--json', file('notes.txt', Buffer.from('not a package')), join(work, 'missing.m3'), file('a-q2.m3', await seal(second)));
    expect(run.code).toBe(1);
    expect(run.err).toContain('notes.txt: refused – it is not a package for the central project.');
    expect(run.err).toContain('missing.m3: refused – the file cannot be read (ENOENT).');
    const result = JSON.parse(run.out);
    expect(result.refused.map((r: { reason: string }) => r.reason)).toEqual(['not_a_package', 'unreadable']);
    expect(result.imported).toHaveLength(1);
    // Office A's second quarter: its family 1 (known from the first) counts once more in the records, and once less in the families.
    expect(result.report.families).toEqual({ sumOfOffices: 22, records: 8, distinctRecords: 5, countedTwice: 3, families: 19, suppressed: 0, recordsOfSuppressed: 0 });
  });

  it('prints the report as text in German, and for a period only', () => {
    const run = central('report', '--dir', dir, '--lang', 'de', '--from', '2025-01-01', '--to', '2025-03-31');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Familien \(Summe − doppelt gezählt\) +16\n/);
    expect(run.out).toMatch(/north +8 +12 \+1\?\n/);
    expect(run.out).toContain('Gezählte Pakete: 2');
    const english = central('report', '--dir', dir);
    expect(english.out).toMatch(/families \(sum − counted twice\) +19\n/);
  });

  it('counts only the packages whose signer is registered now, and warns of the others', () => {
    const officesPath = join(dir, 'offices.json');
    const before = readFileSync(officesPath, 'utf8');
    const registered = JSON.parse(before).offices as { publicKey: string }[];
    // Office B's key removed from offices.json (mistyped, or the office closed): its stored package no longer counts.
    writeFileSync(officesPath, JSON.stringify({ offices: registered.filter((o) => o.publicKey !== b.publicKey) }));
    try {
      const run = central('report', '--dir', dir, '--json', '--from', '2025-01-01', '--to', '2025-03-31');
      expect(run.code).toBe(0);
      const { report } = JSON.parse(run.out);
      expect(report.packages).toBe(1);
      expect(report.offices.map((o: { name: string }) => o.name)).toEqual([a.name]);
      expect(report.families).toEqual({ sumOfOffices: 10, records: 4, distinctRecords: 4, countedTwice: 0, families: 10, suppressed: 0, recordsOfSuppressed: 0 });
      expect(report.tables[0].totals).toEqual([{ sum: 9, unknown: 0 }, { sum: 16, unknown: 0 }]);
      expect(report.warnings).toEqual([{ kind: 'unregistered', office: b.name, fingerprint: b.fingerprint, packageId: packageB.packageId, period: packageB.period }]);
      const text = central('report', '--dir', dir);
      expect(text.out).toContain(`! ${b.name} (fingerprint ${b.fingerprint}): package ${packageB.packageId} (2025-01-01 – 2025-03-31) was signed by a key that is no longer registered`);
    } finally {
      writeFileSync(officesPath, before);
    }
    expect(JSON.parse(central('report', '--dir', dir, '--json').out).report.packages).toBe(3);
  });

  it('refuses a file larger than 50 MB before reading it, with the reason', () => {
    const big = join(work, 'big.m3');
    writeFileSync(big, '');
    truncateSync(big, 51 * 1024 * 1024);
    const run = central('import', '--dir', dir, '--json', big);
    expect(run.code).toBe(1);
    expect(run.err).toContain('big.m3: refused – the file is larger than 50 MB (51 MB); a package is far smaller.');
    expect(JSON.parse(run.out).refused).toEqual([{ file: big, reason: 'too_large' }]);
  });

  it('refuses wrong usage with exit code 2', () => {
    const run = central('import', '--dir', dir);
    expect(run.code).toBe(2);
    expect(run.err).toContain('Name at least one package file');
    expect(central('report', '--dir', dir, '--office', 'x').code).toBe(2);
    expect(central('frobnicate').code).toBe(2);
  });
});

describe('the merge of the packages (pure)', () => {
  const a = makeOffice('A');
  const b = makeOffice('B');
  const input = (p: PackagePayload, importedAt = '2025-07-10T00:00:00.000Z'): MergeInput => ({ payload: p, importedAt });

  it('adds the known cells, counts the unknown ones, and keeps every column and row an office sent', () => {
    const other = { ...reach([1, 2], [3, 4], [4, 6]), columns: ['families', 'persons', 'children'], rows: [{ key: 'east', values: [2, 5, null], marks: [null, null, 'primary' as const] }], totals: [2, 5, null], totalMarks: [null, null, 'primary' as const] };
    const report = mergePackages([input(payload(a, { tables: [reach([null, null], [2, 3], [null, 9])] })), input(payload(b, { tables: [other] }))]);
    expect(report.tables).toEqual([
      {
        id: 'reach',
        rowKind: 'district',
        columns: ['families', 'persons', 'children'],
        rows: [
          { key: 'north', values: [{ sum: 0, unknown: 1 }, { sum: 0, unknown: 1 }, { sum: 0, unknown: 0 }] },
          { key: 'south', values: [{ sum: 2, unknown: 0 }, { sum: 3, unknown: 0 }, { sum: 0, unknown: 0 }] },
          { key: 'east', values: [{ sum: 2, unknown: 0 }, { sum: 5, unknown: 0 }, { sum: 0, unknown: 1 }] },
        ],
        totals: [{ sum: 2, unknown: 1 }, { sum: 14, unknown: 0 }, { sum: 0, unknown: 1 }],
      },
    ]);
  });

  it('counts families as the offices’ sum less the records whose pseudonym arrived more than once', () => {
    const report = mergePackages([
      input(payload(a, { families: 12, records: [1, 2, 3].map(record) })),
      input(payload(b, { families: 5, records: [2, 3, 4, 5].map(record) })),
      input(payload(b, { families: 2, period: { from: '2025-04-01', to: '2025-06-30' }, records: [3].map(record) })),
    ]);
    expect(report.families).toEqual({ sumOfOffices: 19, records: 8, distinctRecords: 5, countedTwice: 3, families: 16, suppressed: 0, recordsOfSuppressed: 0 });
    expect(report.packages).toBe(3);
    expect(report.period).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(report.warnings).toEqual([]);
  });

  it('leaves the records of a package with a suppressed family count out of the matching, and reports them apart', () => {
    // A's family count was suppressed (below its threshold): its records x, y, z are in no sum, so they must subtract nothing.
    const report = mergePackages([input(payload(a, { families: null, records: [1, 2, 3].map(record) })), input(payload(b, { families: 40, records: [1, 2].map(record) }))]);
    expect(report.families).toEqual({ sumOfOffices: 40, records: 2, distinctRecords: 2, countedTwice: 0, families: 40, suppressed: 1, recordsOfSuppressed: 3 });
    const text = reportText(report, translator('en')).join('\n');
    expect(text).toMatch(/families \(sum − counted twice\) +40\n/);
    expect(text).toMatch(/packages with a suppressed family count \(not in the sum\) +1\n/);
    expect(text).toMatch(/records of those packages \(not matched\) +3\n/);
    expect(text).toContain('Their records are therefore not matched against the others');
    // Without a suppressed package neither the rows nor the note appear.
    expect(reportText(mergePackages([input(payload(b, { families: 40 }))]), translator('en')).join('\n')).not.toContain('not matched');
  });

  it('gives totals only to tables that have them, in the report and in its text', () => {
    const summary = { id: 'summary', rowKind: 'figure', columns: ['value'], rows: [{ key: 'families', values: [12], marks: [null] }], totals: [], totalMarks: [] };
    const withoutTotals = { ...reach([1, 2], [3, 4], []), totalMarks: [] };
    const report = mergePackages([input(payload(a, { tables: [summary, reach([5, 6], [7, 8], [12, 14])] })), input(payload(b, { tables: [summary, withoutTotals] }))]);
    expect(report.tables[0]).toEqual({ id: 'summary', rowKind: 'figure', columns: ['value'], rows: [{ key: 'families', values: [{ sum: 24, unknown: 0 }] }], totals: [] });
    // Office B sent the reach table without totals: its share of each total is unknown, not zero.
    expect(report.tables[1]!.totals).toEqual([{ sum: 12, unknown: 1 }, { sum: 14, unknown: 1 }]);
    const lines = reportText(report, translator('en'));
    const at = lines.indexOf('Table summary (rows: figure)');
    expect(lines.slice(at, at + 4)).toEqual(['Table summary (rows: figure)', '  figure     value', '  families      24', '']);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}total +12 \+1\? +14 \+1\?$/));
  });

  it('reads no suppression marks and passes none on', () => {
    // All-null marks as the office sends them now; an older package's marks give the very same report.
    const tables = [reach([null, 4], [5, 6], [null, 10])];
    const report = mergePackages([input(payload(a, { packageId: 'package-1', tables }))]);
    const marked = tables.map((t) => ({ ...t, rows: t.rows.map((r) => ({ ...r, marks: r.values.map((v) => (v === null ? ('primary' as const) : null)) })) }));
    expect(mergePackages([input(payload(a, { packageId: 'package-1', tables: marked }))])).toEqual(report);
    expect(JSON.stringify(report) + reportText(report, translator('en')).join('\n')).not.toMatch(/marks|primary|secondary/i);
  });

  it('counts only the newest of one office’s packages for overlapping periods, and says so', () => {
    const older = payload(a, { families: 7, createdAt: '2025-04-02T09:00:00.000Z' });
    const newer = payload(a, { families: 9, createdAt: '2025-07-01T09:00:00.000Z', period: { from: '2025-02-01', to: '2025-06-30' } });
    const otherOffice = payload(b, { families: 4 });
    const report = mergePackages([input(newer), input(older), input(otherOffice)]);
    expect(report.families.sumOfOffices).toBe(13);
    expect(report.warnings).toEqual([
      { kind: 'overlap', office: 'A', counted: newer.packageId, countedPeriod: newer.period, superseded: older.packageId, supersededPeriod: older.period },
    ]);
    expect(report.offices.find((o) => o.name === 'A')).toMatchObject({
      period: { from: '2025-02-01', to: '2025-06-30' },
      packages: expect.arrayContaining([expect.objectContaining({ packageId: older.packageId, counted: false }), expect.objectContaining({ packageId: newer.packageId, counted: true })]),
    });
    // The same packages in another order give the same report.
    expect(mergePackages([input(otherOffice), input(older), input(newer)])).toEqual(report);
  });

  it('warns of a pseudonym repeated inside one package, and with a period leaves out a package lying partly outside', () => {
    const q1 = payload(a, { families: 3, records: [1, 1, 2].map(record) });
    const year = payload(b, { families: 30, period: { from: '2025-01-01', to: '2025-12-31' } });
    const report = mergePackages([input(q1), input(year)], { from: '2025-01-01', to: '2025-03-31' });
    expect(report.families).toEqual({ sumOfOffices: 3, records: 3, distinctRecords: 2, countedTwice: 1, families: 2, suppressed: 0, recordsOfSuppressed: 0 });
    expect(report.warnings).toEqual([
      { kind: 'partly_outside', office: 'B', packageId: year.packageId, period: year.period },
      { kind: 'repeated_pseudonym', office: 'A', packageId: q1.packageId, records: 1 },
    ]);
    expect(mergePackages([])).toMatchObject({ packages: 0, period: null, offices: [], tables: [], families: { families: 0 } });
  });

  it('has the same messages with the same placeholders in German and English', () => {
    const flatten = (value: unknown, prefix = ''): Record<string, string> =>
      typeof value === 'string' ? { [prefix]: value } : Object.assign({}, ...Object.entries(value as object).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
    const load = (lng: string) => flatten(JSON.parse(readFileSync(join(root, 'locales', lng, 'central.json'), 'utf8')));
    const [de, en] = [load('de'), load('en')];
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    const vars = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en)) expect({ key, vars: vars(de[key]!) }).toEqual({ key, vars: vars(en[key]!) });
  });
});
