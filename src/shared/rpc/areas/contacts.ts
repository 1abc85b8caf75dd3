import { z } from 'zod';
import { CONTACT_TOPICS, CONTACT_TYPES } from '../../domain/lists';
import { OFFICE_STAFF } from '../../roles';
import { defineMethod } from '../define';
import { optionalText } from '../fields';

/** A short contact (walk-in, phone, home visit, e-mail); they feed the reach statistics. */
export const contactFieldsSchema = z.object({
  type: z.enum(CONTACT_TYPES),
  occurredAt: z.string().datetime({ offset: true }).optional(),
  durationMin: z.number().int().min(1, { message: 'validation:duration' }).max(600, { message: 'validation:duration' }).optional(),
  topics: z.array(z.enum(CONTACT_TOPICS)).max(10),
  fieldOfAction: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  note: optionalText(500),
});

export const contactSchema = z.object({
  id: z.string(),
  type: z.enum(CONTACT_TYPES),
  occurredAt: z.string(),
  durationMin: z.number().nullable(),
  topics: z.array(z.string()),
  fieldOfAction: z.number(),
  note: z.string().nullable(),
  staffName: z.string().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactMethods = {
  'contacts.log': defineMethod({
    input: contactFieldsSchema.extend({ familyId: z.string() }).strict(),
    output: contactSchema,
    roles: OFFICE_STAFF,
    writes: true,
  }),
};
