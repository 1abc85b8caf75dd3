import type { z } from 'zod';
import { sessionMethods } from './areas/session';
import { uiMethods } from './areas/ui';
import { auditMethods } from './areas/audit';
import { backupMethods } from './areas/backup';
import { consentMethods } from './areas/consents';
import { contactMethods } from './areas/contacts';
import { districtMethods } from './areas/districts';
import { draftMethods } from './areas/drafts';
import { familyMethods } from './areas/families';
import { memberMethods } from './areas/members';
import { officeMethods } from './areas/office';
import { caseMethods } from './areas/cases';
import { noteMethods } from './areas/notes';
import { attendanceMethods, eventMethods } from './areas/events';
import { referralMethods } from './areas/referrals';
import { exportMethods, reportMethods } from './areas/reports';
import { volunteerMethods } from './areas/volunteers';
import { planMethods } from './areas/plans';
import { timelineMethods } from './areas/timeline';
import { settingsMethods } from './areas/settings';
import { userMethods } from './areas/users';
import { hubMethods } from './areas/hub';
import type { MethodSpec } from './define';

/**
 * The one RPC method table. Every method is declared here once; the core's
 * registry refuses handlers for anything not listed, and the renderer's api
 * client is typed from it.
 */
export const contract = {
  ...sessionMethods,
  ...uiMethods,
  ...userMethods,
  ...settingsMethods,
  ...auditMethods,
  ...backupMethods,
  ...draftMethods,
  ...familyMethods,
  ...memberMethods,
  ...officeMethods,
  ...consentMethods,
  ...contactMethods,
  ...districtMethods,
  ...noteMethods,
  ...planMethods,
  ...caseMethods,
  ...timelineMethods,
  ...eventMethods,
  ...attendanceMethods,
  ...volunteerMethods,
  ...referralMethods,
  ...reportMethods,
  ...exportMethods,
  ...hubMethods,
} satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
