import { noteSaveMetric, notesSearchMetric, timelineMetric } from './casework';
import type { Metric } from './context';
import { firstCallAfterDailyBackupMetric } from './daily-backup';
import { checkinMetric, checkinSearchMetric } from './events';
import { encryptionBulkInsertMetric } from './encryption';
import { encryptionFamilyPageMetric, encryptionIntakeMetric, encryptionSearchMetric } from './encryption-ops';
import { familyListMetric } from './family-list';
import { intakeP95Metric, rekeyMetric, searchP95Metric, searchVsFts5Metric } from './families';
import { matchMetric } from './referrals';
import { exportYearMetric, reportYearMetric } from './reports';
import { hubCheckinMetric, hubCheckinSearchMetric, hubFamilyListMetric, hubIntakeMetric, hubReportYearMetric, hubSearchMetric } from './hub';
import { hubExportYearMetric, hubMatchMetric, hubNoteSaveMetric, hubNotesSearchMetric, hubRekeyMetric, hubSearchTop3Metric, hubTimelineMetric, hubUnlockMetric } from './hub-twins';
import { searchTop3Metric } from './search-top3';
import { unlockMetric } from './unlock';

/**
 * Every metric `npm run bench` measures, in order. Adding one is one line here.
 * Logins and backups come first, then the searches on a settled folder; what
 * writes many families (intake, the encryption twins) and the rekey come
 * after; the hub's twins last.
 */
export const METRICS: readonly Metric[] = [
  unlockMetric,
  firstCallAfterDailyBackupMetric,
  searchP95Metric,
  searchVsFts5Metric,
  searchTop3Metric,
  familyListMetric,
  notesSearchMetric,
  timelineMetric,
  noteSaveMetric,
  checkinSearchMetric,
  checkinMetric,
  matchMetric,
  reportYearMetric,
  exportYearMetric,
  intakeP95Metric,
  encryptionIntakeMetric,
  encryptionSearchMetric,
  encryptionFamilyPageMetric,
  encryptionBulkInsertMetric,
  rekeyMetric,
  // The same data on the office hub (PostgreSQL), through a PC that joined it; what writes comes last.
  // After the single PC's metrics: its core would lock itself while the hub is seeded.
  hubUnlockMetric,
  hubSearchMetric,
  hubSearchTop3Metric,
  hubFamilyListMetric,
  hubNotesSearchMetric,
  hubTimelineMetric,
  hubNoteSaveMetric,
  hubCheckinSearchMetric,
  hubCheckinMetric,
  hubMatchMetric,
  hubReportYearMetric,
  hubExportYearMetric,
  hubIntakeMetric,
  hubRekeyMetric,
];
