import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { AreaId, AreaLocation } from './areas';

/** Which page shows each area: loaded on first use, one chunk per area (the two family areas share theirs). */
export interface AreaPage<A extends AreaId> {
  /** Starts loading the chunk early (when the area's link is pointed at or focused). */
  load: () => Promise<unknown>;
  page: LazyExoticComponent<ComponentType<{ location: AreaLocation<A> }>>;
}

const loadFrontDesk = () => import('../features/families/FrontDeskPage');
const loadAdmin = () => import('../features/admin/AdminPage');
// One component for both family areas: moving between them keeps the page (and the focus in the navigation).
const FrontDeskPage = lazy(() => loadFrontDesk().then((m) => ({ default: m.FrontDeskPage })));

export const AREA_PAGES: { readonly [A in AreaId]: AreaPage<A> } = {
  frontdesk: { load: loadFrontDesk, page: FrontDeskPage },
  families: { load: loadFrontDesk, page: FrontDeskPage },
  admin: { load: loadAdmin, page: lazy(() => loadAdmin().then((m) => ({ default: m.AdminPage }))) },
};
