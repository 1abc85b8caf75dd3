/**
 * Errors cross every process boundary as values, never as throws.
 * `message` is an i18n key (namespace `errors`), never text with personal data.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'FORBIDDEN',
  'LOCKED',
  'AUTH_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  /** The disk (or the hub's) is full: nothing was saved; free space, then save again. */
  'STORAGE_FULL',
  /** The data folder (or the hub) cannot be written to: nothing was saved; IT must fix the rights. */
  'STORAGE_READONLY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One refused field: its path in the input and a translatable message key. */
export interface FieldIssue {
  path: (string | number)[];
  /** i18n key in the validation namespace, e.g. validation:too_small. */
  message: string;
  params?: Record<string, string | number>;
}

export interface RpcErrorDetails {
  issues?: FieldIssue[];
  /** Seconds to wait before the next attempt (throttled logins). */
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

export interface RpcError {
  code: ErrorCode;
  /** i18n key, e.g. errors:LOCKED or a more specific one. */
  message: string;
  details?: RpcErrorDetails;
}

export type RpcResult<T> = { ok: true; data: T } | { ok: false; error: RpcError };

export function fail(code: ErrorCode, message?: string, details?: RpcErrorDetails): { ok: false; error: RpcError } {
  return { ok: false, error: { code, message: message ?? `errors:${code}`, ...(details ? { details } : {}) } };
}

/**
 * Thrown inside the core only (by handlers), turned into a value by the
 * dispatcher. Never crosses a process boundary as an exception.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string = `errors:${code}`,
    readonly details?: RpcErrorDetails,
  ) {
    super(messageKey);
    this.name = 'DomainError';
  }
}
