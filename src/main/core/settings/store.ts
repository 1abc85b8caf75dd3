import type { Settings } from '../../../shared/rpc/areas/settings';
import type { Tx } from '../db/schema';

export const DEFAULT_SETTINGS: Settings = {
  officeName: '',
  officeLocation: '',
  officeContact: '',
  retentionYears: 3,
  autoLockMinutes: 5,
  backupDir: '',
  backupKeep: 14,
  projectName: 'M³ – Mitdenken, Mitgestalten, Mitmachen',
  // The seed's line (DESIGN.md, Printed documents); offices change it in the settings when the funding changes.
  fundingLine:
    'Gefördert durch das Bundesministerium des Innern, für Bau und Heimat aufgrund eines Beschlusses des Deutschen Bundestages · Förderstelle: Bundesamt für Migration und Flüchtlinge (BAMF) · Förderzeitraum 01.07.2020 – 31.12.2022',
};

/** Settings are rows of key → JSON value; unknown or broken values fall back to the default. */
export async function readSettings(db: Tx): Promise<Settings> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (!(row.key in DEFAULT_SETTINGS)) continue;
    try {
      const value: unknown = JSON.parse(row.value);
      if (typeof value === typeof DEFAULT_SETTINGS[row.key as keyof Settings]) out[row.key] = value;
    } catch {
      // keep the default
    }
  }
  return out as unknown as Settings;
}

export async function writeSettings(db: Tx, changes: Partial<Settings>): Promise<void> {
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
  }
}
