#!/usr/bin/env node
// `npm test`: every check and suite in order, then one plain total line over
// all of them ("N passed, N failed[, N skipped]"). Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const bin = (name) => join(root, 'node_modules/.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const skipReasons = [];

/**
 * Same test as tests/electron/binary.ts: is there an Electron binary to launch?
 * (Not `require('electron')`: that tries to download a missing binary.)
 */
function hasElectronBinary() {
  const dir = join(root, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist');
  return existsSync(join(distDir, readFileSync(pathFile, 'utf8').trim()));
}
if (!hasElectronBinary()) {
  totals.skipped += 1;
  skipReasons.push(
    'Electron smoke test (tests/electron/smoke.spec.ts): not run, no Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1). ' +
      'Run `npm ci` without that variable on a machine that can reach Electron downloads to run it.',
  );
}

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${label}: ${result.status === 0 ? 'ok' : `failed (exit ${result.status})`} in ${seconds}s ===`);
  return result.status === 0;
}

/** A check that is not a test runner counts as one test. */
function check(label, command, args) {
  if (run(label, command, args)) totals.passed += 1;
  else totals.failed += 1;
}

check('build', bin('electron-vite'), ['build']);
check('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
check('typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
check('typecheck (ui tests)', bin('tsc'), ['-p', 'tsconfig.uitest.json', '--noEmit']);
check('lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']);
check('layering (dependency-cruiser)', bin('depcruise'), ['src', '--config', '.dependency-cruiser.cjs']);
check('security scan (electronegativity)', process.execPath, ['scripts/electronegativity-gate.mjs']);

// vitest: unit + ui projects
const vitestJson = join(results, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitestOk = run('vitest (unit, ui)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  // A suite that failed to load has no tests but must still count.
  if (!vitestOk && report.numFailedTests === 0) totals.failed += Math.max(1, report.numFailedTestSuites);
} else {
  totals.failed += 1;
}

// Playwright: e2e over the bridge, and the Electron smoke test where a binary exists
const pwJson = join(results, 'playwright.json');
rmSync(pwJson, { force: true });
const pwOk = run('playwright (e2e; electron where a binary exists)', bin('playwright'), ['test']);
if (existsSync(pwJson)) {
  const report = JSON.parse(readFileSync(pwJson, 'utf8'));
  const { expected = 0, unexpected = 0, skipped = 0, flaky = 0 } = report.stats ?? {};
  totals.passed += expected + flaky;
  totals.failed += unexpected;
  totals.skipped += skipped;
  if (!pwOk && unexpected === 0) totals.failed += 1 + (report.errors?.length ?? 0);
} else {
  totals.failed += 1;
}

console.log('');
for (const reason of skipReasons) console.log(`skipped: ${reason}`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
