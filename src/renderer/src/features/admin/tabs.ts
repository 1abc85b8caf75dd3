/** The administration's tabs, in order; each is a view of the admin area (app/areas.ts). */
export const ADMIN_TABS = ['users', 'settings', 'districts', 'backups', 'hub', 'audit'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];
