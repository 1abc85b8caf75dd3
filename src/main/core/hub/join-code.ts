/**
 * The join code a coordinator hands to the office's other PCs: the hub's
 * address and port, its database, the office CA's fingerprint and an
 * enrolment token. One line without spaces, so it can be pasted or typed.
 */
import { z } from 'zod';

const PREFIX = 'M3HUB1-';

const codeSchema = z.object({
  h: z.string().min(1).max(255),
  p: z.number().int().min(1).max(65535),
  d: z.string().regex(/^[a-z0-9_]{1,63}$/),
  f: z.string().regex(/^[0-9a-f]{64}$/),
  t: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/),
});

export interface JoinCode {
  host: string;
  port: number;
  database: string;
  /** SHA-256 of the office CA's certificate, lower-case hex. */
  caFingerprint: string;
  token: string;
}

export function formatJoinCode(code: JoinCode): string {
  const body = { h: code.host, p: code.port, d: code.database, f: code.caFingerprint, t: code.token };
  return PREFIX + Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The code's parts, or null when it is not a join code (mistyped, cut short). */
export function parseJoinCode(text: string): JoinCode | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX)) return null;
  try {
    const parsed = codeSchema.safeParse(JSON.parse(Buffer.from(trimmed.slice(PREFIX.length), 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    const { h, p, d, f, t } = parsed.data;
    return { host: h, port: p, database: d, caFingerprint: f, token: t };
  } catch {
    return null;
  }
}
