import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh data folder per test, removed afterwards (with the anchor file a core keeps beside its data folder). */
export function tempDir(prefix = 'm3-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    remove: () => {
      rmSync(path, { recursive: true, force: true });
      rmSync(`${path}.anchor`, { force: true });
    },
  };
}
