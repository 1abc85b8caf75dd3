import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The Electron binary, when this machine has one (it cannot be downloaded
 * everywhere). Looked up the way the electron package does, but without
 * `require('electron')`, which tries to download a missing binary.
 */
export function electronBinary(): string | null {
  let dir: string;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(dir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist');
  const binary = name ? join(distDir, name) : '';
  return binary && existsSync(binary) ? binary : null;
}
