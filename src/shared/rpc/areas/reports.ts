import { z } from 'zod';
import { EVENT_TYPES, LANGUAGES } from '../../domain/lists';
import { CASEWORK, COORDINATOR_ONLY } from '../../roles';
import { defineMethod } from '../define';

const day = z.string().date('validation:date');

/** Which definition the migration figures follow (Destatis): Migrationshintergrund, or since 2023 Einwanderungsgeschichte. */
export const MIGRATION_DEFINITIONS = ['background', 'history'] as const;
export type MigrationDefinition = (typeof MIGRATION_DEFINITIONS)[number];

/** The BAMF's age bands (its youth projects count 12–27). */
export const AGE_BANDS = ['under_12', '12_17', '18_27', '28_64', '65_plus', 'unknown'] as const;
/** How a contact reached the family (Bavaria's Familienstützpunkt statistics count them apart from events). */
export const CONTACT_CHANNELS = ['in_person', 'phone', 'email', 'digital', 'other'] as const;

export const reportFiltersSchema = z
  .object({
    fieldOfAction: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    eventType: z.enum(EVENT_TYPES).optional(),
    districtId: z.string().optional(),
    language: z.enum(LANGUAGES).optional(),
    /** A staff member: their contacts, the events they created, the referrals they arranged. */
    staffId: z.string().optional(),
    /** Which definition the migration columns follow (default: background). */
    definition: z.enum(MIGRATION_DEFINITIONS).optional(),
  })
  .strict();
export type ReportFilters = z.infer<typeof reportFiltersSchema>;

const periodOf = (p: unknown) => p as { from: string; to: string };

/** A period's input with more fields: from ≤ to, and at most ten years (longer is a typing error, not a report). */
export function withPeriod<S extends z.ZodRawShape>(shape: S) {
  return z
    .object({ from: day, to: day, ...shape })
    .strict()
    .refine((p) => periodOf(p).to >= periodOf(p).from, { path: ['to'], message: 'validation:end_before_start' })
    .refine((p) => Number(periodOf(p).to.slice(0, 4)) - Number(periodOf(p).from.slice(0, 4)) <= 10, { path: ['to'], message: 'validation:period_too_long' });
}
export const periodSchema = withPeriod({});

/**
 * One table of a report. Rows are a list's keys (labels in locales under
 * `reports:rows.<rowKind>`), columns the measures (labels under
 * `reports:columns`). `rowsAdd`: every counted thing is in exactly one row,
 * so the rows add up to the total; `columnsAdd`: the columns split the row
 * (e.g. with / without / not stated migration background) and add up to it.
 * Only tables where both hold get secondary suppression in an export.
 */
export const reportTableSchema = z.object({
  id: z.string(),
  rowKind: z.string(),
  columns: z.array(z.string()),
  rowsAdd: z.boolean(),
  columnsAdd: z.boolean(),
  rows: z.array(z.object({ key: z.string(), values: z.array(z.number()) })),
  /** The column totals as counted (a person in two rows counts once here). */
  totals: z.array(z.number()),
});
export type ReportTable = z.infer<typeof reportTableSchema>;

export const reachReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  filters: reportFiltersSchema,
  /** The headline: distinct families and persons, and everything they took part in. */
  summary: z.object({
    families: z.number(),
    persons: z.number(),
    participations: z.number(),
    contacts: z.number(),
    attendances: z.number(),
    referrals: z.number(),
    /** Anonymous counts at events: shown apart, never merged into distinct persons. */
    anonymousAdults: z.number(),
    anonymousChildren: z.number(),
    newFamilies: z.number(),
    returningFamilies: z.number(),
    volunteerHours: z.number(),
    trainingsHeld: z.number(),
    volunteersTrained: z.number(),
  }),
  tables: z.array(reportTableSchema),
  /** Reach per month of the period (for the chart): families reached in that month, and everything they took part in. */
  months: z.array(z.object({ month: z.string(), families: z.number(), participations: z.number() })),
  /** How long the computation took, in ms (shown to nobody; the bench reads it). */
  tookMs: z.number(),
});
export type ReachReport = z.infer<typeof reachReportSchema>;

/** A figure to open: a table's row and (optionally) column, or a summary figure (table "summary", row its key). */
export const figureSchema = z.object({ table: z.string().max(40), row: z.string().max(60), column: z.string().max(40).optional() }).strict();
export type Figure = z.infer<typeof figureSchema>;

export const drillItemSchema = z.object({
  familyId: z.string(),
  code: z.string(),
  /** The family's name; null for roles that may not see names in reports. */
  familyName: z.string().nullable(),
  /** The person's name where the figure counts persons (null: the family is what counts, or names withheld). */
  personName: z.string().nullable(),
  /** How often the family or person counts in this figure (visits, contacts). */
  times: z.number(),
});
export type DrillItem = z.infer<typeof drillItemSchema>;

/** What a package for the central project holds, exactly as it would leave. */
export const exportPreviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  office: z.string(),
  threshold: z.number(),
  /** Aggregate tables after suppression: null where a value is suppressed, with the reason per cell. */
  tables: z.array(
    z.object({
      id: z.string(),
      rowKind: z.string(),
      columns: z.array(z.string()),
      rows: z.array(z.object({ key: z.string(), values: z.array(z.number().nullable()), marks: z.array(z.enum(['primary', 'secondary']).nullable()) })),
      totals: z.array(z.number().nullable()),
      totalMarks: z.array(z.enum(['primary', 'secondary']).nullable()),
    }),
  ),
  /** Pseudonymised per-family records (only families whose consent covers the transfer). */
  records: z.array(
    z.object({
      pseudonym: z.string(),
      birthYears: z.array(z.number()),
      district: z.string().nullable(),
      languages: z.array(z.string()),
      migrationBackground: z.string(),
      visits: z.number(),
      referrals: z.number(),
      participation: z.array(z.string()),
    }),
  ),
  /** Families reached in the period whose consent does not cover the transfer (counted in the aggregates only). */
  withoutConsent: z.number(),
  /** Why no records are in the package, when none can be (no project key; fewer families than the threshold). */
  recordsWithheld: z.enum(['no_pseudonym_key', 'too_few_families']).nullable(),
  suppressedCells: z.number(),
  /** What is still missing before a package can be built (no recipient configured). */
  missing: z.array(z.enum(['central_recipient'])),
  /** SHA-256 of exactly the tables and records shown: export.build with it refuses when anything changed since. */
  digest: z.string(),
});
export type ExportPreview = z.infer<typeof exportPreviewSchema>;

export const exportRecordSchema = z.object({
  id: z.string(),
  at: z.string(),
  from: z.string(),
  to: z.string(),
  byName: z.string().nullable(),
  /** Null where the office's family count was below the threshold (it left suppressed). */
  families: z.number().nullable(),
  records: z.number(),
  checksum: z.string(),
  destination: z.string(),
});
export type ExportRecord = z.infer<typeof exportRecordSchema>;

export const reportMethods = {
  /** The reach report of a period: figures, tables and the months for the chart (computed off the write queue). */
  'reports.reach': defineMethod({
    input: withPeriod({ filters: reportFiltersSchema.optional() }),
    output: reachReportSchema,
    roles: CASEWORK,
    writes: false,
    longRead: true,
  }),
  /** What one figure counts: the families (and persons) behind it (reports are for coordinators and caseworkers, DESIGN.md). */
  'reports.drill': defineMethod({
    input: withPeriod({ filters: reportFiltersSchema.optional(), figure: figureSchema }),
    output: z.object({ unit: z.enum(['families', 'persons']), items: z.array(drillItemSchema), total: z.number(), truncated: z.boolean() }),
    roles: CASEWORK,
    writes: false,
    audit: 'read',
    longRead: true,
  }),
  /** The report as a file: XLSX (a sheet per table) or CSV (UTF-8 with BOM, semicolons). */
  'reports.export': defineMethod({
    input: withPeriod({ filters: reportFiltersSchema.optional(), format: z.enum(['csv', 'xlsx']), language: z.enum(['de', 'en']) }),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
    roles: CASEWORK,
    writes: false,
    audit: 'read',
    longRead: true,
  }),
};

export const exportMethods = {
  /** Exactly what a central package for the period would hold, before anything leaves. */
  'export.preview': defineMethod({
    input: periodSchema,
    output: exportPreviewSchema,
    roles: COORDINATOR_ONLY,
    writes: false,
    audit: 'read',
    longRead: true,
  }),
  /**
   * Builds, signs and encrypts the package for the central project and writes
   * it to `path` (or under the data folder's exports/); recorded with its
   * period, counts and checksum.
   */
  'export.build': defineMethod({
    input: withPeriod({
      path: z.string().max(1000).optional(),
      download: z.boolean().optional(),
      /** The preview's digest: the package must hold exactly what was shown (else CONFLICT, preview again). */
      digest: z.string().max(100).optional(),
    }),
    /** With `download`, the package's bytes too: the app offers them to save where the user chooses. */
    output: z.object({ path: z.string(), fileName: z.string(), checksum: z.string(), bytes: z.number(), families: z.number().nullable(), records: z.number(), base64: z.string().optional() }),
    roles: COORDINATOR_ONLY,
    writes: true,
    longRead: true,
  }),
  /** The exports made so far, newest first. */
  'export.list': defineMethod({
    input: z.object({}).strict(),
    output: z.array(exportRecordSchema),
    roles: COORDINATOR_ONLY,
    writes: false,
  }),
};
