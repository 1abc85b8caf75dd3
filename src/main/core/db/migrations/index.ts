import type { Kysely } from 'kysely';
import * as m0001 from './0001_accounts';
import * as m0002 from './0002_families';

export interface Migration {
  up(db: Kysely<unknown>): Promise<void>;
}

/** Numbered migrations in order. Append only: never edit or reorder a released one. */
export const MIGRATIONS: readonly (readonly [name: string, migration: Migration])[] = [
  ['0001_accounts', m0001],
  ['0002_families', m0002],
];
