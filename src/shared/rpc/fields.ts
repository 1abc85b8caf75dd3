import { z } from 'zod';
import { FIELDS_OF_ACTION } from '../domain/lists';

/** Trimmed text with a length limit and a translatable refusal. */
export const text = (max: number) => z.string().trim().max(max, { message: 'validation:too_long' });
/** Empty means "not given": '' and null both become undefined, so forms and stored records round-trip. */
const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
export const optionalText = (max: number) => optional(text(max));

/** A time of day as HH:MM (24 h). */
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'validation:time' });

/** One of the three Handlungsfelder (1–3). */
export const fieldOfActionSchema = z.union(FIELDS_OF_ACTION.map((n) => z.literal(n)) as unknown as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>], {
  message: 'validation:required',
});
