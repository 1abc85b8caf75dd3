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
import { searchTop3Metric } from './search-top3';
import { unlockMetric } from './unlock';

/**
 * Every metric `npm run bench` measures, in order. Adding one is one line here.
 * Logins and backups come first, then the searches on a settled folder; what
 * writes many families (intake, the encryption twins) and the rekey come last.
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
  // The same data on the office hub (PostgreSQL), through a PC that joined it.
  hubSearchMetric,
  hubFamilyListMetric,
  hubCheckinSearchMetric,
  hubCheckinMetric,
  hubReportYearMetric,
  hubIntakeMetric,
  intakeP95Metric,
  encryptionIntakeMetric,
  encryptionSearchMetric,
  encryptionFamilyPageMetric,
  encryptionBulkInsertMetric,
  rekeyMetric,
];
