import type { z } from 'zod';
import type { FieldIssue } from './errors';

/** A custom message that is already a translation key (namespace:key). */
const KEY_PATTERN = /^[a-z]+:[a-z0-9_.]+$/i;

/**
 * Turns zod issues into translatable field issues. Used by the core's
 * dispatcher and by the renderer's forms, so a refusal reads the same in both.
 */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue): FieldIssue => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (KEY_PATTERN.test(issue.message)) return { path, message: issue.message };
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === null
          ? { path, message: 'validation:required' }
          : { path, message: 'validation:invalid_type' };
      case 'too_small':
        if (issue.origin === 'string') {
          return Number(issue.minimum) <= 1
            ? { path, message: 'validation:required' }
            : { path, message: 'validation:too_short', params: { min: Number(issue.minimum) } };
        }
        return { path, message: 'validation:too_small', params: { min: Number(issue.minimum) } };
      case 'too_big':
        return issue.origin === 'string'
          ? { path, message: 'validation:too_long', params: { max: Number(issue.maximum) } }
          : { path, message: 'validation:too_big', params: { max: Number(issue.maximum) } };
      case 'invalid_format':
        return { path, message: 'validation:invalid_format', params: { format: String(issue.format) } };
      case 'invalid_value':
        return { path, message: 'validation:invalid_option' };
      case 'unrecognized_keys':
        return { path, message: 'validation:unknown_field', params: { keys: issue.keys.join(', ') } };
      default:
        return { path, message: 'validation:invalid' };
    }
  });
}
