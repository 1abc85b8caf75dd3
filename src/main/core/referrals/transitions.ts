import type { REFERRAL_STATUS } from '../../../shared/domain/lists';

export type ReferralStatus = (typeof REFERRAL_STATUS)[number];

/** Where a referral may go from each status (withdrawn is the end). */
export const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  requested: ['offered', 'cancelled', 'withdrawn'],
  offered: ['confirmed', 'requested', 'cancelled', 'withdrawn'],
  confirmed: ['done', 'no_show', 'cancelled', 'requested', 'withdrawn'],
  done: ['requested', 'withdrawn'],
  cancelled: ['requested', 'withdrawn'],
  no_show: ['requested', 'withdrawn'],
  withdrawn: [],
};

/** Back to requested from a closed referral: a reopening, which needs a reason. */
export const CLOSED: readonly ReferralStatus[] = ['done', 'cancelled', 'no_show'];
