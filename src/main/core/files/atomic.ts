import { open } from 'node:fs/promises';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file so that a crash or a full disk leaves either the old or the
 * new content, never a torn file: temp file, fsync, rename, fsync the folder.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // nothing to clean up
    }
    throw error;
  }
  closeSync(fd);
  renameAndSync(temp, file);
}

/**
 * Renames and flushes the folder, so that after a power cut a later rename
 * (the key file after the database it belongs to) is never on disk without
 * this one.
 */
export function renameAndSync(from: string, to: string): void {
  renameSync(from, to);
  try {
    const dirFd = openSync(dirname(to), 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Some platforms (Windows) cannot fsync a folder; rename is still atomic there.
  }
}

/** fsyncFile without blocking the core's thread meanwhile (a backup of 200 MB). */
export async function fsyncFileAsync(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a file that was written by other means (e.g. copyFileSync) to disk. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates a folder (and its parents) readable by this user only. A folder
 * that exists already (e.g. a backup folder chosen on a share) keeps its
 * rights: the files the app writes into it are 0600 themselves.
 */
export function ensurePrivateDir(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
}
