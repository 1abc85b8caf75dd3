import type { Role } from '../../../shared/roles';
import { roleMayCall } from '../session/useCan';
import { visibleAreas, type AreaId, type AreaLocation } from './areas';
import { lazyPage, type LazyPage } from './lazyPage';

/** Which page shows each area: loaded on first use, one chunk per area (the two family areas share theirs). */
const frontDesk = lazyPage(() => import('../features/families/FrontDeskPage').then((m) => m.FrontDeskPage));
const events = lazyPage(() => import('../features/events/EventsPage').then((m) => m.EventsPage));
const referrals = lazyPage(() => import('../features/referrals/ReferralsPage').then((m) => m.ReferralsPage));
const reports = lazyPage(() => import('../features/reports/ReportsPage').then((m) => m.ReportsPage));
const admin = lazyPage(() => import('../features/admin/AdminPage').then((m) => m.AdminPage));

export const AREA_PAGES: { readonly [A in AreaId]: LazyPage<{ location: AreaLocation<A> }> } = {
  // One component for both family areas: moving between them keeps the page (and the focus in the navigation).
  frontdesk: frontDesk,
  families: frontDesk,
  events,
  referrals,
  reports,
  admin,
};

/** The page a role's shell opens with; resolves when it is loaded (or failed: the shell then shows the error). */
export function preloadHome(role: Role | undefined): Promise<void> {
  const home = visibleAreas((method) => roleMayCall(role, method))[0];
  return home ? AREA_PAGES[home.id].preload() : Promise.resolve();
}

/** Any area's page, for the shell's outlet (the table cannot tie each page to its own location type). */
export type AnyAreaPage = LazyPage<{ location: AreaLocation<AreaId> }>['page'];
