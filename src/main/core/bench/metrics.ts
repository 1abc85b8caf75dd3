import type { Metric } from './context';
import { encryptionOverheadMetric } from './encryption';
import { intakeP95Metric, rekeyMetric, searchP95Metric, searchVsFts5Metric } from './families';
import { unlockMetric } from './unlock';

/** Every metric `npm run bench` measures, in order. Adding one is one line here. */
export const METRICS: readonly Metric[] = [unlockMetric, encryptionOverheadMetric, searchP95Metric, searchVsFts5Metric, intakeP95Metric, rekeyMetric];
