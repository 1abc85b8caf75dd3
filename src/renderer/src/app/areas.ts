import { IconCalendarEvent, IconChartBar, IconDoorEnter, IconHeartHandshake, IconSettings, IconUsersGroup } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { MethodName } from '../../../shared/rpc/contract';
import type { AdminTab } from '../features/admin/tabs';

/**
 * The areas of the navigation: the contract method that opens each (a role
 * that may not call it does not see the area), its views and where it opens.
 * Which page shows an area, loaded on first use, is in ./pages.ts.
 */
export const AREA_IDS = ['frontdesk', 'families', 'events', 'referrals', 'reports', 'admin'] as const;
export type AreaId = (typeof AREA_IDS)[number];

/** Views of the family areas: the search, the family list, the intake wizard, one family (`family/<id>`). */
export type DeskView = 'search' | 'list' | 'intake' | `family/${string}`;

/** Views of the events area: the calendar (month, week, list), one event, its counter (check-in). */
export type EventsView = 'calendar' | `event/${string}` | `counter/${string}`;

/**
 * Views of the volunteering area: referrals as a board or a list, one
 * referral, the volunteer pool, one volunteer (or a new one), the hours.
 */
export type ReferralsView = 'board' | 'list' | `referral/${string}` | 'pool' | `volunteer/${string}` | 'hours';

/** Views of the reports area: the reach report, and the package for the central project (coordinators). */
export type ReportsView = 'reach' | 'central';

/** What each area can show. The view is part of the location, so shortcuts, search and drafts can jump into an area. */
export interface AreaViews {
  frontdesk: DeskView;
  families: DeskView;
  events: EventsView;
  referrals: ReferralsView;
  reports: ReportsView;
  admin: AdminTab;
}

export type Location = { [A in AreaId]: { area: A; view: AreaViews[A] } }[AreaId];
export type AreaLocation<A extends AreaId> = Extract<Location, { area: A }>;

export interface AreaRoute<A extends AreaId = AreaId> {
  id: A;
  icon: ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>;
  opensWith: MethodName;
  home: AreaViews[A];
}

export const AREAS: { readonly [A in AreaId]: AreaRoute<A> } = {
  frontdesk: { id: 'frontdesk', icon: IconDoorEnter, opensWith: 'families.search', home: 'search' },
  families: { id: 'families', icon: IconUsersGroup, opensWith: 'families.list', home: 'list' },
  events: { id: 'events', icon: IconCalendarEvent, opensWith: 'events.list', home: 'calendar' },
  referrals: { id: 'referrals', icon: IconHeartHandshake, opensWith: 'referrals.list', home: 'board' },
  reports: { id: 'reports', icon: IconChartBar, opensWith: 'reports.reach', home: 'reach' },
  admin: { id: 'admin', icon: IconSettings, opensWith: 'users.list', home: 'users' },
};

/** The areas a role's check allows, in navigation order. */
export function visibleAreas(mayCall: (method: MethodName) => boolean): AreaRoute[] {
  return AREA_IDS.map((id) => AREAS[id] as AreaRoute).filter((area) => mayCall(area.opensWith));
}

export function homeOf(area: AreaRoute): Location {
  return { area: area.id, view: area.home } as Location;
}

export function isDeskArea(area: AreaId): area is 'frontdesk' | 'families' {
  return area === 'frontdesk' || area === 'families';
}

/** The family a desk view shows, if any. */
export function familyIdOf(view: DeskView): string | null {
  return view.startsWith('family/') ? view.slice('family/'.length) : null;
}
