import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder; `remove` deletes it with everything in it. */
export function makeTempDir(label: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `m3-bench-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Runs `work` in a fresh temporary folder and deletes the folder afterwards, whatever happens. */
export async function withTempDir<T>(label: string, work: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = makeTempDir(label);
  try {
    return await work(dir.path);
  } finally {
    dir.remove();
  }
}
