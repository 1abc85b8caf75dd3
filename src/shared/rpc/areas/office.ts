import { z } from 'zod';
import { COORDINATOR_ONLY } from '../../roles';
import { defineMethod } from '../define';

export const officeMethods = {
  /**
   * The office's signing identity for the central project: the Ed25519
   * public key and its fingerprint, to register with the central office
   * (made by migration 0013, so every office database has one).
   */
  'office.identity': defineMethod({
    input: z.object({}).strict(),
    output: z.object({ publicKey: z.string(), fingerprint: z.string() }),
    roles: COORDINATOR_ONLY,
    writes: false,
  }),
};
