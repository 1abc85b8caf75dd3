import { closeSync, openSync, readSync } from 'node:fs';

/** Whether a file starts with SQLite's plain header: an encrypted database never does. */
export function isPlainSqlite(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.toString('latin1').startsWith('SQLite format 3');
  } finally {
    closeSync(fd);
  }
}
