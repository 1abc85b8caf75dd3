import type { EntityKind } from '../../../shared/rpc/events';

/** What a query's answer is made of: some kinds of records, or '*' for anything (the audit log records every write). */
export type Dependency = EntityKind | '*';

/** The kinds a `changed` event names, or null for a payload that is not one (ignored). */
export function changedKinds(payload: unknown): string[] | null {
  const entities = (payload as { entities?: unknown } | null | undefined)?.entities;
  return Array.isArray(entities) && entities.every((e) => typeof e === 'string') ? entities : null;
}

/** Whether an answer built from `dependsOn` may be out of date after `changed`. */
export function isAffected(dependsOn: readonly Dependency[] | undefined, changed: readonly string[]): boolean {
  // A query that names no dependencies is refreshed on every change rather than shown stale.
  if (!dependsOn || dependsOn.includes('*') || changed.includes('*')) return true;
  return dependsOn.some((kind) => changed.includes(kind));
}
