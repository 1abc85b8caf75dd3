import type { MethodInput } from '../../../../shared/rpc/contract';
import type { Dependency } from '../../data/entities';
import { useRpcQuery } from '../../data/useRpcQuery';

/** A referral shows its family's and its volunteer's names. */
const REFERRALS: readonly Dependency[] = ['referral', 'family', 'volunteer'];
/** Matching weighs the pool, its bookings and the family's district and members. */
const MATCH: readonly Dependency[] = ['referral', 'volunteer', 'family', 'member'];
const POOL: readonly Dependency[] = ['volunteer'];

export const useReferrals = (filter: NonNullable<MethodInput<'referrals.list'>>, enabled = true) => useRpcQuery('referrals.list', filter, { dependsOn: REFERRALS, keepPrevious: true, enabled });
/** Appointments in the next 48 hours that nobody has confirmed yet. */
export const useReminders = () => useRpcQuery('referrals.list', { dueWithinHours: 48 }, { dependsOn: REFERRALS });
export const useMatch = (referralId: string, enabled: boolean) => useRpcQuery('referrals.match', { referralId }, { dependsOn: MATCH, enabled });
export const useVolunteers = (filter: NonNullable<MethodInput<'volunteers.list'>>) => useRpcQuery('volunteers.list', filter, { dependsOn: POOL, keepPrevious: true });
export const useVolunteer = (id: string, enabled = true) => useRpcQuery('volunteers.get', { id }, { dependsOn: POOL, enabled });
export const useHours = (input: MethodInput<'volunteers.hours'>, enabled = true) => useRpcQuery('volunteers.hours', input, { dependsOn: ['referral', 'volunteer'], enabled });
