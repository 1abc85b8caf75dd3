/**
 * Events the core sends to every window (IPC) or browser tab (test bridge).
 * They carry no personal data: kinds of records, never ids or content.
 */

/** Kinds of records a committed write can change; `changed` names them so open screens refresh. */
export const ENTITY_KINDS = ['family', 'member', 'consent', 'contact', 'district', 'user', 'settings', 'backup', 'note', 'plan', 'case', 'event', 'registration', 'checkin', 'volunteer', 'referral', 'engagement', 'report', 'export'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface CoreEvents {
  /** After a write committed: which kinds changed; '*' after a restore replaced everything. */
  changed: { entities: (EntityKind | '*')[] };
  /** The session ended (by hand, by inactivity; a session without the hub when the hub answers again). */
  locked: { reason: 'idle' | 'manual' | 'hub_back' };
  /** Someone logged in (another tab of the bridge may still show the login screen). */
  unlocked: undefined;
  /** The day's first backup was written. */
  'backup-created': undefined;
  /** Something the logged-in person must see appeared (the background page check found damage). */
  notice: undefined;
  'language-changed': string;
  /** The office hub stopped or started answering; `pending`: check-ins in this PC's journal. */
  hub: { online: boolean; pending: number };
}
