#!/usr/bin/env node
// Builds the database module for Electron's ABI into native/<target>/ and
// leaves node_modules (the Node build, used by the tests) untouched, so tests
// and app never fight over one binary. The core picks the Electron build
// through better-sqlite3's `nativeBinding` option (src/main/paths.ts).
//
//   --ensure  build only when missing (used by `npm start` and `npm run dist`)
//   --force   always rebuild
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const moduleName = 'better-sqlite3-multiple-ciphers';
const force = process.argv.includes('--force');

const electronVersion = require(join(root, 'node_modules/electron/package.json')).version;
const { getAbi } = require('node-abi');
const abi = getAbi(electronVersion, 'electron');
const target = `electron-v${abi}-${process.platform}-${process.arch}`;
const dest = join(root, 'native', target, 'better_sqlite3.node');

if (existsSync(dest) && !force) {
  console.log(`native module for Electron ${electronVersion} present: native/${target}`);
  process.exit(0);
}

console.log(`building ${moduleName} for Electron ${electronVersion} (ABI ${abi}) …`);
// A throw-away project holding only a copy of the module, so the rebuild
// cannot touch the Node build in node_modules.
const work = mkdtempSync(join(tmpdir(), 'm3-native-'));
try {
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'm3-native', version: '0.0.0', dependencies: { [moduleName]: '*' } }));
  cpSync(join(root, 'node_modules', moduleName), join(work, 'node_modules', moduleName), {
    recursive: true,
    filter: (src) => !src.includes(`${moduleName}/build`),
  });
  const { rebuild } = require('@electron/rebuild');
  await rebuild({ buildPath: work, electronVersion, arch: process.arch, force: true, onlyModules: [moduleName] });
  mkdirSync(join(root, 'native', target), { recursive: true });
  cpSync(join(work, 'node_modules', moduleName, 'build/Release/better_sqlite3.node'), dest);
  console.log(`done: native/${target}/better_sqlite3.node`);
} catch (error) {
  console.error(`could not build the Electron native module: ${error instanceof Error ? error.message : error}`);
  console.error('This needs network access to Electron headers (or prebuilt binaries) and a C++ toolchain. See README, "Native database module".');
  process.exit(1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
