#!/usr/bin/env node
// Runs @doyensec/electronegativity over src/ and fails on any finding that the
// reviewed allow-list (security/electronegativity-allow.json) does not explain,
// and on any file it could not parse. The tool itself exits 0 either way.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const input = resolve(root, process.argv[2] ?? 'src');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const allow = JSON.parse(readFileSync(join(root, 'security/electronegativity-allow.json'), 'utf8'));
const out = mkdtempSync(join(tmpdir(), 'm3-eneg-'));
const sarif = join(out, 'report.sarif');

const run = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'),
    '-i', input,
    '-o', sarif,
    '-e', electronVersion,
    '-p', 'decoratorAutoAccessors,explicitResourceManagement',
  ],
  { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' } },
);
const output = `${run.stdout}\n${run.stderr}`;
let failed = false;
if (run.status !== 0) {
  console.error(`electronegativity crashed (exit ${run.status}):\n${output}`);
  failed = true;
}
// Parse failures are printed, not reported: a skipped file must fail the gate.
for (const line of output.split('\n').filter((l) => /error parsing/i.test(l))) {
  console.error(`not scanned: ${line.trim()}`);
  failed = true;
}

// SARIF (JSON) rather than CSV: findings quote code samples that CSV mangles.
let rows = [];
try {
  rows = JSON.parse(readFileSync(sarif, 'utf8')).runs.flatMap((r) => r.results ?? []);
} catch {
  console.error('electronegativity wrote no report');
  failed = true;
}
const unexplained = [];
for (const row of rows) {
  const check = row.ruleId;
  const severity = row.level;
  const where = row.locations?.[0]?.physicalLocation;
  const file = where?.artifactLocation?.uri ?? 'N/A';
  const location = `${where?.region?.startLine ?? 0}:${where?.region?.startColumn ?? 0}`;
  const rel = relative(root, file);
  const explained = allow.find((a) => a.check === check && a.file === rel);
  if (explained) console.log(`allowed  ${check} ${rel}:${location} — ${explained.reason}`);
  else unexplained.push(`${check} (${severity}) ${rel}:${location}`);
}
rmSync(out, { recursive: true, force: true });
for (const u of unexplained) console.error(`FINDING  ${u}`);
if (unexplained.length > 0 || failed) {
  console.error(`electronegativity: ${unexplained.length} unexplained finding(s)`);
  process.exit(1);
}
console.log(`electronegativity: ${rows.length} finding(s), all explained in the allow-list`);
