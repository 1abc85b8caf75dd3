import { z } from 'zod';
import { DOCUMENT_LANGUAGES, EVENT_TYPES, LANGUAGES, MEMBER_ROLES, MIGRATION_BACKGROUND } from '../../domain/lists';
import { ALL_ROLES, COORDINATOR_ONLY, OFFICE_STAFF } from '../../roles';
import { defineMethod } from '../define';
import { fieldOfActionSchema, optional, optionalText, text, timeOfDay } from '../fields';
import { memberInputSchema, phoneSchema } from './families';

export const eventFieldsSchema = z
  .object({
    title: text(120).min(1, { message: 'validation:required' }),
    type: z.enum(EVENT_TYPES),
    fieldOfAction: fieldOfActionSchema,
    date: z.string().date('validation:date'),
    start: timeOfDay,
    end: timeOfDay,
    place: text(120).min(1, { message: 'validation:required' }),
    /** Who hosts it (names as the office writes them). */
    hosts: optionalText(200),
    capacity: optional(z.number().int().min(1, { message: 'validation:capacity' }).max(10_000, { message: 'validation:capacity' })),
    languages: z.array(z.enum(LANGUAGES)).max(10).optional(),
    interpreter: z.boolean().optional(),
    description: optionalText(2000),
  })
  .strict();

/** A weekly or monthly series: every occurrence from the event's date up to `until`, except the days named. */
export const repeatSchema = z
  .object({
    freq: z.enum(['weekly', 'monthly']),
    until: z.string().date('validation:date'),
    except: z.array(z.string().date('validation:date')).max(100).optional(),
  })
  .strict();

export const eventSchema = z.object({
  id: z.string(),
  seriesId: z.string().nullable(),
  title: z.string(),
  type: z.enum(EVENT_TYPES),
  fieldOfAction: z.number(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  place: z.string(),
  hosts: z.string().nullable(),
  capacity: z.number().nullable(),
  languages: z.array(z.string()),
  interpreter: z.boolean(),
  description: z.string().nullable(),
  status: z.enum(['planned', 'cancelled']),
  cancelReason: z.string().nullable(),
  version: z.number(),
});
export type Event = z.infer<typeof eventSchema>;

export const registrationSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  familyCode: z.string(),
  memberIds: z.array(z.string()),
  persons: z.number(),
  status: z.enum(['registered', 'waiting', 'cancelled']),
  createdAt: z.string(),
});
export type Registration = z.infer<typeof registrationSchema>;

export const countsSchema = z.object({
  /** Persons checked in (families' members). */
  present: z.number(),
  /** Persons registered (not waiting, not cancelled). */
  registered: z.number(),
  waiting: z.number(),
  /** Persons checked in without a registration. */
  walkIns: z.number(),
  /** Counted without a name: never part of `present`. */
  anonymous: z.object({ adults: z.number(), children: z.number(), total: z.number() }),
  /** Places left (null: no capacity set). */
  capacityLeft: z.number().nullable(),
});
export type Counts = z.infer<typeof countsSchema>;

/** An event whose counter can run on this PC while the office hub does not answer: what its kept list says, and when it was taken. */
export const offlineEventSchema = z.object({
  eventId: z.string(),
  title: z.string(),
  /** Absent in lists kept by an older version. */
  date: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  place: z.string().nullable(),
  status: z.string(),
  takenAt: z.string(),
  counts: countsSchema,
});
export type OfflineEvent = z.infer<typeof offlineEventSchema>;

const personSchema = z.object({ personId: z.string(), firstName: z.string(), lastName: z.string() });

const checkInResultSchema = z.object({
  familyId: z.string(),
  familyName: z.string(),
  checkedIn: z.array(personSchema),
  already: z.array(personSchema),
  /** Whether photos are allowed: the counter says so with the confirmation. */
  photoConsent: z.boolean(),
  counts: countsSchema,
});

/** A family as the counter shows it: what check-in needs and nothing more (no address, phone, notes). */
export const counterHitSchema = z.object({
  familyId: z.string(),
  familyName: z.string(),
  code: z.string(),
  /** Registered for this event (listed first). */
  registered: z.boolean(),
  /** Whether photos at events are allowed: the host must know. */
  photoConsent: z.boolean(),
  members: z.array(
    z.object({
      personId: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      birthYear: z.number(),
      role: z.enum(MEMBER_ROLES),
      /** Named in the family's registration (all members when it names none). */
      registered: z.boolean(),
      checkedIn: z.boolean(),
    }),
  ),
});
export type CounterHit = z.infer<typeof counterHitSchema>;

/** A new family at the counter: the fewest fields that identify it; the full intake can follow later. */
export const walkInSchema = z
  .object({
    eventId: z.string(),
    displayName: text(120).min(1, { message: 'validation:required' }),
    phone: phoneSchema,
    members: z.array(memberInputSchema.pick({ firstName: true, lastName: true, birthYear: true, role: true })).min(1, { message: 'validation:members_required' }).max(20),
    migrationBackground: z.enum(MIGRATION_BACKGROUND),
    /** The signed storage consent is at hand: nothing is stored without it. */
    storageConsent: z.literal(true, { message: 'validation:storage_consent_required' }),
    photoConsent: z.boolean(),
    formLanguage: z.enum(DOCUMENT_LANGUAGES),
  })
  .strict();
export type WalkInInput = z.input<typeof walkInSchema>;

export const attendeeSchema = z.object({
  personId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  familyName: z.string(),
  familyCode: z.string(),
  photoConsent: z.boolean(),
  walkIn: z.boolean(),
  at: z.string(),
  checkedOutAt: z.string().nullable(),
});
export type Attendee = z.infer<typeof attendeeSchema>;

export const eventMethods = {
  /** Creates an event, or updates one (`id` with the `version` read). */
  'events.save': defineMethod({
    input: eventFieldsSchema
      .extend({
        id: z.string().optional(),
        version: z.number().int().optional(),
        /** A new event repeated weekly or monthly (creates one event per date, at most 104). */
        repeat: repeatSchema.optional(),
        /** Editing an event of a series: this one only (default) or this and all following (not their dates). */
        scope: z.enum(['one', 'following']).optional(),
      })
      .refine((e) => e.end > e.start, { path: ['end'], message: 'validation:end_before_start' })
      .refine((e) => !e.repeat || e.repeat.until > e.date, { path: ['repeat', 'until'], message: 'validation:until_after_date' })
      .refine((e) => !(e.repeat && e.id), { path: ['repeat'], message: 'validation:repeat_new_only' }),
    output: eventSchema.extend({ occurrences: z.number() }),
    roles: OFFICE_STAFF,
    writes: true,
  }),
  /** Cancels an event with a reason; answers the registered families, to call them. */
  'events.cancel': defineMethod({
    input: z.object({ id: z.string(), reason: text(500).min(3, { message: 'validation:reason_too_short' }) }).strict(),
    output: z.object({ event: eventSchema, families: z.array(z.object({ familyId: z.string(), familyName: z.string(), phone: z.string().nullable() })) }),
    roles: OFFICE_STAFF,
    writes: true,
  }),
  /** A new single event like this one, on another day (no registrations carried over). */
  'events.copy': defineMethod({
    input: z.object({ id: z.string(), date: z.string().date('validation:date') }).strict(),
    output: eventSchema,
    roles: OFFICE_STAFF,
    writes: true,
  }),
  'events.list': defineMethod({
    input: z.object({ from: z.string().date().optional(), to: z.string().date().optional() }).strict().optional(),
    output: z.object({ items: z.array(eventSchema.extend({ registered: z.number(), present: z.number() })) }),
    roles: ALL_ROLES,
    writes: false,
  }),
  'events.get': defineMethod({
    input: z.object({ id: z.string() }).strict(),
    output: eventSchema.extend({ registrations: z.array(registrationSchema), counts: countsSchema }),
    roles: ALL_ROLES,
    writes: false,
  }),
  /** Registers a family (or some of its members); beyond the capacity onto the waiting list. */
  'registrations.add': defineMethod({
    input: z.object({ eventId: z.string(), familyId: z.string(), memberIds: z.array(z.string()).max(20).optional() }).strict(),
    output: registrationSchema,
    roles: OFFICE_STAFF,
    writes: true,
  }),
  /** Cancels a registration; the first on the waiting list who fits moves up (answered, audited). */
  'registrations.cancel': defineMethod({
    input: z.object({ id: z.string() }).strict(),
    /** `movedUp`: the first who moved up (or null); `movedUpAll`: everyone who did. */
    output: z.object({ cancelled: registrationSchema, movedUp: registrationSchema.nullable(), movedUpAll: z.array(registrationSchema) }),
    roles: OFFICE_STAFF,
    writes: true,
  }),
  /** Checks in a family by its code (as a scanner types it) or persons by id; nobody twice. */
  'checkin.checkIn': defineMethod({
    input: z
      .object({ eventId: z.string(), code: z.string().trim().min(1).max(20).optional(), personIds: z.array(z.string()).min(1).max(30).optional() })
      .strict()
      .refine((c) => (c.code === undefined) !== (c.personIds === undefined), { message: 'validation:code_or_persons' }),
    output: checkInResultSchema,
    roles: ALL_ROLES,
    writes: true,
  }),
  /** The counter's search as one types: the event's registered families first, then the front desk's search. */
  'checkin.search': defineMethod({
    input: z.object({ eventId: z.string(), query: z.string().max(100), limit: z.number().int().min(1).max(20).optional() }).strict(),
    output: z.object({ items: z.array(counterHitSchema) }),
    roles: ALL_ROLES,
    writes: false,
    audit: 'read',
  }),
  /** A family new to the office registered at the counter with the minimal fields, and checked in. */
  'checkin.walkIn': defineMethod({
    input: walkInSchema,
    output: checkInResultSchema.extend({ code: z.string() }),
    roles: ALL_ROLES,
    writes: true,
  }),
  /** Notes when persons left (courses and trainings that count hours). */
  'checkin.checkOut': defineMethod({
    input: z.object({ eventId: z.string(), personIds: z.array(z.string()).min(1).max(30) }).strict(),
    output: z.object({ checkedOut: z.number(), counts: countsSchema }),
    roles: ALL_ROLES,
    writes: true,
  }),
  /** Takes back the newest check-in (or anonymous count) of the event. */
  'checkin.undo': defineMethod({
    input: z.object({ eventId: z.string() }).strict(),
    output: z.object({ undone: z.number(), counts: countsSchema }),
    roles: ALL_ROLES,
    writes: true,
  }),
  /** Walk-ins counted without a name; migration background only if the person wants to say. */
  'checkin.anonymous': defineMethod({
    input: z
      .object({
        eventId: z.string(),
        adults: z.number().int().min(0).max(100),
        children: z.number().int().min(0).max(100),
        migrationBackground: z.enum(MIGRATION_BACKGROUND).optional(),
      })
      .strict()
      .refine((a) => a.adults + a.children > 0, { message: 'validation:anonymous_empty' }),
    output: countsSchema,
    roles: ALL_ROLES,
    writes: true,
  }),
  'checkin.counts': defineMethod({
    input: z.object({ eventId: z.string() }).strict(),
    output: countsSchema,
    roles: ALL_ROLES,
    writes: false,
  }),
  /**
   * On a PC of the office hub: the events whose counter this PC can run
   * while the hub does not answer (a list of each was kept here), newest
   * first; answered from this PC's files, with or without the hub.
   */
  'checkin.offlineEvents': defineMethod({
    input: z.object({}).strict(),
    output: z.object({ items: z.array(offlineEventSchema) }),
    roles: ALL_ROLES,
    writes: false,
  }),
};

export const attendanceMethods = {
  /** Who came (the attendance list, Teilnehmerliste): names, photo consent, times; anonymous walk-ins as counts. */
  'attendance.list': defineMethod({
    input: z.object({ eventId: z.string() }).strict(),
    output: z.object({ event: eventSchema, attendees: z.array(attendeeSchema), counts: countsSchema }),
    roles: ALL_ROLES,
    writes: false,
  }),
  /** The attendance as a CSV or XLSX file (coordinators; every export is in the audit log). */
  'attendance.export': defineMethod({
    input: z.object({ eventId: z.string(), format: z.enum(['csv', 'xlsx']), language: z.enum(['de', 'en']) }).strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
    roles: COORDINATOR_ONLY,
    writes: false,
    audit: 'read',
  }),
};
