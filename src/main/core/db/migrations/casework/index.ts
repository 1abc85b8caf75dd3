import type { Migration } from '../index';
import * as c0001 from './0001_casework';
import * as c0002 from './0002_note_search_words';

/**
 * The case-work track, recorded in `casework.schema_migrations`: a session
 * without the casework key cannot reach these tables, so they cannot be part
 * of the main list. Append only.
 */
export const CASEWORK_MIGRATIONS: readonly (readonly [name: string, migration: Migration])[] = [
  ['c0001_casework', c0001],
  ['c0002_note_search_words', c0002],
];
