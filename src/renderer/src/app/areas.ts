import { IconDoorEnter, IconSettings, IconUsersGroup } from '@tabler/icons-react';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MethodName } from '../../../shared/rpc/contract';
import type { AdminTab } from '../features/admin/tabs';

/**
 * The route table: each area of the navigation, the contract method that
 * opens it (a role that may not call it does not see the area), where it
 * opens, and its page, loaded on first use as a chunk of its own.
 */
export const AREA_IDS = ['frontdesk', 'families', 'admin'] as const;
export type AreaId = (typeof AREA_IDS)[number];

/** Views of the family areas: the search, the intake wizard, one family (`family/<id>`). */
export type DeskView = 'search' | 'intake' | `family/${string}`;

/** What each area can show. The view is part of the location, so shortcuts, search and drafts can jump into an area. */
export interface AreaViews {
  frontdesk: DeskView;
  families: DeskView;
  admin: AdminTab;
}

export type Location = { [A in AreaId]: { area: A; view: AreaViews[A] } }[AreaId];
export type AreaLocation<A extends AreaId> = Extract<Location, { area: A }>;

export interface AreaRoute<A extends AreaId = AreaId> {
  id: A;
  icon: ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>;
  opensWith: MethodName;
  home: AreaViews[A];
  /** Starts loading the page's chunk early (when its link is pointed at or focused). */
  load: () => Promise<unknown>;
  page: LazyExoticComponent<ComponentType<{ location: AreaLocation<A> }>>;
}

const loadFrontDesk = () => import('../features/families/FrontDeskPage');
const loadAdmin = () => import('../features/admin/AdminPage');
// One component for both family areas: moving between them keeps the page (and the focus in the navigation).
const FrontDeskPage = lazy(() => loadFrontDesk().then((m) => ({ default: m.FrontDeskPage })));

export const AREAS: { readonly [A in AreaId]: AreaRoute<A> } = {
  frontdesk: { id: 'frontdesk', icon: IconDoorEnter, opensWith: 'families.search', home: 'search', load: loadFrontDesk, page: FrontDeskPage },
  families: { id: 'families', icon: IconUsersGroup, opensWith: 'families.search', home: 'search', load: loadFrontDesk, page: FrontDeskPage },
  admin: { id: 'admin', icon: IconSettings, opensWith: 'users.list', home: 'users', load: loadAdmin, page: lazy(() => loadAdmin().then((m) => ({ default: m.AdminPage }))) },
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
