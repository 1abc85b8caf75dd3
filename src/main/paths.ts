import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';

/** Where the built bundles sit: next to this file in out/main. */
export const paths = {
  preload: join(__dirname, '../preload/index.js'),
  renderer: join(__dirname, '../renderer'),
  coreEntry: join(__dirname, 'core.js'),
};

/**
 * The database module built for this Electron's ABI, kept apart from the
 * Node build that the tests use (see README, "native module").
 */
export function electronNativeBinding(): string | undefined {
  const dir = `electron-v${process.versions.modules}-${process.platform}-${process.arch}`;
  const base = app.isPackaged ? join(process.resourcesPath, 'native') : join(__dirname, '../../native');
  const file = join(base, dir, 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

/** The data folder: `$M3_DATA_DIR` when set, else Electron's userData. */
export function dataDir(): string {
  return process.env.M3_DATA_DIR || join(app.getPath('userData'), 'data');
}
