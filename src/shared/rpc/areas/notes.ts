import { z } from 'zod';
import { CONTACT_TOPICS, NOTE_KINDS, PARTICIPANT_KINDS } from '../../domain/lists';
import { noteDocSchema, noteText, type NoteDoc } from '../../domain/note-doc';
import { CASEWORK, COORDINATOR_ONLY } from '../../roles';
import { defineMethod } from '../define';
import { fieldOfActionSchema, optionalText, text } from '../fields';


/** A day, not in the future (a note documents what happened). */
const pastDay = z
  .string()
  .date('validation:date')
  .refine((d) => d <= new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10), { message: 'validation:date_future' });

export const participantSchema = z
  .object({
    kind: z.enum(PARTICIPANT_KINDS),
    /** A family member who took part. */
    memberId: z.string().optional(),
    /** The interpreter's, Lotse's or service's name. */
    name: optionalText(120),
  })
  .strict();
export type Participant = z.infer<typeof participantSchema>;

/** The body: the editor's document, with words in it. */
const bodySchema = noteDocSchema.refine((doc: NoteDoc) => noteText(doc).trim().length > 0, { message: 'validation:note_empty' });

export const noteFieldsSchema = z.object({
  occurredOn: pastDay,
  kind: z.enum(NOTE_KINDS),
  fieldOfAction: fieldOfActionSchema,
  topics: z.array(z.enum(CONTACT_TOPICS)).max(10),
  participants: z.array(participantSchema).max(20),
  confidential: z.boolean(),
  body: bodySchema,
});
export type NoteFields = z.input<typeof noteFieldsSchema>;

/** Break-glass and deletion need a reason someone else can understand later. */
const reasonSchema = text(500).min(10, { message: 'validation:reason_too_short' });

export const noteSchema = z.object({
  id: z.string(),
  familyId: z.string(),
  occurredOn: z.string(),
  kind: z.enum(NOTE_KINDS),
  fieldOfAction: z.number(),
  topics: z.array(z.string()),
  participants: z.array(participantSchema),
  confidential: z.boolean(),
  body: z.unknown(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Note = z.infer<typeof noteSchema>;

/** A note in a list: a confidential note of someone else shows who and when, never an excerpt. */
export const noteSummarySchema = z.object({
  id: z.string(),
  occurredOn: z.string(),
  /** Null (and no topics) where the reader may not read the note. */
  kind: z.enum(NOTE_KINDS).nullable(),
  fieldOfAction: z.number().nullable(),
  topics: z.array(z.string()),
  confidential: z.boolean(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  /** The first words; null where the reader may not read the note. */
  excerpt: z.string().nullable(),
  /** Deleted by a coordinator: the fact stays, the content is gone. */
  deleted: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type NoteSummary = z.infer<typeof noteSummarySchema>;

export const noteVersionSchema = z.object({
  version: z.number(),
  editedAt: z.string(),
  editedByName: z.string().nullable(),
  occurredOn: z.string(),
  kind: z.enum(NOTE_KINDS),
  fieldOfAction: z.number(),
  topics: z.array(z.string()),
  confidential: z.boolean(),
  body: z.unknown(),
});
export type NoteVersion = z.infer<typeof noteVersionSchema>;

export const noteHitSchema = z.object({
  noteId: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  familyCode: z.string(),
  occurredOn: z.string(),
  authorName: z.string().nullable(),
  /** The note's words around the match. */
  words: z.string(),
});
export type NoteHit = z.infer<typeof noteHitSchema>;

export const noteMethods = {
  'notes.create': defineMethod({
    input: noteFieldsSchema.extend({ familyId: z.string() }).strict(),
    output: noteSchema,
    roles: CASEWORK,
    writes: true,
  }),
  /** Changed fields with the version read; only the author edits. */
  'notes.update': defineMethod({
    input: noteFieldsSchema.partial().extend({ id: z.string(), version: z.number().int() }).strict(),
    output: noteSchema,
    roles: CASEWORK,
    writes: true,
  }),
  'notes.get': defineMethod({
    input: z.object({ id: z.string() }).strict(),
    output: noteSchema,
    roles: CASEWORK,
    writes: false,
    audit: 'read',
  }),
  'notes.list': defineMethod({
    input: z.object({ familyId: z.string() }).strict(),
    output: z.object({ items: z.array(noteSummarySchema) }),
    roles: CASEWORK,
    writes: false,
    audit: 'read',
  }),
  'notes.history': defineMethod({
    input: z.object({ id: z.string() }).strict(),
    output: z.object({ versions: z.array(noteVersionSchema) }),
    roles: CASEWORK,
    writes: false,
    audit: 'read',
  }),
  /** Opens someone else's confidential note: the reason is kept and the author is told. */
  'notes.breakGlass': defineMethod({
    input: z.object({ id: z.string(), reason: reasonSchema }).strict(),
    output: noteSchema,
    roles: CASEWORK,
    writes: true,
  }),
  'notes.search': defineMethod({
    input: z.object({ query: text(100).min(2, { message: 'validation:too_short' }) }).strict(),
    output: z.object({ items: z.array(noteHitSchema) }),
    roles: CASEWORK,
    writes: false,
    audit: 'read',
  }),
  /** Removes a note's content for good (coordinator, with a reason); that it existed stays. */
  'notes.delete': defineMethod({
    input: z.object({ id: z.string(), reason: reasonSchema }).strict(),
    output: z.object({ deleted: z.literal(true) }),
    roles: COORDINATOR_ONLY,
    writes: true,
  }),
};
