import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { DomainError } from '../../../shared/errors';

/** A name people can read and sort: office, period, when. */
export function packageFileName(office: string, from: string, to: string, at: Date): string {
  const slug = office.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'office';
  const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `m3-${slug}-${from}_${to}-${stamp}.m3pkg`;
}

/**
 * Writes the package where the user chose, or under the data folder's
 * exports/: first beside the target, then renamed over it, so a full disk
 * never leaves half a package under the real name.
 */
export function writePackage(bytes: Uint8Array, target: string | undefined, dataDir: string, fileName: string): string {
  if (target !== undefined && (!isAbsolute(target) || (existsSync(target) && statSync(target).isDirectory()))) {
    throw new DomainError('VALIDATION', 'errors:export_path_invalid');
  }
  const path = target ?? join(dataDir, 'exports', fileName);
  if (target === undefined) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  else if (!existsSync(dirname(path))) throw new DomainError('VALIDATION', 'errors:export_path_invalid');
  const partial = `${path}.${randomUUID().slice(0, 8)}.partial`;
  try {
    writeFileSync(partial, bytes, { mode: 0o600 });
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    const code = (error as { code?: string }).code;
    if (code === 'ENOSPC') throw new DomainError('STORAGE_FULL');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new DomainError('VALIDATION', 'errors:export_path_not_writable');
    throw error;
  }
  return path;
}

/** Sends the package to the central project's HTTPS endpoint; the file stays either way. */
export async function sendPackage(bytes: Uint8Array, endpoint: string, fileName: string): Promise<void> {
  if (!endpoint.startsWith('https://')) throw new DomainError('VALIDATION', 'errors:export_endpoint_https');
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-m3-file-name': fileName },
      body: new Blob([Buffer.from(bytes)]),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new DomainError('CONFLICT', 'errors:export_send_failed');
  }
  if (!response.ok) throw new DomainError('CONFLICT', 'errors:export_send_failed');
}
