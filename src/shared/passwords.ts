import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;

/**
 * Passwords people pick first. Checked case-insensitively and with digits and
 * symbols at the end removed, so "Passwort2024!" counts as "passwort".
 */
const COMMON = new Set([
  'password', 'passwort', 'passwörter', 'kennwort', 'geheim', 'geheimnis', 'hallo', 'hallohallo', 'willkommen',
  'welcome', 'qwertz', 'qwertzuiop', 'qwerty', 'qwertyuiop', 'asdfghjkl', 'yxcvbnm', 'letmein', 'iloveyou',
  'ichliebedich', 'sommer', 'winter', 'fruehling', 'frühling', 'herbst', 'sonnenschein', 'schatz', 'schatzi',
  'admin', 'administrator', 'root', 'master', 'changeme', 'default', 'test', 'testtest', 'benutzer', 'user',
  'familie', 'familienstuetzpunkt', 'familienstützpunkt', 'kaufbeuren', 'neugablonz', 'allgaeu', 'allgäu',
  'bayern', 'deutschland', 'germany', 'fussball', 'fußball', 'football', 'dragon', 'monkey', 'princess',
  'sunshine', 'superman', 'batman', 'starwars', 'pokemon', 'abc', 'abcdef', 'abcdefgh', 'abcdefghij',
  'aaaaaaaaaa', 'm3desk', 'mdesk', 'integration', 'projekt', 'start', 'login', 'secret', 'trustno',
]);

const SEQUENCES = ['0123456789', '1234567890', '9876543210', 'abcdefghijklmnopqrstuvwxyz', 'qwertzuiopasdfghjklyxcvbnm'];

/** True when a password is on the common list or is a plain sequence or repetition. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase().normalize('NFC');
  const stem = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (COMMON.has(lower) || COMMON.has(stem)) return true;
  if (/^(.)\1+$/u.test(lower)) return true;
  if (SEQUENCES.some((seq) => seq.includes(lower))) return true;
  return false;
}

/** The password policy: length, not common. "Not the username" needs both fields: see withPasswordPolicy. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: 'validation:password_too_short' })
  .max(200, { message: 'validation:too_long' })
  .refine((value) => !isCommonPassword(value), { message: 'validation:password_common' });

/** Refuses a password that equals or contains the username. */
export function passwordDiffersFromUsername(password: string, username: string): boolean {
  const u = username.trim().toLowerCase();
  return u.length === 0 || !password.toLowerCase().includes(u);
}
