import type { Contract } from '../../../shared/rpc/contract';
import { requireDb, requireSession } from '../db/require';
import type { Db } from '../db/schema';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { type FreshPart, storeParts } from './parts';
import { reportFile } from './report-file';
import { runRead } from './run';

/** How many families or persons a drill-down lists (the figure itself says how many there are). */
const DRILL_LIMIT = 500;
/** Roles that see names when they open a figure; the others see family codes (reception works at the counter, not on statistics). */
const NAMES_FOR = new Set(['coordinator', 'caseworker']);

async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 400) out.push(...(await read(ids.slice(i, i + 400))));
  return out;
}

async function namesOf(db: Db, unit: 'families' | 'persons', ids: readonly string[]) {
  if (unit === 'persons') {
    const rows = await inChunks(ids, (chunk) =>
      db.selectFrom('members as m').innerJoin('families as f', 'f.id', 'm.family_id').select(['m.id', 'm.first_name', 'm.last_name', 'f.id as family_id', 'f.code', 'f.display_name']).where('m.id', 'in', chunk).execute(),
    );
    return new Map(rows.map((r) => [r.id, { familyId: r.family_id, code: r.code, familyName: r.display_name, personName: `${r.first_name} ${r.last_name}` }]));
  }
  const rows = await inChunks(ids, (chunk) => db.selectFrom('families').select(['id', 'code', 'display_name']).where('id', 'in', chunk).execute());
  return new Map(rows.map((r) => [r.id, { familyId: r.id, code: r.code, familyName: r.display_name, personName: null as string | null }]));
}

/** Keeps the parts a report counted anew (parts.ts). A failure costs the next report time, never this one its figures. */
async function keepParts(services: CoreServices, db: Db, fresh: readonly FreshPart[]): Promise<void> {
  try {
    await storeParts(db, fresh);
  } catch (error) {
    services.log.error('report_parts_not_stored', { error: error instanceof Error ? error.name : 'unknown' });
  }
}

/** The `reports.*` area: the reach report, what a figure counts, the report as a file. */
export function registerReportsApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('reports', {
    'reports.reach': async ({ from, to, filters }, ctx) => {
      const started = performance.now();
      const { report, fresh } = await runRead(services, 'reach', { from, to, filters: filters ?? {}, viewer: requireSession(ctx).userId });
      await keepParts(services, requireDb(ctx) as Db, fresh);
      return { ...report, tookMs: Math.round(performance.now() - started) };
    },
    'reports.drill': async ({ from, to, filters, figure }, ctx) => {
      const session = requireSession(ctx);
      const { unit, ids } = await runRead(services, 'drill', { from, to, filters: filters ?? {}, figure });
      const db = requireDb(ctx) as Db;
      const names = NAMES_FOR.has(session.role);
      const shown = ids.slice(0, DRILL_LIMIT);
      const found = await namesOf(db, unit, shown.map(([id]) => id));
      const items = shown
        .filter(([id]) => found.has(id))
        .map(([id, times]) => {
          const n = found.get(id)!;
          return { familyId: n.familyId, code: n.code, familyName: names ? n.familyName : null, personName: names ? n.personName : null, times };
        })
        .sort((a, b) => (a.familyName ?? a.code).localeCompare(b.familyName ?? b.code) || (a.personName ?? '').localeCompare(b.personName ?? ''));
      ctx.audit('report', null);
      return { unit, items, total: ids.length, truncated: ids.length > DRILL_LIMIT };
    },
    'reports.export': async ({ from, to, filters, format, language }, ctx) => {
      const { report, fresh } = await runRead(services, 'reach', { from, to, filters: filters ?? {}, viewer: requireSession(ctx).userId });
      await keepParts(services, requireDb(ctx) as Db, fresh);
      const settings = services.state.settings;
      ctx.audit('report', null);
      return reportFile(format, language, { ...report, tookMs: 0 }, { office: settings?.officeName ?? '', project: settings?.projectName ?? '', fundingLine: settings?.fundingLine ?? '' });
    },
  });
}
