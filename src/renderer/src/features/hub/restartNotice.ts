/**
 * A restart of the data service that was asked for (after "Make this PC the
 * office hub"): the lock screen then says why, instead of reporting a crash.
 */
/** What the lock screen says after a restart that was asked for. */
export type RestartNotice = 'session:hubMadeNotice';

let expected: RestartNotice | null = null;

export function expectRestart(messageKey: RestartNotice): void {
  expected = messageKey;
}

/** The message key of an expected restart, once; null when the restart came unasked. */
export function takeRestartNotice(): RestartNotice | null {
  const key = expected;
  expected = null;
  return key;
}
