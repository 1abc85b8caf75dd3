import { randomUUID } from 'node:crypto';
import { constants, copyFileSync, existsSync, linkSync, mkdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DomainError } from '../../../shared/errors';

/** A name people can read and sort: office, period, when, and the package's own id (two in one second differ). */
export function packageFileName(office: string, from: string, to: string, at: Date, packageId: string): string {
  const slug = office.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'office';
  const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `m3-${slug}-${from}_${to}-${stamp}-${packageId.slice(0, 8)}.m3pkg`;
}

/** Windows and macOS compare paths without regard to case. */
const fold = (path: string) => (process.platform === 'win32' || process.platform === 'darwin' ? path.toLowerCase() : path);

const inside = (folder: string, path: string) => {
  const rel = relative(fold(folder), fold(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

/**
 * Where a chosen path may go: a new file (never over an existing one) in an
 * existing folder, and never into the data folder or the backups — a
 * mistyped or malicious path must not replace the database, the keys or a
 * backup.
 */
function checkTarget(target: string, protect: { dataDir: string; backupDir: string | null }): string {
  if (!isAbsolute(target)) throw new DomainError('VALIDATION', 'errors:export_path_invalid');
  const folder = dirname(resolve(target));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new DomainError('VALIDATION', 'errors:export_path_invalid');
  // Links and short names resolved: a link to the data folder is the data folder.
  const real = join(realpathSync.native(folder), basename(resolve(target)));
  for (const protectedDir of [protect.dataDir, protect.backupDir]) {
    if (protectedDir && existsSync(protectedDir) && inside(realpathSync.native(protectedDir), real)) throw new DomainError('VALIDATION', 'errors:export_path_in_data_folder');
  }
  if (existsSync(real)) throw new DomainError('CONFLICT', 'errors:export_path_exists');
  return real;
}

/**
 * Writes the package where the user chose, or under the data folder's
 * exports/: first beside the target, then linked to its name (which fails
 * rather than replace a file that appeared meanwhile), so a full disk never
 * leaves half a package under the real name.
 */
export function packagePath(target: string | undefined, protect: { dataDir: string; backupDir: string | null }, fileName: string): string {
  if (target !== undefined) return checkTarget(target, protect);
  const path = join(protect.dataDir, 'exports', fileName);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return path;
}

export function writePackage(bytes: Uint8Array, path: string): string {
  const partial = `${path}.${randomUUID().slice(0, 8)}.partial`;
  try {
    writeFileSync(partial, bytes, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(partial, path);
    } catch (error) {
      // File systems without hard links (a FAT-formatted USB stick says EISDIR on Windows, a share EACCES):
      // a copy that still never replaces a file.
      if (['EEXIST', 'ENOSPC'].includes((error as { code?: string }).code ?? '')) throw error;
      copyFileSync(partial, path, constants.COPYFILE_EXCL);
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST') throw new DomainError('CONFLICT', 'errors:export_path_exists');
    if (code === 'ENOSPC') throw new DomainError('STORAGE_FULL');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new DomainError('VALIDATION', 'errors:export_path_not_writable');
    throw error;
  } finally {
    rmSync(partial, { force: true });
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
      // A redirect could lead to plain http: refused, not followed.
      redirect: 'error',
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new DomainError('CONFLICT', 'errors:export_send_failed');
  }
  if (!response.ok) throw new DomainError('CONFLICT', 'errors:export_send_failed');
}
