/**
 * What one figure of the reach report counts: the families or persons behind
 * it, with how often each counts. Person and family figures come from the
 * report's own computation (so the list always adds up to the figure); the
 * contact figures, which the report groups in the database, from a read of
 * their own with the same conditions.
 */
import type { Figure, ReportFilters } from '../../../shared/rpc/areas/reports';
import type { Db } from '../db/schema';
import { countsContacts } from './facts';
import { periodOf } from './period';
import { CHANNEL_OF_TYPE, computeReach } from './reach';
import type { ReportReads } from './reads';

export interface DrillIds {
  unit: 'families' | 'persons';
  ids: [id: string, times: number][];
}

const PERSON_TABLES = new Set(['ageBand', 'gender', 'participation']);

async function contactFamilies(db: Db, from: string, to: string, filters: ReportFilters, figure: Figure): Promise<Map<string, number>> {
  const p = periodOf(from, to);
  if (!countsContacts(filters)) return new Map();
  let q = db.selectFrom('contacts').where('occurred_at', '>=', p.start).where('occurred_at', '<', p.end);
  if (filters.fieldOfAction) q = q.where('field_of_action', '=', filters.fieldOfAction);
  if (filters.staffId) q = q.where('staff_id', '=', filters.staffId);
  if (figure.table === 'contactType') q = q.where('type', '=', figure.row);
  if (figure.table === 'contactChannel') {
    const types = Object.entries(CHANNEL_OF_TYPE)
      .filter(([, channel]) => channel === figure.row)
      .map(([type]) => type);
    q = q.where('type', 'in', types.length ? types : ['']);
  }
  if (figure.table === 'fieldOfAction') q = q.where('field_of_action', '=', Number(figure.row));
  // Topics are a JSON array of codes: a code in quotes matches it exactly.
  if (figure.table === 'contactTopic') q = q.where('topics', 'like', `%"${figure.row.replace(/[^a-z_]/g, '')}"%`);
  const rows = await q.select((eb) => ['family_id', eb.fn.countAll().as('n')]).groupBy('family_id').execute();
  return new Map(rows.map((r) => [r.family_id, Number(r.n)]));
}

export async function drillFigure(db: Db, from: string, to: string, filters: ReportFilters, figure: Figure, version?: number, reads?: ReportReads): Promise<DrillIds> {
  const contactFigure =
    ['contactType', 'contactChannel', 'contactTopic'].includes(figure.table) ||
    (figure.table === 'fieldOfAction' && (figure.column === 'contacts' || figure.column === 'contactFamilies')) ||
    (figure.table === 'summary' && figure.row === 'contacts');
  if (contactFigure) {
    const found = await contactFamilies(db, from, to, filters, figure);
    // The report's district and language filters apply to the families.
    const { reached } = await computeReach(db, from, to, filters, null, version, reads);
    return { unit: 'families', ids: [...found].filter(([id]) => reached.reachedFamilies.has(id)) };
  }
  const { drill } = await computeReach(db, from, to, filters, figure, version, reads);
  const persons =
    PERSON_TABLES.has(figure.table) ||
    (figure.table === 'migration' && figure.row === 'persons') ||
    (figure.table === 'summary' && figure.row === 'persons') ||
    // Event figures (attendees, attendances, or the row as a whole) count the persons who came.
    figure.table === 'eventType' ||
    figure.table === 'fieldOfAction';
  return { unit: persons ? 'persons' : 'families', ids: [...drill] };
}
