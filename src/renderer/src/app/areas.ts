import {
  IconBuildingCommunity,
  IconCalendarEvent,
  IconChartBar,
  IconDoorEnter,
  IconHeartHandshake,
  IconSettings,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Role } from '../../../shared/roles';

export const AREA_IDS = ['frontdesk', 'families', 'referrals', 'volunteers', 'events', 'reports', 'admin'] as const;
export type AreaId = (typeof AREA_IDS)[number];

export interface Area {
  id: AreaId;
  icon: ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>;
  /** Roles that see the area; the core enforces the same rights on every call. */
  roles: readonly Role[];
}

export const AREAS: readonly Area[] = [
  { id: 'frontdesk', icon: IconDoorEnter, roles: ['coordinator', 'caseworker', 'reception'] },
  { id: 'families', icon: IconUsersGroup, roles: ['coordinator', 'caseworker', 'reception'] },
  { id: 'referrals', icon: IconHeartHandshake, roles: ['coordinator', 'caseworker', 'reception'] },
  { id: 'volunteers', icon: IconBuildingCommunity, roles: ['coordinator', 'caseworker'] },
  { id: 'events', icon: IconCalendarEvent, roles: ['coordinator', 'caseworker', 'reception', 'host'] },
  { id: 'reports', icon: IconChartBar, roles: ['coordinator', 'caseworker'] },
  { id: 'admin', icon: IconSettings, roles: ['coordinator'] },
];

/** Areas a role may open; before accounts exist (no role) all are listed. */
export function areasFor(role: Role | undefined): readonly Area[] {
  return role ? AREAS.filter((area) => area.roles.includes(role)) : AREAS;
}
