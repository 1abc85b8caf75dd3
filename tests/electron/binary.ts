import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The Electron binary, when this machine has one (it cannot be downloaded everywhere). */
export function electronBinary(): string | null {
  try {
    const path = createRequire(__filename)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    // The electron package throws when it was installed without its binary.
    return null;
  }
}
