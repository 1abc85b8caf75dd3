import { z } from 'zod';

/** Trimmed text with a length limit and a translatable refusal. */
export const text = (max: number) => z.string().trim().max(max, { message: 'validation:too_long' });
/** Empty means "not given": '' and null both become undefined, so forms and stored records round-trip. */
const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
export const optionalText = (max: number) => optional(text(max));
