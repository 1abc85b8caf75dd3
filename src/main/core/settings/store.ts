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
  centralRecipient: '',
  suppressionThreshold: 5,
  exportEndpoint: '',
  pseudonymKeySet: false,
};

/** Kept as a settings row but never part of what settings.get answers: only the export reads it. */
const PSEUDONYM_KEY = 'pseudonymKey';

/** Settings are rows of key → JSON value; unknown or broken values fall back to the default. */
export async function readSettings(db: Tx): Promise<Settings> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (row.key === PSEUDONYM_KEY) out.pseudonymKeySet = row.value !== '""';
    if (!(row.key in DEFAULT_SETTINGS) || row.key === 'pseudonymKeySet') continue;
    try {
      const value: unknown = JSON.parse(row.value);
      if (typeof value === typeof DEFAULT_SETTINGS[row.key as keyof Settings]) out[row.key] = value;
    } catch {
      // keep the default
    }
  }
  return out as unknown as Settings;
}

/** The central project's pseudonym key, or null when none is configured. */
export async function readPseudonymKey(db: Tx): Promise<Buffer | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', PSEUDONYM_KEY).executeTakeFirst();
  const hex = row ? (JSON.parse(row.value) as unknown) : '';
  return typeof hex === 'string' && /^[0-9a-fA-F]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
}

export async function writeSettings(db: Tx, changes: Partial<Omit<Settings, 'pseudonymKeySet'>> & { pseudonymKey?: string }): Promise<void> {
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || key === 'pseudonymKeySet') continue;
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
  }
}
