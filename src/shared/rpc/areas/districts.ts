import { z } from 'zod';
import { COORDINATOR_ONLY, OFFICE_STAFF } from '../../roles';
import { defineMethod } from '../define';
import { text } from '../fields';

export const districtSchema = z.object({ id: z.string(), name: z.string(), active: z.boolean() });

/** The coordinator-editable list of Stadtteile. */
export const districtMethods = {
  'districts.list': defineMethod({
    input: z.object({ includeInactive: z.boolean().optional() }).strict().optional(),
    output: z.object({ items: z.array(districtSchema) }),
    roles: OFFICE_STAFF,
    writes: false,
  }),
  'districts.save': defineMethod({
    input: z.object({ id: z.string().optional(), name: text(80).min(1, { message: 'validation:required' }), active: z.boolean() }).strict(),
    output: districtSchema,
    roles: COORDINATOR_ONLY,
    writes: true,
  }),
};
