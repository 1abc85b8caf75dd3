import type { Kysely } from 'kysely';
import type { DialectMigrations } from '../dialect';
import * as m0001 from './0001_accounts';
import * as m0002 from './0002_families';
import * as m0003 from './0003_early_schema';
import * as m0004 from './0004_key_holders';
import * as m0005 from './0005_family_record';
import * as m0006 from './0006_member_version';
import * as m0007 from './0007_cases';
import * as m0008 from './0008_events';
import * as m0009 from './0009_event_hosts';
import * as m0010 from './0010_volunteers';
import * as m0011 from './0011_referrals';
import * as m0012 from './0012_engagements';
import * as m0013 from './0013_office_identity';
import * as m0014 from './0014_reports';
import * as m0015 from './0015_family_search_keys';
import * as m0016 from './0016_report_parts';
import * as m0017 from './0017_one_open_registration';

/**
 * A migration uses only what both SQLite and PostgreSQL support; objects only
 * one dialect can express (FTS5, trigram indexes) come from `dialect`.
 */
export interface Migration {
  up(db: Kysely<unknown>, dialect: DialectMigrations): Promise<void>;
}

/**
 * Numbered migrations in order. Append only: never edit or reorder a released
 * one. (0001 and 0002 were rewritten once, before the first release, to run on
 * PostgreSQL too.)
 */
export const MIGRATIONS: readonly (readonly [name: string, migration: Migration])[] = [
  ['0001_accounts', m0001],
  ['0002_families', m0002],
  ['0003_early_schema', m0003],
  ['0004_key_holders', m0004],
  ['0005_family_record', m0005],
  ['0006_member_version', m0006],
  ['0007_cases', m0007],
  ['0008_events', m0008],
  ['0009_event_hosts', m0009],
  ['0010_volunteers', m0010],
  ['0011_referrals', m0011],
  ['0012_engagements', m0012],
  ['0013_office_identity', m0013],
  ['0014_reports', m0014],
  ['0015_family_search_keys', m0015],
  ['0016_report_parts', m0016],
  ['0017_one_open_registration', m0017],
];
