import { z } from 'zod';
import { CONSENT_PURPOSES, DOCUMENT_LANGUAGES } from '../../domain/lists';
import { OFFICE_STAFF } from '../../roles';
import { defineMethod } from '../define';
import { text } from '../fields';

/** A consent as recorded: purpose, given or refused, and the form it was given on. */
export const consentInputSchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES),
  given: z.boolean(),
  date: z.string().date(),
  formVersion: text(40).min(1, { message: 'validation:required' }),
  formLanguage: z.enum(DOCUMENT_LANGUAGES),
});
export type ConsentInput = z.input<typeof consentInputSchema>;

export const consentSchema = z.object({
  id: z.string(),
  purpose: z.enum(CONSENT_PURPOSES),
  given: z.boolean(),
  date: z.string(),
  formVersion: z.string(),
  formLanguage: z.string(),
  recordedBy: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
});
export type Consent = z.infer<typeof consentSchema>;

export const consentMethods = {
  'consents.record': defineMethod({
    input: consentInputSchema.extend({ familyId: z.string() }).strict(),
    output: consentSchema,
    roles: OFFICE_STAFF,
    writes: true,
  }),
  'consents.withdraw': defineMethod({
    input: z.object({ id: z.string(), date: z.string().date() }).strict(),
    output: consentSchema,
    roles: OFFICE_STAFF,
    writes: true,
  }),
};
