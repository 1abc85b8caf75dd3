import { chmodSync } from 'node:fs';
import { copyEncrypted, openDatabase, rekeyFile } from './open';

export type FileJob =
  | { id: number; kind: 'check'; file: string; key: Uint8Array }
  | { id: number; kind: 'copy'; file: string; key: Uint8Array; target: string; copyKey: Uint8Array };
export type FileJobResult = { id: number; ok: true; intact?: boolean } | { id: number; ok: false; name: string; code?: string };

/** What SQLite or our opener says about a file whose pages are broken. */
function isDamage(error: unknown): boolean {
  const e = error as { code?: unknown; kind?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || e?.kind === 'damaged';
}

/**
 * One long read of the database file on a connection of its own: the page
 * check (damage is an answer, not an error) or an encrypted copy under a key
 * of its own. Runs in the worker thread, or inline where there is none. Every
 * copy of a key is zeroed before it returns; only codes cross back.
 */
export function runFileJob(job: FileJob, nativeBinding?: string): FileJobResult {
  const key = Buffer.from(job.key);
  const copyKey = job.kind === 'copy' ? Buffer.from(job.copyKey) : null;
  try {
    const db = openDatabase(job.file, { key, readonly: true, mustExist: true, nativeBinding, cacheKiB: 8192 });
    try {
      if (job.kind === 'check') return { id: job.id, ok: true, intact: db.pragma('quick_check', { simple: true }) === 'ok' };
      copyEncrypted(db, job.target);
    } finally {
      db.close();
    }
    chmodSync(job.target, 0o600);
    rekeyFile(job.target, key, copyKey!, nativeBinding);
    return { id: job.id, ok: true };
  } catch (error) {
    if (job.kind === 'check' && isDamage(error)) return { id: job.id, ok: true, intact: false };
    const e = error as { name?: string; code?: string; kind?: string };
    return { id: job.id, ok: false, name: e.name ?? 'Error', code: e.code ?? e.kind };
  } finally {
    key.fill(0);
    copyKey?.fill(0);
    job.key.fill(0);
    if (job.kind === 'copy') job.copyKey.fill(0);
  }
}
