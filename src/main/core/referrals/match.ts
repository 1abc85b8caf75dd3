import type { MatchReason } from '../../../shared/rpc/areas/referrals';
import { isConflict, type Household } from './conflict';

/** What matching knows of a volunteer (read whole: a pool of hundreds). */
export interface Candidate {
  id: string;
  firstName: string;
  lastName: string;
  roles: string[];
  languages: { code: string; level: 'native' | 'fluent' | 'basic' }[];
  districtIds: string[];
  availability: { weekday: number; from: string; to: string }[];
  absences: { from: string; to: string }[];
  qualified: boolean;
  memberId: string | null;
  /** Where they live, compared loosely with the family's address (conflict of interest). */
  addressKey: string | null;
  /** Referrals offered or confirmed to them, as [start, end) in ms. */
  booked: [number, number][];
  /** Assignments (confirmed or done) in the last 90 days. */
  recent: number;
}

export interface Need {
  kind: 'interpreting' | 'lotse' | 'pate' | 'external';
  language: string | null;
  start: Date;
  durationMin: number;
  districtId: string | null;
  household: Household;
}

const ROLE_FOR: Record<Need['kind'], string | null> = { interpreting: 'interpreter', lotse: 'lotse', pate: 'pate', external: null };
const LEVEL_POINTS = { native: 30, fluent: 22, basic: 8 } as const;

/** Minutes since local midnight of a moment, and of an HH:MM time. */
const minutesOf = (d: Date) => d.getHours() * 60 + d.getMinutes();
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * Ranks volunteers for a need, best first, each with the reasons for and
 * against in words (codes the UI translates): speaks the language (level
 * weighted), free at the appointment (weekly slot, no absence, no other
 * booking), covers the district, qualified, fewer assignments lately. The
 * family's own members (conflict of interest) and those without the role are
 * never suggested; interpreting needs the language.
 */
export function rankVolunteers(need: Need, pool: readonly Candidate[]): { volunteerId: string; firstName: string; lastName: string; score: number; reasons: MatchReason[] }[] {
  const role = ROLE_FOR[need.kind];
  if (!role) return [];
  const start = need.start;
  const end = new Date(start.getTime() + need.durationMin * 60_000);
  const weekday = ((start.getDay() + 6) % 7) + 1;
  const from = minutesOf(start);
  // An appointment past midnight fits no weekly slot (slots are within one day).
  const sameDay = isoDay(end) === isoDay(start) || minutesOf(end) === 0;
  const to = sameDay ? from + need.durationMin : Infinity;
  const days = [isoDay(start), isoDay(end)];
  const out = [];
  for (const v of pool) {
    if (!v.roles.includes(role)) continue;
    // A conflict of interest is never suggested (their own family, or the same address).
    if (isConflict(v, need.household)) continue;
    const reasons: MatchReason[] = [];
    let score = 0;
    const speaks = need.language ? v.languages.find((l) => l.code === need.language) : undefined;
    if (need.language) {
      if (speaks) {
        score += LEVEL_POINTS[speaks.level];
        reasons.push({ code: 'speaks', positive: true, params: { language: need.language, level: speaks.level } });
      } else if (need.kind === 'interpreting') continue;
      else reasons.push({ code: 'no_language', positive: false, params: { language: need.language } });
    }
    const slot = v.availability.find((a) => a.weekday === weekday && minutes(a.from) <= from && minutes(a.to) >= to);
    if (slot) {
      score += 25;
      reasons.push({ code: 'available', positive: true, params: { weekday, from: slot.from, to: slot.to } });
    } else {
      score -= 15;
      reasons.push({ code: 'not_available', positive: false, params: { weekday } });
    }
    if (v.absences.some((a) => days.some((day) => a.from <= day && a.to >= day))) {
      score -= 60;
      reasons.push({ code: 'absent', positive: false, params: {} });
    }
    if (v.booked.some(([s, e]) => s < end.getTime() && e > start.getTime())) {
      score -= 50;
      reasons.push({ code: 'busy', positive: false, params: {} });
    }
    if (need.districtId && v.districtIds.includes(need.districtId)) {
      score += 10;
      reasons.push({ code: 'district', positive: true, params: {} });
    }
    if (v.qualified && need.kind === 'interpreting') {
      score += 10;
      reasons.push({ code: 'qualified', positive: true, params: {} });
    }
    score -= Math.min(20, v.recent * 3);
    reasons.push({ code: 'recent_assignments', positive: v.recent === 0, params: { count: v.recent } });
    out.push({ volunteerId: v.id, firstName: v.firstName, lastName: v.lastName, score, reasons });
  }
  return out.sort((a, b) => b.score - a.score || a.lastName.localeCompare(b.lastName) || a.volunteerId.localeCompare(b.volunteerId));
}
