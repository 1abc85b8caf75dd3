import type { z } from 'zod';
import type { FieldIssue, RpcError } from '../../../shared/errors';
import { toFieldIssues } from '../../../shared/validation';

export type FormErrors = Record<string, string>;

/** Any i18next t function; keys here come from the core or zod at run time, so they are not typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Translate = (...args: any[]) => any;

/** Translates a message key (with its parameters) for display. */
export function translateIssue(t: Translate, issue: Pick<FieldIssue, 'message' | 'params'>): string {
  return String(t(issue.message, issue.params ?? {}));
}

/** Field path as Mantine's form addresses it: `members.0.birthYear`. */
function pathKey(path: (string | number)[]): string {
  return path.map(String).join('.');
}

/**
 * A validate function for @mantine/form that uses the same zod schema as the
 * core, so a field is refused with the same translated message in both places.
 */
export function zodValidate<S extends z.ZodType>(schema: S, t: Translate) {
  return (values: unknown): FormErrors => {
    const parsed = schema.safeParse(values);
    if (parsed.success) return {};
    // Forms may carry fields of their own (a password repetition) that the core never sees.
    const issues = parsed.error.issues.filter((issue) => issue.code !== 'unrecognized_keys');
    return issuesToErrors(toFieldIssues({ ...parsed.error, issues } as z.ZodError), t);
  };
}

export function issuesToErrors(issues: FieldIssue[], t: Translate): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const key = pathKey(issue.path);
    errors[key] ??= translateIssue(t, issue);
  }
  return errors;
}

/** The text for an error answer from the core, with its parameters; a message key this UI does not know yet falls back to the code's own text. */
export function errorText(t: Translate, error: RpcError): string {
  const params: Record<string, unknown> = {};
  if (error.details?.retryAfterSeconds !== undefined) params.seconds = error.details.retryAfterSeconds;
  // A missing consent is named in the UI language.
  if (typeof error.details?.purpose === 'string') params.purpose = String(t(`lists:consent.${error.details.purpose}`));
  return String(t(error.message, { ...params, defaultValue: String(t(`errors:${error.code}`, params)) }));
}

/** Field errors of a VALIDATION answer (or a CONFLICT that names a field), for form.setErrors. */
export function fieldErrors(t: Translate, error: RpcError): FormErrors | null {
  const issues = error.details?.issues;
  return issues && issues.length > 0 ? issuesToErrors(issues, t) : null;
}

/** Adds "the repetition matches" to a validate function for forms with newPassword + repeat. */
export function withRepeat(validate: (values: unknown) => FormErrors, t: Translate, field: string) {
  return (values: Record<string, unknown>): FormErrors => {
    const errors = validate(values);
    if (values.repeat !== values[field]) errors.repeat = String(t('validation:password_mismatch'));
    return errors;
  };
}
