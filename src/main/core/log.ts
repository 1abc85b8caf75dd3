import { appendFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from './files/atomic';

/** The log is rotated at this size; three older files are kept. */
const MAX_LOG_BYTES = 1024 * 1024;
const KEEP_OLD_LOGS = 3;

/**
 * Structured log without personal data: callers pass event names, method
 * names, error codes and error class names — never inputs, messages or SQL.
 */
export interface Logger {
  info(event: string, fields?: Record<string, string | number | boolean>): void;
  error(event: string, fields?: Record<string, string | number | boolean>): void;
}

export function createFileLogger(dir: string): Logger {
  ensurePrivateDir(dir);
  const file = join(dir, 'core.log');
  const rotate = () => {
    if (!existsSync(file) || statSync(file).size < MAX_LOG_BYTES) return;
    rmSync(`${file}.${KEEP_OLD_LOGS}`, { force: true });
    for (let i = KEEP_OLD_LOGS - 1; i >= 1; i -= 1) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    renameSync(file, `${file}.1`);
  };
  const write = (level: string, event: string, fields?: Record<string, string | number | boolean>) => {
    try {
      rotate();
      appendFileSync(file, `${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`, { mode: 0o600 });
    } catch {
      // A full disk must not take the core down with it; the log is best effort.
    }
  };
  return { info: (e, f) => write('info', e, f), error: (e, f) => write('error', e, f) };
}

export const silentLogger: Logger = { info: () => {}, error: () => {} };

/**
 * Code locations of an error without its message (which may hold personal
 * data), and with file names only: a full path could name the person's
 * profile folder (C:\\Users\\<name>\\…).
 */
export function stackFrames(error: unknown): string {
  if (!(error instanceof Error) || !error.stack) return '';
  return error.stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 8)
    .map((line) => {
      const frame = /^at (?:(.*?) \()?(.*?)\)?$/.exec(line.trim());
      if (!frame) return '';
      const file = (frame[2] ?? '').split(/[\\/]/).pop();
      return frame[1] ? `at ${frame[1]} (${file})` : `at ${file}`;
    })
    .join(' | ');
}
