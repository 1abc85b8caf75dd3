/**
 * How hard a password is to guess, by zxcvbn-ts with its common-password list
 * and the German and English dictionaries (words, names, Wikipedia): a
 * password must need about 10^10 guesses — years of scrypt work per guess on
 * a workstation — and coordinators need 12 characters at least. The refusal
 * names why in the user's language (locales/<lng>/passwords.json).
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as de from '@zxcvbn-ts/language-de';
import * as en from '@zxcvbn-ts/language-en';
import type { FieldIssue } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';

export const MIN_GUESSES_LOG10 = 10;
export const COORDINATOR_MIN_LENGTH = 12;
/** zxcvbn's warnings, each with a text of ours in locales/<lng>/passwords.json. */
export const PASSWORD_WARNINGS = [
  'straightRow', 'keyPattern', 'simpleRepeat', 'extendedRepeat', 'sequences', 'recentYears', 'dates', 'topTen', 'topHundred',
  'common', 'similarToCommon', 'wordByItself', 'namesByThemselves', 'commonNames', 'userInputs', 'pwned',
] as const;

let factory: ZxcvbnFactory | null = null;
/** Built on first use (about 0.2 s): the dictionaries are large. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...de.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return factory;
}

export interface PasswordContext {
  role: Role;
  /** Words the person or office is known by (username, name, office): a password made of them is weak. */
  userInputs: string[];
}

/** The refusal for a weak password at `path`, or null when it is strong enough. */
export function passwordWeakness(password: string, context: PasswordContext, path: string): FieldIssue | null {
  if (context.role === 'coordinator' && [...password].length < COORDINATOR_MIN_LENGTH) {
    return { path: [path], message: 'validation:password_too_short', params: { min: COORDINATOR_MIN_LENGTH } };
  }
  const result = estimator().check(password, context.userInputs.filter(Boolean));
  if (result.score >= 3 && result.guessesLog10 >= MIN_GUESSES_LOG10) return null;
  const warning = result.feedback.warning;
  const known = (PASSWORD_WARNINGS as readonly string[]).includes(warning ?? '') ? warning! : 'generic';
  return { path: [path], message: `passwords:weak.${known}` };
}
