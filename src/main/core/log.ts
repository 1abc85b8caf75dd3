import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Structured log without personal data: callers pass event names, method
 * names, error codes and error class names — never inputs, messages or SQL.
 */
export interface Logger {
  info(event: string, fields?: Record<string, string | number | boolean>): void;
  error(event: string, fields?: Record<string, string | number | boolean>): void;
}

export function createFileLogger(dir: string): Logger {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'core.log');
  const write = (level: string, event: string, fields?: Record<string, string | number | boolean>) => {
    try {
      appendFileSync(file, `${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
    } catch {
      // A full disk must not take the core down with it; the log is best effort.
    }
  };
  return { info: (e, f) => write('info', e, f), error: (e, f) => write('error', e, f) };
}

export const silentLogger: Logger = { info: () => {}, error: () => {} };

/** Code locations of an error without its message (which may hold personal data). */
export function stackFrames(error: unknown): string {
  if (!(error instanceof Error) || !error.stack) return '';
  return error.stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 8)
    .map((line) => line.trim())
    .join(' | ');
}
