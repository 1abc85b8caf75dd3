import { DomainError } from '../../../shared/errors';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../../../shared/rpc/areas/timeline';
import type { Contract } from '../../../shared/rpc/contract';
import { requireDb, requireSession } from '../db/require';
import type { HiddenNotes } from '../db/dialect';
import type { Tx } from '../db/schema';
import { mayRead, staffNames } from '../notes/rows';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';

const PAGE = 30;

interface Cursor {
  at: string;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    // fall through
  }
  throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['cursor'], message: 'validation:invalid' }] });
}

type Entry = TimelineEntry & { byId: string | null };

/**
 * One page of a family's timeline, newest first: each source is read on its
 * (family, time) index from the cursor on, at most one page each, and the
 * pages are merged. Notes and plan changes come only from the case-work
 * store, and only when this session holds it; a confidential note of someone
 * else shows that it exists, never its words.
 */
async function page(db: Tx, familyId: string, kinds: Set<TimelineKind>, field: number | undefined, cursor: Cursor | null, limit: number, me: string, casework: boolean, hidden?: HiddenNotes): Promise<Entry[]> {
  const n = limit + 1;
  const out: Entry[] = [];
  if (kinds.has('contact')) {
    let q = db.selectFrom('contacts').select(['id', 'occurred_at as at', 'type', 'note', 'field_of_action', 'staff_id']).where('family_id', '=', familyId);
    if (field) q = q.where('field_of_action', '=', field);
    if (cursor) q = q.where((eb) => eb.or([eb('occurred_at', '<', cursor.at), eb.and([eb('occurred_at', '=', cursor.at), eb('id', '<', cursor.id)])]));
    for (const r of await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(n).execute()) {
      out.push({ kind: 'contact', id: r.id, at: r.at, fieldOfAction: r.field_of_action, what: r.type, text: r.note, byName: null, byId: r.staff_id, confidential: false });
    }
  }
  if (kinds.has('consent') && !field) {
    let q = db.selectFrom('consents').select(['id', 'recorded_at as at', 'purpose', 'given', 'withdrawn_at', 'recorded_by']).where('family_id', '=', familyId);
    if (cursor) q = q.where((eb) => eb.or([eb('recorded_at', '<', cursor.at), eb.and([eb('recorded_at', '=', cursor.at), eb('id', '<', cursor.id)])]));
    for (const r of await q.orderBy('recorded_at', 'desc').orderBy('id', 'desc').limit(n).execute()) {
      const what = r.withdrawn_at ? 'withdrawn' : r.given === 1 ? 'given' : 'refused';
      out.push({ kind: 'consent', id: r.id, at: r.at, fieldOfAction: null, what: `${r.purpose}.${what}`, text: null, byName: null, byId: r.recorded_by, confidential: false });
    }
  }
  if (casework && kinds.has('note')) {
    let q = db
      .selectFrom('casework.notes')
      .select(['id', 'occurred_on as at', 'kind', 'excerpt', 'field_of_action', 'author_id', 'confidential', 'deleted_at'])
      .where('family_id', '=', familyId);
    // Filtering by field would tell the field of a note the reader may not read: only readable ones are filtered.
    if (field) q = q.where('field_of_action', '=', field).where((eb) => eb.or([eb('confidential', '=', 0), eb('author_id', '=', me)]));
    if (cursor) q = q.where((eb) => eb.or([eb('occurred_on', '<', cursor.at), eb.and([eb('occurred_on', '=', cursor.at), eb('id', '<', cursor.id)])]));
    const rows = await q.orderBy('occurred_on', 'desc').orderBy('id', 'desc').limit(n).execute();
    // On the hub the database hides others' confidential notes: their bare headers show that they exist (not when filtering by field).
    if (hidden && !field) {
      const headers = (await hidden.headers(db, { familyId })).filter((h) => !cursor || h.occurred_on < cursor.at || (h.occurred_on === cursor.at && h.id < cursor.id));
      rows.push(...headers.map((h) => ({ id: h.id, at: h.occurred_on, kind: '', excerpt: null, field_of_action: 0, author_id: h.author_id, confidential: 1, deleted_at: h.deleted_at })));
    }
    for (const r of rows) {
      const readable = r.deleted_at === null && mayRead(r, me);
      const text = readable ? r.excerpt : null;
      const what = r.deleted_at ? 'deleted' : readable ? r.kind : 'confidential';
      out.push({ kind: 'note', id: r.id, at: r.at, fieldOfAction: readable ? r.field_of_action : null, what, text, byName: null, byId: r.author_id, confidential: r.confidential === 1 });
    }
  }
  if (casework && kinds.has('plan')) {
    let q = db.selectFrom('casework.plan_events').select(['id', 'at', 'kind', 'summary', 'field_of_action', 'user_id']).where('family_id', '=', familyId);
    if (field) q = q.where('field_of_action', '=', field);
    if (cursor) q = q.where((eb) => eb.or([eb('at', '<', cursor.at), eb.and([eb('at', '=', cursor.at), eb('id', '<', cursor.id)])]));
    for (const r of await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(n).execute()) {
      out.push({ kind: 'plan', id: r.id, at: r.at, fieldOfAction: r.field_of_action, what: r.kind, text: r.summary, byName: null, byId: r.user_id, confidential: false });
    }
  }
  return out.sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1)).slice(0, n);
}

/** The `timeline.list` area: one chronological list per family, paged by a cursor. */
export function registerTimelineApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('timeline', {
    'timeline.list': async (input, ctx) => {
      const db = requireDb(ctx);
      const me = requireSession(ctx).userId;
      if (!(await db.selectFrom('families').select('id').where('id', '=', input.familyId).executeTakeFirst())) throw new DomainError('NOT_FOUND', 'errors:family_not_found');
      const casework = !!services.state.keys?.casework && services.state.caseworkReady;
      const limit = input.limit ?? PAGE;
      const rows = await page(db, input.familyId, new Set(input.kinds ?? TIMELINE_KINDS), input.fieldOfAction, decodeCursor(input.cursor), limit, me, casework, services.state.dialect.hiddenNotes);
      ctx.audit('family', input.familyId);
      const items = rows.slice(0, limit);
      const names = await staffNames(db, items.map((i) => i.byId).filter((id): id is string => !!id));
      const last = items.at(-1);
      return {
        items: items.map(({ byId, ...i }) => ({ ...i, byName: byId ? (names.get(byId) ?? null) : null })),
        next: rows.length > limit && last ? encodeCursor(last) : null,
      };
    },
  });
}
